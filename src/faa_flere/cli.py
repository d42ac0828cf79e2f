"""The ``faa-flere`` command: a thin layer over the library, in the user's language.

Every message comes from the catalogue through :class:`faa_flere.i18n.Words`: Danish by
default, English when the locale names English. Commands that render nothing
(``--version``, ``validate``, ``list``, ``new-area``) never import WeasyPrint.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import contextlib
import gc
import gettext
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click import exceptions as usage_errors
from typer.core import TyperCommand, TyperGroup, TyperOption

from .errors import FaaFlereError
from .i18n import DOMAIN, LOCALE_DIR, Words, display_path
from .render import quiet_font_subsetting
from .version import __version__

if TYPE_CHECKING:
    from .pack.batch import Outcome
    from .pack.settings import PrintSettings

WORDS = Words.from_env()
_ = WORDS.message_code


def _click_in_our_words() -> None:
    """Click's and Typer's own words in the user's language, from our catalogue."""
    # Click and Typer mark their own words ("Usage:", "Options", "Missing argument") for
    # gettext's default domain: our catalogue has them in Danish too. The domain and
    # LANGUAGE are the whole process's, so they are set where the command starts (main),
    # never on import: importing this module changes nothing.
    if WORDS.language != "en":
        gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
        gettext.textdomain(DOMAIN)
        os.environ.setdefault("LANGUAGE", WORDS.language)


class _Words(Command):
    """Typer's usage line and help option in our words (its own are English only)."""

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("cli-usage") + " ")

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("cli-help-option")
        return option


class _Group(_Words, TyperGroup):
    pass


class _Command(_Words, TyperCommand):
    pass


