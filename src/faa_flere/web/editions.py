"""The pages of an edition: edit and save, conflicts, history, previews, packs and files.

Every save names the version it started from; a save on top of a newer one goes to a page
with both versions side by side. Nothing the user typed is dropped on the way: a field
error, an expired form or a conflict shows the form again exactly as it was sent, the
chosen logo included.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import (
    Flask,
    abort,
    flash,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from werkzeug.datastructures import FileStorage

from ..content.assets import fit_logo
from ..content.files import MAX_LOGO_BYTES, EditionFiles
from ..content.scaffold import area_yaml_for, slugify
from ..errors import ContentError, FaaFlereError, Problem
from ..jobs import QueueUnavailable, preview_result
from ..store import AreaExists, AreaInfo, Conflict, JobInfo, VersionContent
from ..toolkit import by_id
from . import editing
from .site import Site, version_words
from .words import WORDS, failure_words, file_label, job_words, sentence

BY_ID = by_id()
#: The print options, each with the message code of its words.
PROFILES = {"home": "web-profile.home", "shop": "web-profile.shop", "screen": "web-profile.screen"}
DUPLEX = {"long": "web-duplex.long", "short": "web-duplex.short", "none": "web-duplex.none"}
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
#: The longest text a field of the form takes (a card holds about 120 characters).
MAX_FIELD = 2000


def register(app: Flask, site: Site) -> None:
    store = site.store

    @app.get("/")
    def start() -> Any:
        return start_page()

    def start_page(status: int = 200, error: str = "") -> Any:
        areas = store.areas.visible_to(site.user)
        return render_template("start.html", areas=areas, error=error, may_create=site.user.is_admin), status

    @app.post("/ny")
    def create() -> Any:
        if not site.user.is_admin:
            abort(404)
        return create_area(site, request.form.get("name", ""), then=start_page)

    @app.get("/udgave/<slug>")
    def edit(slug: str) -> Any:
        return show(site, site.area_or_404(slug))

    @app.post("/udgave/<slug>")
    def save(slug: str) -> Any:
        area = site.area_or_404(slug)
        base = _base_version(site, slug)
        form = request.form.to_dict(flat=False)
        too_long = {
            name: WORDS.message_code("web-text-too-long", limit=WORDS.number(MAX_FIELD, 0))
            for name, values in form.items()
            if any(len(value) > MAX_FIELD for value in values)
        }
        logo, upload, logo_error, note = _logo(
            site, request.files.get("logo"), request.form.get("upload", "")
        )
        if too_long:
            form = {name: [v[:MAX_FIELD] for v in values] for name, values in form.items()}
            return show(site, area, base, errors=too_long, form=form, upload=upload, status=400)
        if logo_error:
            return show(site, area, base, errors={"logo": logo_error}, form=form, upload=upload, status=400)
        latest = store.areas.latest(slug)
        if latest is not None and latest.info.number != base.info.number:
            # Saved by someone else since this form was made: both versions first; the
            # result is checked when it is saved (a field may be fine in the combination).
            return conflict_page(area, base, latest, form, upload)
        return save_form(area, base, form, logo, upload, note)

    def save_form(
        area: AreaInfo,
        base: VersionContent,
        form: dict[str, list[str]],
        logo: tuple[str, bytes] | None,
        upload: tuple[str, str] | None,
        note: str = "",
    ) -> Any:
        """Save the form (and logo); ``note`` is said on the page after a successful save."""
        slug = area.slug
        files = editing.apply_form(base.files, form, site.editions.official(), logo)
        try:
            site.editions.load(files)  # checked once here; kept for the save that follows
        except ContentError as e:
            saved = editing.saved_with(e.problems)
            return show(
                site,
                area,
                base,
                errors=saved.errors,
                general=saved.general,
                form=form,
                upload=upload,
                status=400,
            )
        try:
            info = site.record(slug, base, files, site.user)
        except Conflict as conflict:
            latest = store.areas.latest(slug)
            assert latest is not None
            return conflict_page(area, base, latest, form, upload, conflict)
        if note:
            flash(note)
        try:
            if request.form.get("action") == "pack":
                job = start_pack(slug, info.number)
                # The print options stay chosen on the page that follows.
                options = {
                    "profile": request.form.get("profile", ""),
                    "duplex": request.form.get("duplex", ""),
                }
                target = url_for("edit", slug=slug, gemt="1", job=job.id) + "&" + urlencode(options)
                return redirect(target + "#print")
            job = site.queue.submit(slug, info.number, "preview")
        except QueueUnavailable as e:
            return saved_not_built(slug, info.number, e)
        return redirect(url_for("edit", slug=slug, gemt="1", job=job.id) + "#forhaandsvisning")

    def start_pack(slug: str, number: int) -> JobInfo:
        profile = request.form.get("profile", "home")
        duplex = request.form.get("duplex", "long")
        if profile not in PROFILES or duplex not in DUPLEX:
            abort(400)
        return site.queue.submit(slug, number, "pack", {"profile": profile, "duplex": duplex})

    def conflict_page(
        area: AreaInfo,
        base: VersionContent,
        latest: VersionContent,
        mine: dict[str, list[str]],
        upload: tuple[str, str] | None,
        conflict: Conflict | None = None,
    ) -> Any:
        official = site.editions.official()
        base_content, theirs_content = site.editions.load(base.files), site.editions.load(latest.files)
        base_forms = editing.form_view(base_content, official)
        forms = editing.form_view(theirs_content, official)
        base_values = editing.form_values(base_content, base_forms)
        theirs = editing.form_values(theirs_content, forms)
        merged = editing.merge(base_values, mine, theirs)
        rows = [
            {
                "name": name,
                "label": editing.label(name, forms),
                "mine": _shown(mine.get(name)),
                "theirs": _shown(theirs.get(name)),
                "choice": "mine"
                if name in merged.conflicts or merged.merged.get(name) == editing.cleaned(mine).get(name)
                else "theirs",
                "both": name in merged.conflicts,
            }
            for name in merged.differ
        ]
        return render_template(
            "conflict.html",
            slug=area.slug,
            name=area.name,
            base=base.info,
            latest=latest.info,
            rows=rows,
            mine=json.dumps(mine, ensure_ascii=False),
            theirs=json.dumps(theirs, ensure_ascii=False),
            before=json.dumps(base_values, ensure_ascii=False),
            upload=upload,
        ), 409

    @app.post("/udgave/<slug>/flet")
    def resolve(slug: str) -> Any:
        """The conflict page's answer: keep mine, take theirs, or field by field."""
        area = site.area_or_404(slug)
        latest = _base_version(site, slug)
        try:
            mine = _form_data(request.form.get("mine", ""))
            theirs = _form_data(request.form.get("theirs", ""))
            before = _form_data(request.form.get("before", "{}"))
        except (ValueError, RecursionError):
            abort(400)
        action = request.form.get("action")
        if action == "theirs":
            return redirect(url_for("edit", slug=slug))
        if action == "mine":
            # My changes on top of the newer version: the other's changes to fields I left
            # alone stay (nothing of theirs is undone without a choice).
            form = editing.keep_mine(before, mine, theirs)
        else:
            form = editing.choose(mine, theirs, _choices(request.form))
        logo, upload, _, _ = _logo(site, None, request.form.get("upload", ""))
        return save_form(area, latest, form, logo, upload)

    @app.get("/udgave/<slug>/historik")
    def history(slug: str) -> Any:
        area = site.area_or_404(slug)
        versions = [(v, *version_words(v.summary)) for v in store.areas.history(slug)]
        return render_template(
            "history.html", slug=slug, name=area.name, versions=versions, latest=area.latest
        )

    @app.get("/udgave/<slug>/version/<int(max=999999999):number>")
    def version(slug: str, number: int) -> Any:
        area = site.area_or_404(slug)
        found = site.version_or_404(slug, number)
        line, changes = version_words(found.info.summary)
        return render_template(
            "version.html",
            slug=slug,
            name=area.name,
            version=found.info,
            line=line,
            changes=changes,
            latest=area.latest,
        )

    @app.post("/udgave/<slug>/gendan")
    def restore(slug: str) -> Any:
        area = site.area_or_404(slug)
        number = _int(request.form.get("number"))
        old = site.version_or_404(slug, number)
        latest = _base_version(site, slug)
        try:
            info = site.record(slug, latest, old.files, site.user, restored_from=number)
        except Conflict:
            return show(
                site,
                area,
                notice=WORDS.message_code("web-newer-saved"),
                status=409,
            )
        try:
            job = site.queue.submit(slug, info.number, "preview")
        except QueueUnavailable as e:
            return saved_not_built(slug, info.number, e)
        return redirect(url_for("edit", slug=slug, gemt="1", job=job.id))

    @app.get("/job/<job_id>")
    def job_status(job_id: str) -> Any:
        job = store.jobs.get(job_id) if re.fullmatch(r"[0-9a-f]{32}", job_id) else None
        if job is None:
            abort(404)
        site.area_or_404(job.slug)
        names = json.loads(job.result or "[]") if job.kind == "pack" and job.state == "done" else []
        files = [
            {
                "name": name,
                "label": file_label(name),
                "url": url_for("download", slug=job.slug, job_id=job.id, name=name),
            }
            for name in names
        ]
        problems = len(preview_result(job.result)[1]) if job.kind == "preview" else 0
        status = site.queue.status(job)
        return jsonify(
            kind=job.kind,
            message=failure_words(job.message) if job.message else "",
            files=files,
            problems=problems,
            words=job_words(status),
            **status,
        )

    @app.get("/udgave/<slug>/pakke/<job_id>/<path:name>")
    def download(slug: str, job_id: str, name: str) -> Any:
        site.area_or_404(slug)
        job = store.jobs.get(job_id) if re.fullmatch(r"[0-9a-f]{32}", job_id) else None
        if (
            job is None
            or job.slug != slug
            or job.kind != "pack"
            or name not in json.loads(job.result or "[]")
        ):
            abort(404)
        return send_from_directory(site.queue.folder(job), name, as_attachment=True)

    @app.get("/udgave/<slug>/side/<key>/<int(max=9999):page>.png")
    def preview_page(slug: str, key: str, page: int) -> Any:
        site.area_or_404(slug)
        if not any(
            section["key"] == key for entry in _preview(site, slug)[1] for section in entry["sections"]
        ):
            abort(404)
        return send_from_directory(site.queue.images() / key, f"side-{page}.png")


