"""``faa-flere serve``: a local web page where staff make and print their area's pack.

The page calls the same core as the command line: editions are loaded and checked by
:func:`faa_flere.load_edition`, packs are made by :func:`faa_flere.build_pack`. It only
ever writes inside the editions folder (area.yaml and the logo) and its own output folder.
"""

from __future__ import annotations

import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from flask import Flask, abort, jsonify, redirect, render_template, request, send_from_directory, url_for

from ..content.assets import MAX_LOGO_BYTES
from ..content.edition import AREA_FILE
from ..content.scaffold import new_area, slugify
from ..errors import FaaFlereError
from ..materials import PACK_FILENAME, REGISTRY, by_id
from ..pack.builder import build_pack
from ..pack.settings import PrintSettings
from ..render.cache import RenderCache
from . import editing
from .jobs import Job, Jobs
from .preview import pdf_to_pngs

BY_ID = by_id()

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
PROFILES = {"home": "Kontorprinter", "shop": "Trykkeri", "screen": "Skærm (udfyldes på computer)"}
DUPLEX = {"long": "Vend på den lange kant", "short": "Vend på den korte kant", "none": "Enkeltsidet"}


def create_app(editions: Path, out: Path, builds: ThreadPoolExecutor | None = None) -> Flask:
    """The page for the editions in ``editions``. ``builds`` runs the builds in the background
    (one at a time: Pango and fontconfig are not safe in two threads); give the same one to
    several apps in one process."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_LOGO_BYTES + 512 * 1024  # a logo and the form
    token = secrets.token_urlsafe(24)
    jobs = Jobs(builds or ThreadPoolExecutor(max_workers=1, thread_name_prefix="faa-flere-build"))
    cache = RenderCache()
    editions = editions.resolve()
    out = out.resolve()

    @app.before_request
    def local_only() -> None:
        # The page acts on the user's files: answer only to this machine, and only to our own forms.
        if request.host.rsplit(":", 1)[0] not in LOCAL_HOSTS:
            abort(403)
        if request.method == "POST" and request.form.get("token") != token:
            abort(403)

    @app.context_processor
    def common() -> dict[str, Any]:
        return {"token": token, "materials": BY_ID}

    def folder_of(slug: str) -> Path:
        folder = (editions / slug).resolve()
        if not SLUG.match(slug) or folder.parent != editions or not (folder / AREA_FILE).is_file():
            abort(404)
        return folder

    def web_out(slug: str) -> Path:
        return out / slug

    @app.get("/")
    def start() -> str:
        found = (
            sorted(p.name for p in editions.iterdir() if (p / AREA_FILE).is_file())
            if editions.is_dir()
            else []
        )
        return render_template("start.html", editions=found, error="")

    @app.post("/ny")
    def create() -> Any:
        name = request.form.get("name", "").strip()
        slug = slugify(name)
        if not name or not slug:
            return render_template("start.html", editions=[], error="Skriv områdets navn."), 400
        if (editions / slug).exists():
            return redirect(url_for("edit", slug=slug))
        try:
            new_area(name, editions)
        except FaaFlereError:
            return render_template("start.html", editions=[], error="Navnet kan ikke bruges."), 400
        return redirect(url_for("edit", slug=slug))

    def show(
        slug: str, errors: dict[str, str] | None = None, general: list[str] | None = None, status: int = 200
    ) -> tuple[str, int]:
        folder = folder_of(slug)
        try:
            content, forms = editing.form_view(folder)
        except FaaFlereError as e:
            return render_template("broken.html", slug=slug, message=str(e)), 400
        assert content.local is not None  # an edition always has its local part
        preview = sorted_previews(web_out(slug) / "preview")
        return (
            render_template(
                "edit.html",
                slug=slug,
                content=content,
                area=content.local.area,
                partners=list(content.local.partners),
                forms=forms,
                errors=errors or {},
                general=general or [],
                form=request.form if errors or general else None,
                preview=preview,
                profiles=PROFILES,
                duplex=DUPLEX,
                job=request.args.get("job", ""),
                saved=request.args.get("gemt") == "1",
            ),
            status,
        )

    @app.get("/udgave/<slug>")
    def edit(slug: str) -> Any:
        return show(slug)

    @app.post("/udgave/<slug>")
    def save(slug: str) -> Any:
        folder = folder_of(slug)
        logo = None
        upload = request.files.get("logo")
        if upload and upload.filename:
            suffix = Path(upload.filename).suffix.lower()
            if suffix not in (".svg", ".png", ".jpg", ".jpeg"):
                return show(slug, {"logo": "Logoet skal være en SVG-, PNG- eller JPEG-fil."}, status=400)
            logo = (f"logo{suffix}", upload.read())
        saved = editing.apply_form(folder, request.form.to_dict(flat=False), logo)
        if not saved.ok:
            return show(slug, saved.errors, saved.general, status=400)
        job = jobs.start(slug, "preview", lambda job: make_preview(folder, web_out(slug), cache, job))
        return redirect(url_for("edit", slug=slug, gemt="1", job=job.id) + "#forhaandsvisning")

    @app.post("/udgave/<slug>/pakke")
    def pack(slug: str) -> Any:
        folder = folder_of(slug)
        profile = request.form.get("profile", "home")
        duplex = request.form.get("duplex", "long")
        if profile not in PROFILES or duplex not in DUPLEX:
            abort(400)
        job = jobs.start(
            slug, "pack", lambda job: make_pack(folder, web_out(slug), profile, duplex, cache, job)
        )
        return redirect(url_for("edit", slug=slug, job=job.id) + "#print")

    @app.get("/job/<job_id>")
    def job_status(job_id: str) -> Any:
        job = jobs.get(job_id)
        if job is None:
            abort(404)
        files = [
            {"name": name, "url": url_for("download", slug=job.edition, name=name)} for name in job.files
        ]
        return jsonify(state=job.state, kind=job.kind, message=job.message, files=files)

    @app.get("/udgave/<slug>/fil/<path:name>")
    def download(slug: str, name: str) -> Any:
        folder_of(slug)
        return send_from_directory(web_out(slug), name, as_attachment=name.endswith((".pdf", ".svg")))

    return app


def make_preview(folder: Path, out: Path, cache: RenderCache, job: Job) -> None:
    """Build the pack and turn each material's pages into small images."""
    result = build_pack(folder, out / "preview-pdf", cache=cache)
    images = out / "preview"
    fresh = out / ".preview-new"
    for old in fresh.glob("*.png") if fresh.exists() else []:
        old.unlink()
    for document in result.documents:
        if document.filename != PACK_FILENAME and BY_ID[document.material].in_pack(document.variant):
            pdf_to_pngs(
                result.out_dir / document.filename,
                fresh,
                f"{BY_ID[document.material].number}-{document.material}",
            )
    if images.exists():
        for old in images.glob("*.png"):
            old.unlink()
        images.rmdir()
    fresh.rename(images)


