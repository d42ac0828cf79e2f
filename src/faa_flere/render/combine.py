"""The combined pack put together from PDFs already written: the cover first, then every
material's pages, with their bookmarks, named destinations, form fields and tags.

The materials are laid out once, each in whatever process wrote its own PDF; only the
bytes cross a process boundary, so the combined pack is made from those bytes (with
pikepdf) rather than from laid-out pages. The serial build does the same, so a build
gives the same bytes whatever the number of processes.

Each material's PDF brings its own copies of what its pages use: the output intent's
colour profile, big font programs, crop marks, form field appearances. Identical
copies are kept once in the pack (:func:`_share_identical`); font subsets of different
glyph sets are different programs and stay.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from collections.abc import Sequence
from typing import Any

import pikepdf


def combine(front: bytes, parts: Sequence[bytes], copies: int = 1) -> bytes:
    """``front`` (the cover and contents: its catalogue, metadata and output intent are the
    pack's) followed by the pages of each of ``parts``, in order; with ``copies`` > 1, all
    those pages that many times over (the repeats are paper copies: without links, form
    fields or tags).

    A named destination of a part replaces one of the same name in ``front``: the contents
    page links to ``materiale-<id>``, which the cover names on its own contents rows.
    """
    with contextlib.ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(io.BytesIO(front)))
        version = pdf.pdf_version
        for data in parts:
            # Copied streams are read from their source when the result is saved.
            source = stack.enter_context(pikepdf.open(io.BytesIO(data)))
            version = max(version, source.pdf_version)
            _append(pdf, source)
        if copies > 1:
            _repeat_pages(pdf, copies)
        _share_identical(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            min_version=version,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
        )
    return out.getvalue()


def join(parts: Sequence[bytes], copies: int = 1) -> bytes:
    """The pages of ``parts`` (sections of one material) in one PDF, under the first one's
    catalogue and metadata, ``copies`` times over (see :func:`combine`)."""
    return combine(parts[0], parts[1:], copies)


def _repeat_pages(pdf: pikepdf.Pdf, copies: int) -> None:
    count = len(pdf.pages)
    for _ in range(copies - 1):
        for index in range(count):
            pdf.pages.append(pdf.pages[index])
            page = pdf.pages[-1].obj
            for key in ("/Annots", "/StructParents"):
                if key in page:
                    del page[key]


def _append(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    first = len(pdf.pages)
    # Pages first: what is copied afterwards (destinations, outline items, structure
    # elements, form fields) refers to the same copied pages and annotations.
    with warnings.catch_warnings():
        # pikepdf warns that form fields and links are not carried over with the pages:
        # they are, below, and so are the tags its add_pages_from would not renumber.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        pdf.pages.extend(source.pages)
    root, other = pdf.Root, source.Root
    if "/StructTreeRoot" in other:
        _append_structure(pdf, source, first)
    if "/Names" in other and "/Dests" in other.Names:
        _append_destinations(pdf, source)
    if "/Outlines" in other and "/First" in other.Outlines:
        _append_outline(pdf, source)
    if "/AcroForm" in other:
        _append_form(pdf, source)
    if "/Lang" not in root and "/Lang" in other:
        root.Lang = other.Lang


def _copy(pdf: pikepdf.Pdf, source: pikepdf.Pdf, obj: Any) -> Any:
    """``obj`` of ``source`` copied into ``pdf``; what it refers to that was copied before
    (the pages above all) is referred to, not copied again."""
    return pdf.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))


def _append_destinations(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    root = pdf.Root
    if "/Names" not in root:
        root.Names = pikepdf.Dictionary()
    if "/Dests" not in root.Names:
        root.Names.Dests = pikepdf.NameTree.new(pdf).obj
    tree = pikepdf.NameTree(root.Names.Dests)
    for name, destination in pikepdf.NameTree(source.Root.Names.Dests).items():
        tree[name] = _copy(pdf, source, destination)


def _append_outline(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    copied = _copy(pdf, source, source.Root.Outlines)
    root = pdf.Root
    if "/Outlines" not in root or "/First" not in root.Outlines:
        root.Outlines = copied
        return
    outline = root.Outlines
    item = copied.First
    while True:
        item.Parent = outline
        if "/Next" not in item:
            break
        item = item.Next
    last = outline.Last
    last.Next, copied.First.Prev = copied.First, last
    outline.Last = copied.Last
    outline.Count = int(outline.get("/Count", 0)) + int(copied.get("/Count", 0))


def _append_structure(pdf: pikepdf.Pdf, source: pikepdf.Pdf, first: int) -> None:
    """The part's structure elements become children of the pack's document element, and
    its parent tree entries are numbered on from the pack's (pages and annotations too)."""
    root = pdf.Root
    tree = _copy(pdf, source, source.Root.StructTreeRoot)
    if "/StructTreeRoot" not in root:
        root.StructTreeRoot = tree
        return
    ours = root.StructTreeRoot
    document = _document_element(ours)
    kids = document.get("/K")
    if not isinstance(kids, pikepdf.Array):
        document.K = kids = pikepdf.Array([] if kids is None else [kids])
    for element in _elements(tree.get("/K")):
        for kid in _elements(element.get("/K")) if element.get("/S") == "/Document" else [element]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                kid.P = document
            kids.append(kid)
    numbers = ours.ParentTree.Nums
    offset = _next_key(ours)
    theirs = tree.ParentTree.Nums
    for index in range(0, len(theirs), 2):
        numbers.append(int(theirs[index]) + offset)
        numbers.append(theirs[index + 1])
    ours.ParentTreeNextKey = offset + _next_key(tree)
    for page in pdf.pages[first:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    for key in ("/RoleMap", "/ClassMap"):
        if key in tree:
            mapping = ours.get(key)
            if mapping is None:
                ours[key] = mapping = pikepdf.Dictionary()
            for name, value in tree[key].items():
                if name not in mapping:
                    mapping[name] = value


def _elements(kids: Any) -> list[Any]:
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _document_element(tree: Any) -> Any:
    """The structure tree's one document element (made if the tree has another shape)."""
    kids = _elements(tree.get("/K"))
    if len(kids) == 1 and isinstance(kids[0], pikepdf.Dictionary) and kids[0].get("/S") == "/Document":
        return kids[0]
    raise ValueError("a tagged PDF without one /Document element at the root of its structure")


def _next_key(tree: Any) -> int:
    """The first parent tree key not yet used."""
    numbers = tree.ParentTree.Nums
    keys = [int(numbers[i]) for i in range(0, len(numbers), 2)]
    return max(int(tree.get("/ParentTreeNextKey", 0)), max(keys, default=-1) + 1)


def _append_form(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    copied = _copy(pdf, source, source.Root.AcroForm)
    root = pdf.Root
    if "/AcroForm" not in root:
        root.AcroForm = copied
        return
    form = root.AcroForm
    if "/Fields" not in form:
        form.Fields = pikepdf.Array()
    for field in copied.get("/Fields", []):
        form.Fields.append(field)
    if "/DR" in copied:
        if "/DR" not in form:
            form.DR = pikepdf.Dictionary()
        for kind, entries in copied.DR.items():
            if kind not in form.DR:
                form.DR[kind] = entries
                continue
            for name, value in entries.items():
                if name not in form.DR[kind]:
                    form.DR[kind][name] = value
    for key in ("/NeedAppearances", "/DA"):
        if key in copied and key not in form:
            form[key] = copied[key]


#: Objects that are somewhere in particular (a page, a place in the tags or the outline) or
#: one of a set by their identity: never shared, even when they look alike.
_PLACED = frozenset(
    {"/Catalog", "/Pages", "/Page", "/Annot", "/StructTreeRoot", "/StructElem", "/Outlines", "/OCG", "/OCMD"}
)

#: Keys that lead back up, to where an object is rather than to what it is made of.
_UPWARDS = frozenset({"/Parent", "/P"})


def _share_identical(pdf: pikepdf.Pdf) -> None:
    """Every set of identical shareable objects becomes its first (lowest numbered) one, and
    every reference to the others points to it; the others, no longer reachable, are not
    written when the pack is saved (qpdf writes what the trailer leads to).

    Shareable are streams and what pages' resources and form appearances are made of
    (fonts and their descriptors, graphics states, colour spaces). Identical means the same
    still-compressed stream data, the same dictionary or array apart from ``/Length``, and
    references to objects identical in turn, found by refining classes of alike objects
    until no class splits (references that form a cycle are handled too).
    """
    shareable = _shareable(pdf)
    shapes: dict[tuple[int, int], bytes] = {}
    leads_to: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key, obj in shareable.items():
        refs: list[tuple[int, int]] = []
        shape = _shape(obj, shareable, refs, top=True)
        if isinstance(obj, pikepdf.Stream):
            shape += hashlib.sha256(obj.read_raw_bytes()).digest()
        shapes[key], leads_to[key] = shape, refs
    classes = {key: hashlib.sha256(shape).digest() for key, shape in shapes.items()}
    count = len(set(classes.values()))
    while True:
        refined = {
            key: hashlib.sha256(shapes[key] + b"".join(classes[r] for r in leads_to[key])).digest()
            for key in shapes
        }
        # Each round splits classes or keeps them; the same number means the same classes.
        new_count = len(set(refined.values()))
        classes = refined
        if new_count == count:
            break
        count = new_count
    first: dict[bytes, tuple[int, int]] = {}
    replace: dict[tuple[int, int], pikepdf.Object] = {}
    for key in sorted(classes):
        kept = first.setdefault(classes[key], key)
        if kept != key:
            replace[key] = shareable[kept]
    if not replace:
        return
    for obj in [pdf.trailer, *pdf.objects]:
        # The replaced ones are left behind: nothing will lead to them.
        if not (obj.is_indirect and obj.objgen in replace):
            _point_to_kept(obj, replace)


def _shareable(pdf: pikepdf.Pdf) -> dict[tuple[int, int], Any]:
    """Streams, and what pages' resources and the form's resources lead to, by number."""
    found: dict[tuple[int, int], Any] = {}
    todo: list[Any] = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
    for page in pdf.pages:
        if "/Resources" in page.obj:
            todo.append(page.obj.Resources)
    if "/AcroForm" in pdf.Root and "/DR" in pdf.Root.AcroForm:
        todo.append(pdf.Root.AcroForm.DR)
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            if obj.is_indirect:
                if obj.objgen in found or obj.get("/Type") in _PLACED:
                    continue
                found[obj.objgen] = obj
            todo.extend(value for name, value in obj.items() if name not in _UPWARDS)
        elif isinstance(obj, pikepdf.Array):
            if obj.is_indirect:
                if obj.objgen in found:
                    continue
                found[obj.objgen] = obj
            todo.extend(obj)
    return dict(sorted(found.items()))


def _shape(
    obj: Any, shareable: dict[tuple[int, int], Any], refs: list[tuple[int, int]], top: bool = False
) -> bytes:
    """``obj`` written out with each reference to a shareable object as a mark (the object is
    added to ``refs``, in order) and each other reference by its number."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect and not top:
        if obj.objgen in shareable:
            refs.append(obj.objgen)
            return b"@"
        return b"R%d,%d" % obj.objgen
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        items = sorted((name, value) for name, value in obj.items() if name != "/Length")
        inner = b"".join(name.encode() + b" " + _shape(value, shareable, refs) for name, value in items)
        return (b"S<<" if isinstance(obj, pikepdf.Stream) else b"<<") + inner + b">>"
    if isinstance(obj, pikepdf.Array):
        return b"[" + b" ".join(_shape(value, shareable, refs) for value in obj) + b"]"
    if isinstance(obj, pikepdf.Object):
        return obj.unparse()
    return repr(obj).encode()


def _point_to_kept(obj: Any, replace: dict[tuple[int, int], pikepdf.Object]) -> None:
    """References in ``obj`` and its direct parts to a replaced object point to the kept one."""
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for name in list(obj.keys()):
            value = obj[name]
            if isinstance(value, pikepdf.Object) and value.is_indirect:
                if value.objgen in replace:
                    obj[name] = replace[value.objgen]
            else:
                _point_to_kept(value, replace)
    elif isinstance(obj, pikepdf.Array):
        for index, value in enumerate(obj):
            if isinstance(value, pikepdf.Object) and value.is_indirect:
                if value.objgen in replace:
                    obj[index] = replace[value.objgen]
            else:
                _point_to_kept(value, replace)