app = typer.Typer(
    cls=_Group,
    help=_("cli-help"),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EDITION_ARGUMENT = typer.Argument(help=_("cli-edition"), show_default=False)
MATERIALS_OPTION = typer.Option("--materials", help=_("cli-materials"), file_okay=False)


class _EchoWarnings(logging.Handler):
    """Shows the library's warnings (e.g. text that does not fit, with --no-strict) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        typer.secho(_("warning", text=text), fg=typer.colors.YELLOW, err=True)


@contextlib.contextmanager
def _warnings_shown() -> Iterator[None]:
    handler = _EchoWarnings(logging.WARNING)
    logger = logging.getLogger("faa_flere")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _fail(error: FaaFlereError) -> NoReturn:
    from .errors import OptionError

    typer.secho(WORDS.error(error), fg=typer.colors.RED, err=True)
    raise typer.Exit(2 if isinstance(error, OptionError) else 1)


def _version(value: bool) -> None:
    if value:
        typer.echo(_("version", version=__version__))
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=_("cli-verbose"))] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("cli-version"))
    ] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    # Warnings reach the user through _warnings_shown, not twice through the root logger.
    logging.getLogger("faa_flere").propagate = verbose
    if not verbose:
        # The builder collects WeasyPrint's warnings and reports them as errors or warnings.
        logging.getLogger("weasyprint").propagate = False
    quiet_font_subsetting()


main_options.__doc__ = _("cli-main-help")

PAPER_OPTION = typer.Option("--paper", help=_("cli-paper"))
DUPLEX_OPTION = typer.Option("--duplex", help=_("cli-duplex"))
OFFSET_OPTION = typer.Option("--back-offset", metavar="X,Y", help=_("cli-offset"))


def _settings(
    profile: str,
    paper: str,
    duplex: str,
    back_offset: str,
    output_profile: Path | None,
    strict: bool,
    cut_name: str = "CutContour",
    pieces: str = "touching",
) -> PrintSettings:
    from .pack.settings import PrintSettings, parse_offset

    offset = parse_offset(back_offset)
    settings = PrintSettings(profile, paper, duplex, offset, output_profile, strict, cut_name, pieces)  # type: ignore[arg-type]
    settings.cmyk_profile()  # a missing or wrong colour profile is found before any layout
    return settings


@app.command(help=_("cli-build"), cls=_Command)
def build(
    edition: Annotated[Path | None, EDITION_ARGUMENT] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=_("cli-out"))] = None,
    profile: Annotated[str, typer.Option("--profile", help=_("cli-profile"))] = "home",
    paper: Annotated[str, PAPER_OPTION] = "a4",
    duplex: Annotated[str, DUPLEX_OPTION] = "long",
    back_offset: Annotated[str, OFFSET_OPTION] = "0,0",
    output_profile: Annotated[
        Path | None, typer.Option("--output-profile", help=_("cli-output-profile"), dir_okay=False)
    ] = None,
    strict: Annotated[bool, typer.Option("--strict/--no-strict", help=_("cli-strict"))] = True,
    cut_name: Annotated[str, typer.Option("--cut-name", help=_("cli-cut-name"))] = "CutContour",
    pieces: Annotated[str, typer.Option("--pieces", help=_("cli-pieces"))] = "touching",
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
    all_: Annotated[bool, typer.Option("--all", help=_("cli-all"))] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_("cli-jobs"))] = os.cpu_count() or 1,
    shard: Annotated[str | None, typer.Option("--shard", metavar="K/N", help=_("cli-shard"))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("cli-force"))] = False,
) -> None:
    started = time.perf_counter()
    with _few_collections():
        try:
            settings = _settings(
                profile, paper, duplex, back_offset, output_profile, strict, cut_name, pieces
            )
            gc.freeze()  # what the imports made is never scanned again, nor copied by forked workers
            if all_:
                from .pack.batch import parse_shard

                slice_ = parse_shard(shard) if shard else None
                _build_all(edition or Path("areas"), out or Path("out"), settings, jobs, slice_, force)
                return
            if shard or force:
                raise _only_with_all("--shard" if shard else "--force")
            from .pack.builder import build_pack
            from .paths import compiled_templates_dir
            from .render.cache import RenderCache

            cache = RenderCache(templates=compiled_templates_dir())
            with _warnings_shown():
                result = build_pack(
                    edition, out, materials_dir=materials, settings=settings, cache=cache, jobs=jobs
                )
        except FaaFlereError as e:
            _fail(e)
    for document in result.documents:
        typer.echo(f"  {document.filename:<48} {WORDS.count('pages', document.pages):>9}")
    seconds = WORDS.number(time.perf_counter() - started)
    if result.extra_files:
        typer.echo(f"  {WORDS.count('plotter-files', len(result.extra_files))}")
    files = WORDS.count("pdf-files", len(result.documents))
    typer.echo(_("built-summary", files=files, folder=display_path(result.out_dir), seconds=seconds))


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Rarer garbage collections for a build (layout makes many objects and few cycles);
    as they were afterwards, for a caller in the same process."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _only_with_all(option: str) -> FaaFlereError:
    from .errors import OptionError

    return OptionError.of("only-with-all", subject=option)


def _build_all(
    areas: Path, root: Path, settings: PrintSettings, jobs: int, shard: tuple[int, int] | None, force: bool
) -> None:
    from .pack.batch import discover, run_batch, select_shard, summary_rows

    started = time.perf_counter()
    tasks = select_shard(discover(areas), shard)
    # A progress bar on a terminal; in CI logs only the summary.
    live = sys.stderr.isatty()
    bar = typer.progressbar(length=len(tasks), label=_("building-packs"), file=sys.stderr)

    def done(outcome: Outcome) -> None:
        if live:
            bar.label = f"{outcome.name:<20}"
            bar.update(1)

    with bar if live else contextlib.nullcontext():
        outcomes = run_batch(areas, root, settings, jobs=jobs, force=force, on_done=done, tasks=tasks)
    rows = summary_rows(outcomes)
    heads = [_(f"batch-header-{h}") for h in ("edition", "documents", "pages", "seconds", "status")]
    typer.echo(f"{heads[0]:<24} {heads[1]:>10} {heads[2]:>6} {heads[3]:>9}  {heads[4]}")
    for row in rows:
        status = _(f"status-{row['status']}")
        colour = typer.colors.RED if row["status"] == "failed" else None
        seconds = WORDS.number(row["seconds"])
        typer.secho(
            f"{row['edition']:<24} {row['documents']:>10} {row['pages']:>6} {seconds:>9}  {status}", fg=colour
        )
    total = WORDS.number(time.perf_counter() - started)
    typer.echo(
        _("batch-summary", packs=WORDS.count("packs", len(rows)), folder=display_path(root), seconds=total)
    )
    failures = [o for o in outcomes if o.status == "failed"]
    for outcome in failures:
        for problem in outcome.problems:
            typer.secho(f"{outcome.name}: {WORDS.problem(problem)}", fg=typer.colors.RED, err=True)
    if failures:
        raise typer.Exit(1)


@app.command(help=_("cli-validate"), cls=_Command)
def validate(
    editions: Annotated[list[Path] | None, EDITION_ARGUMENT] = None,
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
) -> None:
    from .toolkit import load

    failed = False
    targets: list[Path | None] = list(editions) if editions else [None]
    for edition in targets:
        name = display_path(edition) if edition else _("official-materials")
        try:
            load(edition, materials)
        except FaaFlereError as e:
            typer.secho(WORDS.error(e), fg=typer.colors.RED, err=True)
            failed = True
        else:
            typer.echo(_("valid", name=name))
    if failed:
        raise typer.Exit(1)


@app.command("list", help=_("cli-list"), cls=_Command)
def list_items(
    edition: Annotated[Path | None, EDITION_ARGUMENT] = None,
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
) -> None:
    from .toolkit import by_id as materials_by_id
    from .toolkit import load, materials_of

    try:
        content = load(edition, materials)
    except FaaFlereError as e:
        _fail(e)
    by_id = materials_by_id(materials_of(content))
    for material_id in content.pack.materials:
        material = by_id[material_id]
        typer.secho(f"{material.number}. {content.text(material_id).title} ({material.id})", bold=True)
        for group, items in material.list_rows(content):
            if group:
                typer.echo(f"   {_(group)}")
            for item_id, text in items:
                status = _("item-" + content.status.get(item_id, "official"))
                typer.echo(f"     {item_id:<24} {status:<9} {text}")
    if content.removed:
        typer.secho(_("left-out-heading"), bold=True)
        for item_id, text in content.removed:
            typer.echo(f"     {item_id:<24} {_('item-removed'):<9} {text}")


@app.command("new-area", help=_("cli-new-area"), cls=_Command)
def new_area(
    name: Annotated[str, typer.Argument(help=_("cli-area-name"))],
    parent: Annotated[Path, typer.Option("--in", help=_("cli-in"))] = Path("areas"),
) -> None:
    from .content.scaffold import new_area as scaffold_area

    try:
        folder = scaffold_area(name, parent)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(_("created", file=display_path(folder / "area.yaml")))
    typer.echo(_("created-next", folder=display_path(folder)))


@app.command(help=_("cli-calibrate"), cls=_Command)
def calibrate(
    out: Annotated[Path, typer.Option("--out", "-o", help=_("cli-calibrate-out"))] = Path(
        "out/kalibrering.pdf"
    ),
    paper: Annotated[str, PAPER_OPTION] = "a4",
    duplex: Annotated[str, DUPLEX_OPTION] = "long",
    back_offset: Annotated[str, OFFSET_OPTION] = "0,0",
) -> None:
    from .pack.calibrate import write_calibration

    try:
        settings = _settings("home", paper, duplex, back_offset, None, True)
        path = write_calibration(out, settings)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(_("calibration-written", file=display_path(path)))
    typer.echo(_("calibration-next"))


@app.command(help=_("cli-serve"), cls=_Command)
def serve(
    editions: Annotated[Path, typer.Option("--editions", help=_("cli-editions"))] = Path("areas"),
    out: Annotated[Path, typer.Option("--out", help=_("cli-web-out"))] = Path("out/web"),
    port: Annotated[int, typer.Option("--port", help=_("cli-port"))] = 8000,
    host: Annotated[str, typer.Option("--host", help=_("cli-host"))] = "127.0.0.1",
) -> None:
    from .web.app import serve as run_server  # Flask only loads for this command

    editions.mkdir(parents=True, exist_ok=True)
    typer.echo(_("serve-open", host=host, port=port))
    run_server(editions, out, host, port)


QUEUE_OPTION = typer.Option("--queue", metavar="URL", help=_("cli-worker-queue"), show_default=False)
DATA_OPTION = typer.Option("--data", metavar="DIR", help=_("cli-worker-data"), show_default=False)


@app.command(help=_("cli-worker"), cls=_Command)
def worker(
    queue: Annotated[str | None, QUEUE_OPTION] = None,
    data: Annotated[Path | None, DATA_OPTION] = None,
    memory: Annotated[
        int, typer.Option("--max-memory", metavar="MB", min=100, help=_("cli-worker-memory"))
    ] = 1024,
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    from .jobs.worker import run_worker
    from .store import url_from_env

    try:
        queue_url, folder = _shared_queue(queue, data)
        typer.echo(_("worker-started", queue=queue_url.split("@")[-1], memory=memory))
        code = run_worker(queue_url, url_from_env(db), folder, memory)
    except FaaFlereError as e:
        _fail(e)
    raise typer.Exit(code)


@app.command(help=_("cli-rebuild"), cls=_Command)
def rebuild(
    queue: Annotated[str | None, QUEUE_OPTION] = None,
    data: Annotated[Path | None, DATA_OPTION] = None,
    profile: Annotated[str, typer.Option("--profile", help=_("cli-profile"))] = "home",
    duplex: Annotated[str, DUPLEX_OPTION] = "long",
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    import redis

    from .errors import OptionError
    from .jobs.queue import JobQueue, QueueUnavailable
    from .store import Store, url_from_env
    from .store.database import shown_url

    try:
        queue_url, folder = _shared_queue(queue, data)
        if not folder.is_dir():
            # Built packs would look gone from it: every pack would be made again.
            raise OptionError.of("rebuild-no-data", subject="--data", folder=folder)
        url = url_from_env(db)
        with Store.open(url) as store:
            try:
                jobs = JobQueue(queue_url, store, folder).queue_every_pack(profile, duplex)
            except (redis.RedisError, QueueUnavailable) as e:
                reason = e.__cause__ if isinstance(e, QueueUnavailable) and e.__cause__ else e
                raise OptionError.of(
                    "queue-unusable", subject="--queue", url=queue_url.split("@")[-1], detail=str(reason)
                ) from None
        if not jobs:
            raise OptionError.of("rebuild-no-areas", subject="--db", url=shown_url(url))
    except FaaFlereError as e:
        _fail(e)
    ready = sum(job.state == "done" for job in jobs)
    typer.echo(_("rebuild-queued", count=len(jobs) - ready, ready=ready))


def _shared_queue(queue: str | None, data: Path | None) -> tuple[str, Path]:
    """The shared job queue's Redis address and the data folder of the hosted service:
    as given, or from the environment (as the web page has them)."""
    import os

    from .errors import OptionError

    queue_url = queue or os.environ.get("FAA_FLERE_QUEUE_URL", "")
    folder = data or (
        Path(os.environ["FAA_FLERE_DATA"]) / "out" if os.environ.get("FAA_FLERE_DATA") else None
    )
    if not queue_url.startswith(("redis://", "rediss://", "unix://")):
        raise OptionError.of("worker-needs-redis", subject="--queue")
    if folder is None:
        raise OptionError.of("worker-needs-data", subject="--data")
    return queue_url, folder


db_app = typer.Typer(cls=_Group, help=_("cli-db"), no_args_is_help=True, rich_markup_mode=None)
app.add_typer(db_app, name="db")

DB_OPTION = typer.Option("--db", metavar="URL", help=_("cli-db-url"), show_default=False)
SLUG_ARGUMENT = typer.Argument(help=_("cli-slug"), show_default=False)


@db_app.command("upgrade", help=_("cli-db-upgrade"), cls=_Command)
def db_upgrade(db: Annotated[str | None, DB_OPTION] = None) -> None:
    from .store import database

    url = database.url_from_env(db)
    try:
        database.upgrade(url)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(_("db-upgraded", url=database.shown_url(url)))


@app.command("export", help=_("cli-export"), cls=_Command)
def export(
    slug: Annotated[str, SLUG_ARGUMENT],
    out: Annotated[Path, typer.Option("--out", "-o", help=_("cli-export-out"), show_default=False)],
    number: Annotated[
        int | None, typer.Option("--version", min=1, help=_("cli-export-version"), show_default=False)
    ] = None,
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    from .store import Store, url_from_env

    try:
        with Store.open(url_from_env(db)) as store:
            version = store.areas.export(slug, number, out)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(_("exported", number=version.number, slug=slug, folder=display_path(out)))


@app.command("import", help=_("cli-import"), cls=_Command)
def import_(
    folder: Annotated[Path, typer.Argument(help=_("cli-import-folder"), show_default=False)],
    slug: Annotated[str | None, typer.Option("--slug", help=_("cli-import-slug"), show_default=False)] = None,
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    from .store import Store, url_from_env

    try:
        with Store.open(url_from_env(db)) as store:
            version = store.areas.import_folder(folder, slug)
            area = store.areas.get(version.slug, None)
    except FaaFlereError as e:
        _fail(e)
    name = area.name if area else version.slug
    typer.echo(
        _("imported", folder=display_path(folder), number=version.number, name=name, slug=version.slug)
    )


@app.command("admin", help=_("cli-admin"), cls=_Command)
def admin(
    email: Annotated[str, typer.Argument(help=_("cli-admin-email"), show_default=False)],
    name: Annotated[str | None, typer.Option("--name", help=_("cli-admin-name"), show_default=False)] = None,
    reset: Annotated[bool, typer.Option("--reset", help=_("cli-admin-reset"))] = False,
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    from .errors import OptionError
    from .store import INVITE_DAYS, Store, url_from_env

    try:
        if not reset and not name:
            raise OptionError.of("cli-missing", name="--name")
        with Store.open(url_from_env(db)) as store:
            if reset:
                token = store.accounts.reset_password(email)
                done = _("password-reset", email=email.strip().lower())
            else:
                user = store.accounts.create_user(email, name or "", "admin")
                token = store.accounts.invite(user.email)
                done = _("admin-created", email=user.email)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(done)
    typer.echo(_("invitation-link", days=INVITE_DAYS, path=f"/invitation/{token}"))
    typer.echo(f"({_('invitation-link.hint')})")


def main() -> None:
    """Run the command; a command line that cannot be used gets our words and exit code 2."""
    _click_in_our_words()
    try:
        code = app(prog_name="faa-flere", standalone_mode=False)
    except usage_errors.UsageError as e:
        if e.ctx is not None:
            typer.echo(e.ctx.get_usage(), err=True)
        typer.secho(_usage_problem(e), fg=typer.colors.RED, err=True)
        raise SystemExit(2) from None
    except typer.Abort:
        typer.secho(_("aborted"), err=True)
        raise SystemExit(1) from None
    except typer.Exit as e:
        raise SystemExit(e.exit_code) from None
    finally:
        # The process ends: the last garbage collection would scan everything a build
        # left (a quarter of a second); the system frees it anyway.
        gc.freeze()
    if isinstance(code, int) and code:
        raise SystemExit(code)


def _param_name(error: usage_errors.BadParameter) -> str:
    if error.param_hint:
        return str(error.param_hint)
    if error.param is not None:
        return " / ".join(error.param.opts) or str(error.param.name)
    return ""


def _usage_problem(error: usage_errors.UsageError) -> str:
    """A usage error in our words: which option or argument, what is wrong, where to look."""
    from .content.validation import suggest
    from .errors import Problem, msg

    command = error.ctx.command_path if error.ctx is not None else "faa-flere"
    hint = msg("cli-see-help", command=command)
    if isinstance(error, usage_errors.NoSuchOption):
        message = msg("cli-no-such-option", option=error.option_name)
        hint = suggest(error.option_name, error.possibilities or []) or hint
    elif isinstance(error, usage_errors.MissingParameter):
        message = msg("cli-missing", name=_param_name(error))
    elif isinstance(error, usage_errors.BadParameter):
        message = msg("cli-bad-value", name=_param_name(error))
    elif (unknown := _unknown_command()) is not None:
        message = msg("cli-no-such-command", name=unknown)
        hint = suggest(unknown, _commands()) or hint
    else:
        message = msg("cli-usage-error", detail=error.format_message())
    return WORDS.problem(Problem(None, None, (), message, hint))


def _commands() -> list[str]:
    commands = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    return commands + [g.name for g in app.registered_groups if g.name]


def _unknown_command() -> str | None:
    """The command word typed, if it is not one of ours."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    return words[0] if words and words[0] not in _commands() else None