def make_pack(folder: Path, out: Path, profile: str, duplex: str, cache: RenderCache, job: Job) -> None:
    target = out / f"{profile}-{duplex}"
    settings = PrintSettings(profile=profile, duplex=duplex)  # type: ignore[arg-type]
    result = build_pack(folder, target, settings=settings, cache=cache)
    ordered = [d for d in result.documents if d.filename == PACK_FILENAME]
    ordered += [d for d in result.documents if d.filename != PACK_FILENAME]
    job.files = [f"{target.name}/{d.filename}" for d in ordered]
    # The plotter's cut files (one SVG per sheet of pieces), for a Cricut or Silhouette.
    job.files += [f"{target.name}/{name}" for name in result.extra_files]


def sorted_previews(folder: Path) -> list[tuple[str, list[str]]]:
    """Preview images grouped by material, in the pack's order."""
    if not folder.is_dir():
        return []
    groups: dict[str, list[str]] = {}
    for path in folder.glob("*.png"):
        _number, material, _page = re.match(r"(\d+)-([a-z]+)-(\d+)\.png", path.name).groups()  # type: ignore[union-attr]
        groups.setdefault(material, []).append(path.name)
    order = {m.id: n for n, m in enumerate(REGISTRY)}
    return [
        (material, sorted(names, key=lambda n: int(n.rsplit("-", 1)[1][:-4])))
        for material, names in sorted(groups.items(), key=lambda kv: order[kv[0]])
    ]


def serve(editions: Path, out: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    app = create_app(editions, out)
    app.run(host=host, port=port, threaded=True, use_reloader=False)