def show(
    site: Site,
    area: AreaInfo,
    version: VersionContent | None = None,
    *,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    form: dict[str, list[str]] | None = None,
    upload: tuple[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> Any:
    version = version or site.store.areas.latest(area.slug)
    trouble = site.mode.trouble(area.slug)
    if version is None:
        return broken(area, trouble or FaaFlereError.of("no-version", slug=area.slug)), 400
    try:
        content = site.editions.load(version.files)
    except FaaFlereError as e:
        return broken(area, e), 400
    forms = editing.form_view(content, site.editions.official())
    assert content.local is not None
    shown_version, preview, problems = _preview(site, area.slug)
    misfit = editing.Saved()
    if form is None and shown_version == version.info.number:
        # Saved already, but a text is too long for its box: said at its field.
        misfit = editing.saved_with([Problem.from_data(p) for p in problems])
    return render_template(
        "edit.html",
        slug=area.slug,
        area_info=area,
        version=version.info,
        content=content,
        area=content.local.area,
        area_fields=[
            {
                "field": f,
                "label": f.label(WORDS),
                "help": f.help(WORDS),
                "current": f.current(content.local.area),
            }
            for f in editing.AREA_FIELDS
        ],
        partners=list(content.local.partners),
        forms=forms,
        errors=errors or misfit.errors,
        general=general or misfit.general,
        misfit=not misfit.ok,
        form=form,
        upload=upload,
        notice=notice,
        trouble=for_staff(trouble) if trouble else "",
        notes=get_flashed_messages(),
        preview=preview,
        profiles=PROFILES,
        duplex=DUPLEX,
        job=request.args.get("job", ""),
        saved=request.args.get("gemt") == "1",
    ), status


def saved_not_built(slug: str, number: int, error: FaaFlereError) -> Any:
    """The save is kept; only the build it asks for could not be queued: said so, not as a
    failure of the save."""
    flash(
        WORDS.message_code(
            "web-saved-no-build", number=number, reason=WORDS.message(error.problems[0].message)
        )
    )
    return redirect(url_for("edit", slug=slug))


def broken(area: AreaInfo, error: FaaFlereError) -> str:
    return render_template("broken.html", slug=area.slug, name=area.name, message=for_staff(error))


def for_staff(error: FaaFlereError) -> str:
    """What is wrong with an edition, in words, its files named as staff know them (by
    their names alone: area.yaml)."""
    problems = [dataclasses.replace(p, path=Path(p.path.name)) if p.path else p for p in error.problems]
    return WORDS.error(type(error)(problems))


def create_area(site: Site, name: str, then: Any) -> Any:
    """A new area with a fresh edition (the same file ``faa-flere new-area`` writes)."""
    name = " ".join(name.split())
    slug = slugify(name)
    if not name:
        return then(400, error=WORDS.message_code("web-area-name-missing"))
    if not slug:
        return then(400, error=WORDS.message_code("web-area-name-no-letter"))
    try:
        site.store.areas.create(slug, name)
    except AreaExists as e:
        error = WORDS.message_code("web-area-exists", name=e.area.name)
        return then(400, error=error)
    except FaaFlereError as e:
        return then(400, error=sentence(WORDS.error(e)))
    files = EditionFiles(area_yaml_for(name, Path("areas") / slug), {}, Path(slug))
    site.record(slug, None, files, site.user)
    site.store.audit.record(site.user.email, "area-created", area=name)
    return redirect(url_for("edit", slug=slug))


def show_kept(site: Site, slug: str, kept: str) -> Any:
    """The edit page with a form kept through a login (the session had run out)."""
    area = site.area_or_404(slug)
    try:
        form = _form_data(kept)
    except (ValueError, RecursionError):
        abort(400)
    base = (form.get("base") or [""])[0]
    version = site.store.areas.version(slug, int(base)) if base.isdigit() and len(base) < 10 else None
    notice = WORDS.message_code("web-logged-in-again")
    upload_id, name = (form.get("upload") or [""])[0], (form.get("upload-name") or [""])[0]
    upload = (upload_id, name) if upload_id and name else None
    return show(site, area, version, form=form, upload=upload, notice=notice, status=200)


def show_expired(site: Site, slug: str) -> Any:
    """The edit page again with what was typed, after a form too old to save."""
    area = site.area_or_404(slug)
    notice = WORDS.message_code("web-expired-kept")
    base = request.form.get("base", "")
    version = site.store.areas.version(slug, int(base)) if base.isdigit() and len(base) < 10 else None
    # The logo chosen with the form is kept too (a new one, or one kept from before).
    upload = keep_logo(site, site.user.id, request.files.get("logo")) or _kept_upload(request.form)
    form = request.form.to_dict(flat=False)
    return show(site, area, version, form=form, upload=upload, notice=notice, status=400)


def keep_logo(site: Site, user_id: int | None, file: FileStorage | None) -> tuple[str, str] | None:
    """A logo sent with a form that cannot be saved now, kept on the server for the form's
    next try: its (id, the person's own file name); None without one (or a file no logo can
    be, which the next try refuses in words)."""
    if file is None or not file.filename or Path(file.filename).suffix.lower() not in LOGO_SUFFIXES:
        return None
    data = file.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        return None
    suffix = Path(file.filename).suffix.lower()
    return site.store.uploads.stash(user_id, f"logo{suffix}", data), file.filename


def _kept_upload(form: Any) -> tuple[str, str] | None:
    upload_id, name = form.get("upload", ""), form.get("upload-name", "")
    return (upload_id, name) if upload_id and name else None


def _preview(site: Site, slug: str) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    """The newest finished preview of the area: its version, its pages per material (key,
    pages, sections) and the text it found too long."""
    job = site.store.jobs.newest(slug, "preview", state="done")
    if job is None:
        return 0, [], []
    return job.version, *preview_result(job.result)


def _base_version(site: Site, slug: str) -> VersionContent:
    """The version the form was made from (its hidden ``base``)."""
    number = _int(request.form.get("base"))
    return site.version_or_404(slug, number)


def _int(value: str | None) -> int:
    if not value or not value.isdigit() or len(value) > 9:
        abort(400)
    return int(value)


def _form_data(text: str) -> dict[str, list[str]]:
    data = json.loads(text)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
        for k, v in data.items()
    ):
        raise ValueError("not a form")
    return data


def _choices(form: Any) -> dict[str, str]:
    return {name[len("choice-") :]: value for name, value in form.items() if name.startswith("choice-")}


def _shown(value: list[str] | None) -> str:
    return ", ".join(v for v in value or [] if v.strip())


def _logo(
    site: Site, upload: FileStorage | None, kept: str
) -> tuple[tuple[str, bytes] | None, tuple[str, str] | None, str, str]:
    """The logo this save brings: a new upload, made fit for print, or one kept from an
    earlier try of the form. Answers the logo, the (id, name) that keeps it for the next
    try, an error, and a note to show once it is saved (that it was made smaller)."""
    user_id = site.user.id
    note = ""
    if upload is not None and upload.filename:
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in LOGO_SUFFIXES:
            return None, None, WORDS.message_code("web-logo-kind"), ""
        data = upload.read(MAX_LOGO_BYTES + 1)
        if len(data) > MAX_LOGO_BYTES:
            return (
                None,
                None,
                WORDS.message_code("web-logo-too-large", megabytes=MAX_LOGO_BYTES // (1024 * 1024)),
                "",
            )
        name = f"logo{suffix}"
        if suffix != ".svg":
            try:
                fitted = fit_logo(data, suffix)
            except FaaFlereError as e:
                return None, None, WORDS.error(e), ""
            data = fitted.data
            if fitted.shrunk:
                note = WORDS.message_code(
                    "logo-shrunk",
                    # As digits alone, "13000", as a size in pixels is written.
                    width=str(fitted.before[0]),
                    height=str(fitted.before[1]),
                    new_width=str(fitted.after[0]),
                    new_height=str(fitted.after[1]),
                )
    elif kept:
        found = site.store.uploads.take(user_id, kept)
        if found is None:
            return None, None, "", ""
        name, data = found
    else:
        return None, None, "", ""
    stash = site.store.uploads.stash(user_id, name, data)
    return (
        (name, data),
        (stash, upload.filename if upload is not None and upload.filename else name),
        "",
        note,
    )
