"""Every message the project shows, declared once, in English, by code.

A :class:`Message` is a code and its parameters; :class:`faa_flere.i18n.Words` puts it
into words. The Danish words are in ``locale/da/LC_MESSAGES/faa_flere.po``: after adding
or changing a message here, run ``make messages`` and translate the new entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def N_(text: str) -> str:
    """Marks a text for the catalogue (extracted by Babel) without translating it here."""
    return text


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a counted text for the catalogue: singular and plural."""
    return singular, plural


@dataclass(frozen=True)
class Message:
    """A message code and its parameters: what to say, not yet in words."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def to_data(self) -> dict[str, Any]:
        """The message as JSON data: ``{"code": ..., "params": {...}}``; a parameter that is
        a message itself, or a list, is kept as data too."""
        return {"code": self.code, "params": {name: _param_data(value) for name, value in self.params}}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Message:
        """The message :meth:`to_data` made (its code must still be declared)."""
        params = {name: _param_from_data(value) for name, value in dict(data.get("params") or {}).items()}
        return msg(str(data["code"]), **params)


def _param_data(value: object) -> Any:
    if isinstance(value, Message):
        return {"message": value.to_data()}
    if isinstance(value, (list, tuple)):
        return [_param_data(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _param_from_data(value: Any) -> object:
    if isinstance(value, dict) and "message" in value:
        return Message.from_data(value["message"])
    if isinstance(value, list):
        return [_param_from_data(v) for v in value]
    return value


def msg(code: str, **params: object) -> Message:
    """``msg("unknown-id", id="k31")``; the code must be declared below."""
    if code not in MESSAGES and code not in PLURALS:
        raise KeyError(f"no message declared with the code {code!r}")
    return Message(code, tuple(sorted(params.items())))


MESSAGES: dict[str, str] = {
    # --- reading YAML files ---
    "file-too-large": N_("the file is {size} KiB, more than the {limit} KiB allowed"),
    "file-too-large.hint": N_("content files are small; check that this is the right file"),
    "file-missing": N_("the file does not exist"),
    "file-is-folder": N_("this is a folder, not a file"),
    "file-not-regular": N_("this is not an ordinary file"),
    "file-is-link": N_("this is a link to another place"),
    "file-is-link.hint": N_("put a real file here, not a link"),
    "file-unreadable": N_("cannot read the file: {reason}"),
    "file-not-utf8": N_("the file is not UTF-8 text"),
    "file-not-utf8.hint": N_("save it as UTF-8: in most editors, 'Save with encoding' > UTF-8"),
    "file-empty": N_("the file is empty"),
    "see-official-file": N_("see the official file for an example"),
    "yaml-syntax": N_("YAML: {detail}"),
    "yaml-syntax.hint": N_("check indentation, colons and quotes on this line or the one before"),
    "yaml-tab": N_("YAML: a tab where YAML expects spaces"),
    "yaml-tab.hint": N_("indent with spaces, not tabs"),
    "yaml-tag": N_("YAML: the tag {tag} is not allowed"),
    "yaml-tag.hint": N_("only plain YAML is allowed: remove the '!' tag"),
    "yaml-question.hint": N_("put text that ends with '?' in quotes inside {{ }}"),
    "yaml-control-char": N_("the file contains a control character ({char})"),
    "yaml-control-char.hint": N_("remove it; text may hold letters, digits, punctuation and line breaks"),
    "yaml-too-deep": N_("the file is nested more than {limit} levels deep"),
    "yaml-too-deep.hint": N_("content files are a few levels deep; check the indentation"),
    "yaml-too-many-values": N_("the file has more than {limit} values"),
    "yaml-alias": N_("anchors and aliases (& and *) are not supported"),
    "yaml-alias.hint": N_("write the value out in full"),
    "yaml-merge-key": N_("merge keys (<<) are not supported"),
    "yaml-key-not-word": N_("a key must be a plain word"),
    "yaml-key-not-word.hint": N_("write the key as a word followed by a colon"),
    "yaml-duplicate-key": N_("duplicate key, already given on line {line}"),
    "remove-one": N_("remove one of them"),
    # --- checking content against the models ---
    "unknown-key": N_("unknown key"),
    "allowed-keys": N_("allowed keys: {keys}"),
    "missing-key": N_("'{key}' is missing"),
    "missing-key.hint": N_("add it, see the official file for an example"),
    "expected-type": N_("expected {wanted}, got {got}"),
    "type-text": N_("text"),
    "type-whole-number": N_("a whole number"),
    "type-number": N_("a number"),
    "type-list": N_("a list"),
    "type-mapping": N_("a mapping of keys to values"),
    "type-date": N_("a date (YYYY-MM-DD)"),
    "type-yes-no": N_("yes or no (true/false)"),
    "type-nothing": N_("nothing"),
    "type-other": N_("something else ({name})"),
    "put-in-quotes": N_("put the text in quotes"),
    "empty-text": N_("must not be empty"),
    "text-too-long": N_("the text is {length} characters; at most {limit} are allowed"),
    "text-control-char": N_("the text contains a control character ({char})"),
    "text-control-char.hint": N_("remove it; text may hold letters, digits, punctuation and line breaks"),
    "list-too-long": N_("at most {limit} items are allowed here, not {length}"),
    "list-too-short": N_("at least {limit} items are needed here, not {length}"),
    "number-too-small": N_("{value} is too small: give at least {limit}"),
    "number-too-large": N_("{value} is too large: give at most {limit}"),
    "not-a-colour": N_("'{value}' is not a colour like #F6B81A"),
    "not-an-email": N_("'{value}' is not an e-mail address"),
    "not-a-phone": N_("'{value}' is not a phone number"),
    "not-a-phone.hint": N_("write the number with digits, e.g. 12 34 56 78"),
    "not-an-id": N_("'{value}' is not a valid id"),
    "not-an-id.hint": N_("ids use lower-case letters a-z, digits and '-', at most 40 characters"),
    "not-a-date": N_("'{value}' is not a date"),
    "invalid-value": N_("this value cannot be used here"),
    # --- references between content ---
    "duplicate-id": N_("duplicate id '{id}' (first used on line {line})"),
    "duplicate-id.hint": N_("every id must be unique"),
    "id-used-elsewhere": N_("id '{id}' is also used in {other}"),
    "id-used-elsewhere.hint": N_("ids must be unique across all materials"),
    "unknown-reference": N_("unknown {what} '{name}'"),
    "what-colour": N_("colour"),
    "what-value": N_("value"),
    "what-category": N_("category"),
    "what-material": N_("material"),
    "no-icon": N_("no icon named '{name}'"),
    "did-you-mean": N_("did you mean '{word}'?"),
    "colour-needed": N_("the colour '{name}' is missing, and the templates need it"),
    "colour-needed.hint": N_('add it to palette.yaml, e.g. {name}: "#1F2A37"'),
    "content-folder-missing": N_("there is no folder of content here"),
    "content-folder-missing.hint": N_("give --materials a copy of the materials folder"),
    "unknown-content-file": N_("'{name}' is not a content file"),
    "unknown-content-file.hint": N_("the content files are: {files}"),
    # --- an edition's edits ---
    "no-edition-folder": N_("no such edition folder"),
    "no-edition-folder.hint": N_("make one with: faa-flere new-area NAME"),
    "unknown-id": N_("unknown id '{id}'"),
    "list-shows-ids": N_("faa-flere list shows every id"),
    "id-removed": N_("'{id}' is removed in changes.remove"),
    "id-removed.hint": N_("remove it from one of the two lists"),
    "listed-twice": N_("'{id}' is listed twice"),
    "several-texts": N_("a {noun} has several texts"),
    "several-texts.hint": N_("write which to change, e.g. {{{fields}}}"),
    "id-fixed": N_("an id cannot be changed"),
    "id-fixed.hint": N_("remove the item and add a new one"),
    "cannot-add": N_("cannot add to this"),
    "id-in-use": N_("id '{id}' is already used"),
    "id-in-use.hint": N_("choose a new id; to change an official item, use changes.edit"),
    "unknown-material": N_("unknown material"),
    "unknown-material-named": N_("unknown material '{name}'"),
    "materials-are": N_("the materials are: {names}"),
    "material-twice": N_("'{name}' is listed twice"),
    "items-under-changes": N_("items are changed under changes"),
    "items-under-changes.hint": N_("use changes.add, .remove or .edit"),
    "bad-copies": N_("{count} copies: give a number from 1 to 10"),
    "still-used": N_("'{id}' is still used by {users}"),
    "still-used.hint": N_("remove or edit those too"),
    # nouns for items
    "noun-value": N_("value"),
    "noun-piece": N_("piece"),
    "noun-card": N_("card"),
    "noun-category": N_("card category"),
    "noun-checklist-row": N_("checklist row"),
    "noun-column": N_("column"),
    "noun-rating": N_("rating"),
    "noun-plan-column": N_("plan column"),
    "noun-section": N_("manual section"),
    # --- logos ---
    "logo-url": N_("'{name}' is a URL"),
    "logo-url.hint": N_("put the logo file in the edition's folder and give its file name"),
    "logo-outside": N_("'{name}' points outside the edition's folder"),
    "logo-outside.hint": N_("give the name of a file in the folder, e.g. logo.svg"),
    "logo-kind": N_("'{name}' is not an SVG, PNG or JPEG file"),
    "logo-kind.hint": N_("save the logo as .svg, .png or .jpg"),
    "logo-missing": N_("no file '{name}' in the edition's folder"),
    "logo-missing.hint": N_("copy the logo into the folder"),
    "logo-too-large": N_("the logo is {size} KiB, more than {limit} KiB"),
    "logo-too-large.hint": N_("use a smaller file"),
    "logo-smaller.hint": N_("save the logo smaller, e.g. 1000 pixels wide"),
    "logo-unreadable": N_("cannot read '{name}': {reason}"),
    "logo-too-many-pixels": N_("'{name}' is {width} × {height} pixels, more than a logo needs"),  # noqa: RUF001
    "logo-far-too-many-pixels": N_("'{name}' has far more pixels than a logo needs"),
    "logo-upload-too-many-pixels": N_(
        "the logo is {width} × {height} pixels, more than the {limit} megapixels a logo may have"  # noqa: RUF001
    ),
    "logo-shrunk": N_(
        "The logo was made smaller (from {width} × {height} to {new_width} × {new_height} pixels) "  # noqa: RUF001
        "to suit print."
    ),
    "logo-too-complex": N_("'{name}' has more than {limit} shapes, too many to draw in reasonable time"),
    "logo-not-file": N_("'{name}' is not an ordinary file"),
    "logo-unsafe.hint": N_("export the logo again as a plain SVG, PNG or JPEG"),
    "logo-not-image": N_("'{name}' is not a {kind} image"),
    "logo-wrong-ending": N_("'{name}' is a {found} image, not {kind}: give it the right file ending"),
    "logo-not-utf8": N_("'{name}' is not a UTF-8 SVG file"),
    "logo-doctype": N_("'{name}' declares a DOCTYPE or entities, which are not allowed"),
    "logo-not-xml": N_("'{name}' is not an SVG image (it is not valid XML)"),
    "logo-not-svg": N_("'{name}' is not an SVG image"),
    "logo-element": N_("'{name}' contains <{tag}>, which is not allowed in a logo"),
    "logo-handler": N_("'{name}' has an event handler ({attribute}), which is not allowed"),
    "logo-reference": N_("'{name}' refers to an outside file or address ({target})"),
    "logo-style": N_("'{name}' loads something from outside through its style"),
    # --- the build ---
    "does-not-fit": N_("{what} does not fit on {material}: {how} at {smallest} % font size"),
    "does-not-fit.hint": N_("shorten the text"),
    "too-tall": N_("{mm} mm too tall"),
    "too-wide": N_("{mm} mm too wide (a word too long to break)"),
    "and": N_("{first} and {second}"),
    "item-named": N_("'{id}'"),
    "bad-epoch": N_("'{value}' is not a whole number of seconds"),
    "bad-epoch-range": N_("{value} is not a date between the years 1980 and 9999"),
    "bad-epoch.hint": N_("unset it, or give the seconds since 1970, e.g. 1767225600"),
    "too-many-ratings": N_(
        "{count} ratings leave no room for the plan's {rows} rows on the page; at most {limit} fit"
    ),
    "too-many-ratings.hint": N_("leave some ratings out, or lower plan_rows"),
    "cover-pages": N_("the cover and contents take {pages} pages, expected 2"),
    "template-error": N_("template error: {detail}"),
    "template-error.hint": N_("correct the template, or remove it from the edition's templates folder"),
    "template-too-slow": N_("the template took more than {seconds} seconds"),
    "template-too-many-items": N_("the template's loops go through more than {limit} items"),
    "template-too-big": N_("the template makes a value larger than {limit}"),
    "template-too-deep": N_("the template calls itself too deeply"),
    "template-too-much-output": N_("the template writes more than {limit} million characters"),
    "template-bad-icon": N_("there is no icon named '{name}'"),
    "renderer-reported": N_("the renderer reported: {detail}"),
    "warning": N_("warning: {text}"),
    "official-folder-missing": N_("the official '{name}' folder is missing from the installation"),
    "cannot-write": N_("cannot write here: {reason}"),
    "cannot-write.hint": N_("choose a folder you may write in with --out"),
    "out-not-folder": N_("this is a file, not a folder"),
    "out-not-folder.hint": N_("give --out a folder; it is made if it does not exist"),
    "out-is-folder": N_("this is a folder, not a file name"),
    "out-is-folder.hint": N_("give a file name, e.g. out/kalibrering.pdf"),
    "no-editions-folder": N_("no such folder of editions"),
    "no-editions-folder.hint": N_("give the folder that holds the edition folders, e.g. areas"),
    "unexpected-error": N_("Something unexpected went wrong. Try again; if it happens again, tell CFBU."),
    "queue-unavailable": N_("the build queue does not answer just now"),
    "job-given-up": N_("It could not be made: the work stopped halfway several times. Tell CFBU."),
    "job-too-much-memory": N_(
        "Stopped: it asked too much of the server. Try again; if it happens again, tell CFBU."
    ),
    "edition-is-file": N_("this is a file, not an edition folder"),
    "edition-is-file.hint": N_("give the folder that holds area.yaml"),
    "edition-is-link": N_("this edition folder is a link to another place"),
    "yaml-unclosed-quote": N_("the quote that begins here is closed only on line {end}"),
    "yaml-unclosed-quote.hint": N_("end the text with a quote on this line"),
    "yaml-hash-value": N_("the value after '{key}:' begins with # and is read as a comment"),
    "yaml-hash-value.hint": N_('put it in quotes, e.g. {key}: "#0E7C86"'),
    "yaml-continued": N_("this line continues the text of the line above it"),
    "yaml-continued.hint": N_(
        "check the indentation: a new item in a list begins with '- ' at the same place as the others"
    ),
    "cli-no-such-command": N_("there is no command {name}"),
    "os-not-found": N_("the folder does not exist"),
    "os-permission": N_("there is no permission to write here"),
    "os-no-space": N_("the disk is full"),
    "os-no-space.hint": N_("make room on the disk, or choose another folder with --out"),
    "os-read-only": N_("the disk can only be read"),
    "internal-error": N_("internal error ({detail}); please report it"),
    # --- options ---
    "unknown-profile": N_("unknown profile '{name}': choose {choices}"),
    "unknown-paper": N_("unknown paper '{name}': choose {choices}"),
    "unknown-duplex": N_("unknown duplex '{name}': choose {choices}"),
    "unknown-pieces": N_("unknown layout of the pieces '{name}': choose {choices}"),
    "shop-paper": N_("the shop profile is made on A4 (and A3 for the poster); leave out --paper"),
    "offset-too-far": N_("give millimetres, at most 20 mm each way"),
    "bad-offset": N_("'{text}': write two numbers in mm, e.g. 1.5,-0.5"),
    "no-cmyk-profile": N_("the shop profile needs a CMYK ICC profile, and {file} does not exist"),
    "no-cmyk-profile.hint": N_(
        "give your print shop's profile with --output-profile FILE.icc "
        "(or install Debian's libgs-common for a generic one)"
    ),
    "icc-without-shop": N_("a colour profile is used only with --profile shop"),
    "bad-cut-name": N_("'{name}': a spot colour's name is 1 to 63 letters, digits, spaces, - _ or ."),
    "icc-not-profile": N_("this is not an ICC colour profile"),
    "icc-not-cmyk": N_("this colour profile is for {space}, not CMYK"),
    "icc.hint": N_("give the CMYK profile (.icc) your print shop uses, e.g. FOGRA39 or PSO"),
    "templates-not-folder": N_(
        "the edition's templates must be a real folder inside it, not a link or a file"
    ),
    "editions-not-folder": N_("this is a file, not a folder for editions"),
    "bad-shard": N_("'{text}': write K/N, e.g. 1/4 for the first of four slices"),
    "env-not-number": N_("'{text}': write a number above 0, or leave the setting out"),
    "env-not-count": N_("'{text}': write a whole number, 0 or more, or leave the setting out"),
    "bad-shard-range": N_("'{text}': K must be between 1 and N"),
    "only-with-all": N_("used only with --all"),
    # --- the database: areas, versions and accounts (faa_flere.store) ---
    "database-url-bad": N_("'{url}' is not a database address"),
    "database-unusable": N_("the database {url} cannot be used: {reason}"),
    "edition-too-many-files": N_("an edition has at most {limit} files"),
    "edition-path-bad": N_("'{path}' cannot be the name of a file in an edition"),
    "out-not-edition": N_("this folder holds other files than an edition"),
    "out-not-edition.hint": N_("give a new folder, or the folder of an edition, which is replaced"),
    "area-exists": N_("there is already an area named »{name}« (folder {slug})"),
    "area-slug-bad": N_(
        "'{slug}' cannot be an area's folder name: use up to 40 small letters a-z, digits and -"
    ),
    "no-such-area": N_("there is no area with the folder name {slug}"),
    "no-such-version": N_("{slug} has no version {number}"),
    "no-versions": N_("{slug} has no saved version yet"),
    "version-conflict": N_(
        "{author} saved version {number} after version {base}, which your changes started from"
    ),
    "version-conflict.hint": N_("compare the two versions, then keep yours, take theirs or combine them"),
    "imported-folder": N_("Imported from the folder {folder}"),
    "email-bad": N_("'{email}' is not an e-mail address"),
    "user-name-bad": N_("'{name}' cannot be a name: use 1-100 characters"),
    "role-bad": N_("'{role}' is not a role: use one of {roles}"),
    "user-exists": N_("there is already an account with the e-mail address {email}"),
    "no-such-user": N_("there is no account with the e-mail address {email}"),
    "invite-unknown": N_("this link is not valid"),
    "invite-used": N_("this link has already been used"),
    "invite-expired": N_("this link has expired"),
    "invite.hint": N_("ask your administrator for a new link"),
    "password-too-short": N_("the password must have at least {minimum} characters"),
    "password-too-long": N_("the password may have at most {maximum} characters"),
    "bad-area-name": N_("'{name}' cannot be an area name: use 1-60 characters with some letters"),
    "folder-exists": N_("{folder} already exists: choose another name or edit {file}"),
    # --- the command line ---
    "cli-help": N_(
        "Print-ready »Få flere på banen« materials: poster, jigsaw pieces, cards, worksheets, manual."
    ),
    "cli-main-help": N_("Build the »Få flere på banen« pack, official or for a housing area."),
    "cli-verbose": N_("Show what is being rendered."),
    "cli-version": N_("Show the version and exit."),
    "cli-edition": N_(
        "An edition folder with an area.yaml, e.g. areas/tingbjerg. Without it: the official pack."
    ),
    "cli-materials": N_(
        "Read the official content from this folder instead of materials/ (a copy being edited)."
    ),
    "cli-paper": N_("Sheet size for the office printer: a4 or letter."),
    "cli-duplex": N_(
        "How the printer turns the sheet for the card backs: long (edge), short (edge) or none."
    ),
    "cli-offset": N_("Shift the card backs by X,Y mm to correct a printer's drift (see calibrate)."),
    "cli-build": N_("Build a pack: one PDF per material and the combined pack. With --all, many packs."),
    "cli-out": N_("Folder for the PDFs. Default: out/official or out/<edition folder>."),
    "cli-profile": N_(
        "home: office printer; shop: print shop (bleed, marks, PDF/X-4); screen: fillable, tagged."
    ),
    "cli-output-profile": N_("The print shop's CMYK ICC profile (shop profile)."),
    "cli-pieces": N_(
        "Jigsaw pieces: touching (the puzzle as printed, one cut per edge, fewer sheets) or apart."
    ),
    "cli-cut-name": N_("The spot colour of the die line, as the shop's cutter calls it (shop profile)."),
    "cli-strict": N_("Fail the build when text does not fit its box."),
    "cli-all": N_("Build the official pack and every edition in the folder given (default: areas/)."),
    "cli-jobs": N_(
        "Processes at once: the materials of one pack, or with --all whole packs (default: the cores)."
    ),
    "cli-shard": N_("With --all: build only the K-th of N slices."),
    "cli-force": N_("With --all: build everything, changed or not."),
    "cli-validate": N_(
        "Check content and edits without rendering anything. Exit code 0 if all is well, 1 if not."
    ),
    "cli-list": N_("Show each material's items as the edition sees them: id, status and text."),
    "cli-new-area": N_("Make a new edition folder with a commented area.yaml, ready to fill in."),
    "cli-area-name": N_("The area's name, e.g. »Tingbjerg« or »Gellerupparken/Toveshøj«."),
    "cli-in": N_("The folder that holds the editions."),
    "cli-calibrate": N_(
        "Print a two-sided alignment sheet; read from it the --back-offset for your printer."
    ),
    "cli-calibrate-out": N_("Where to write the sheet."),
    "cli-serve": N_("Start the web page where staff make and print their area's pack, without YAML."),
    "cli-editions": N_("The folder with the editions."),
    "cli-web-out": N_("Where the page keeps previews and PDFs."),
    "cli-port": N_("The port on this machine."),
    "cli-host": N_("The address to listen on. Keep 127.0.0.1: the page is for this machine."),
    "cli-db": N_("The web service's database: accounts, areas and every saved version of their editions."),
    "cli-db-upgrade": N_("Make the database's tables, or bring them up to date."),
    "cli-db-url": N_(
        "The database: sqlite:///file or postgresql+psycopg://user@host/name. "
        "Without it: FAA_FLERE_DATABASE_URL, else the file areas/.faa-flere.sqlite."
    ),
    "cli-export": N_("Write a saved version of an area's edition as an edition folder."),
    "cli-slug": N_("The area's folder name, e.g. tingbjerg."),
    "cli-export-out": N_("The folder to write; an edition already there is replaced."),
    "cli-export-version": N_("The version's number. Without it: the newest."),
    "cli-import": N_("Check an edition folder, then save it in the database as its area's newest version."),
    "cli-import-folder": N_("The edition folder (the one with area.yaml)."),
    "cli-import-slug": N_("The area's folder name in the database. Without it: the folder's own name."),
    "cli-admin": N_("Make an administrator and print the one-time link for choosing a password."),
    "cli-admin-email": N_("The e-mail address the person logs in with."),
    "cli-admin-name": N_("The person's name, as the history shows it."),
    "cli-admin-reset": N_("Give an existing account a new link; its password stops working."),
    "db-upgraded": N_("The database {url} is up to date."),
    "exported": N_("Version {number} of {slug} written to {folder}"),
    "imported": N_("{folder} is version {number} of »{name}« ({slug})"),
    "admin-created": N_("Administrator {email} created."),
    "password-reset": N_("The password of {email} no longer works."),
    "invitation-link": N_("One-time link for choosing a password, valid for {days} days: {path}"),
    "invitation-link.hint": N_("put the web service's address in front of it"),
    "cli-usage": N_("Usage:"),
    "cli-help-option": N_("Show this message and exit."),
    "cli-see-help": N_("{command} --help shows what it takes"),
    "cli-no-such-option": N_("there is no option {option}"),
    "cli-missing": N_("{name} is missing"),
    "cli-bad-value": N_("the value given for {name} cannot be used"),
    "cli-usage-error": N_("the command line cannot be used: {detail}"),
    "aborted": N_("Stopped."),
    "built-summary": N_("{files} in {folder}/ ({seconds} s)"),
    "building-packs": N_("Building packs"),
    "batch-header-edition": N_("edition"),
    "batch-header-documents": N_("documents"),
    "batch-header-pages": N_("pages"),
    "batch-header-seconds": N_("seconds"),
    "batch-header-status": N_("status"),
    "status-built": N_("built"),
    "status-unchanged": N_("unchanged"),
    "status-failed": N_("FAILED"),
    "batch-summary": N_("{packs} in {folder}/ ({seconds} s)"),
    "valid": N_("{name}: OK"),
    "official-materials": N_("official materials"),
    "item-official": N_("official"),
    "item-edited": N_("edited"),
    "item-local": N_("own"),
    "item-removed": N_("left out"),
    "left-out-heading": N_("Left out in this edition"),
    "created": N_("Created {file}"),
    "created-next": N_("Fill in the file, and build the pack with: faa-flere build {folder}"),
    "calibration-written": N_("Calibration sheet: {file}"),
    "calibration-next": N_("Print it two-sided at 100 % size, and follow the instructions on the sheet."),
    "calibration-title": N_("Calibrating two-sided printing"),
    "serve-open": N_("Open http://{host}:{port}/ in your browser. Stop with Ctrl+C."),
    "version": N_("faa-flere {version}"),
    "label-intro": N_("Introduction"),
    "label-subtitle": N_("Subtitle"),
    "group-categories": N_("categories"),
    "group-cards": N_("cards"),
    "group-ratings": N_("ratings"),
    "group-plan-columns": N_("columns"),
    # --- what changed between two saved versions of an edition (content/changes.py) ---
    "first-version": N_("First version"),
    "no-changes": N_("No changes"),
    "changes-summary": N_("{changes}: {topics}"),
    "area-name-changed": N_("Area name changed to '{name}'"),
    "area-plan-changed": N_("Plan name changed to '{name}'"),
    "contact-changed": N_("Contact: {field} changed to {value}"),
    "area-field-changed": N_("{field} changed to {value}"),
    "area-field-cleared": N_("{field} deleted"),
    "contact-cleared": N_("Contact: {field} deleted"),
    "contact-field.name": N_("name"),
    "contact-field.role": N_("role"),
    "contact-field.phone": N_("phone"),
    "contact-field.email": N_("email"),
    "accent-changed": N_("Colour changed to {colour}"),
    "accent-official": N_("The official colour again"),
    "logo-added": N_("Logo added"),
    "logo-changed": N_("Logo changed"),
    "logo-removed": N_("Logo removed"),
    "partner-added": N_("Partner added: {name}"),
    "partner-removed": N_("Partner removed: {name}"),
    "partner-renamed": N_("Partner changed: {old} is now {name}"),
    "partners-reordered": N_("The partners are in a new order"),
    "material-included": N_("'{material}' is in the pack"),
    "material-excluded": N_("'{material}' is not in the pack"),
    "title-changed": N_("Title '{old}' changed to '{title}'"),
    "intro-changed": N_("'{material}': new text in '{label}'"),
    "text-changed": N_("'{material}': new text in {field}"),
    "item-changed": N_("{noun} '{text}': the text changed"),
    "item-reverted": N_("{noun} '{text}': the official text again"),
    "item-added": N_("{noun}: '{text}'"),
    "item-deleted": N_("{noun} '{text}' deleted"),
    "item-omitted": N_("{noun} '{text}' left out"),
    "item-back": N_("{noun} '{text}' is back in"),
    # each noun for items as the sentences above need it: "the card", "new card"
    "noun-value.the": N_("the value"),
    "noun-value.new": N_("new value"),
    "noun-piece.the": N_("the piece"),
    "noun-piece.new": N_("new piece"),
    "noun-card.the": N_("the card"),
    "noun-card.new": N_("new card"),
    "noun-category.the": N_("the card category"),
    "noun-category.new": N_("new card category"),
    "noun-checklist-row.the": N_("the checklist row"),
    "noun-checklist-row.new": N_("new checklist row"),
    "noun-column.the": N_("the column"),
    "noun-column.new": N_("new column"),
    "noun-rating.the": N_("the rating"),
    "noun-rating.new": N_("new rating"),
    "noun-plan-column.the": N_("the plan column"),
    "noun-plan-column.new": N_("new plan column"),
    "noun-section.the": N_("the manual section"),
    "noun-section.new": N_("new manual section"),
    # what a change is about, in the one-line summary of a version
    "topic-name": N_("name"),
    "topic-area": N_("the area"),
    "topic-plan": N_("plan"),
    "topic-contact": N_("contact"),
    "topic-colour": N_("colour"),
    "topic-logo": N_("logo"),
    "topic-partners": N_("partners"),
    "topic-materials": N_("materials"),
    "topic-texts": N_("texts"),
    # --- the web service ---
    "hosted-missing-setting": N_("the hosted service needs this setting in its environment"),
    "hosted-missing-setting.hint": N_(
        "set FAA_FLERE_ADDRESS, FAA_FLERE_DATABASE_URL, FAA_FLERE_DATA, FAA_FLERE_QUEUE_URL and "
        "FAA_FLERE_SECRET_KEY_FILE (see deploy/env.example)"
    ),
    "hosted-bad-address": N_("'{value}' is not an address the service can be opened at"),
    "hosted-bad-address.hint": N_(
        "write the address as people open it, with https:// and no path: https://faa-flere.example.dk"
    ),
    "secret-unreadable": N_("the secret key file cannot be read"),
    "secret-unreadable.hint": N_(
        "write a long random text into it, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
    ),
    "secret-too-short": N_("the secret key is shorter than 32 characters"),
    "note-changed-on-disk": N_("Changed in the folder on this computer"),
    "no-version": N_("the edition {slug} has no saved version"),
    "cli-worker": N_(
        "Run builds from the shared job queue (hosted): previews and packs the web page asks for. "
        "Start one per core, on any machine that reaches Redis, the database and the data folder."
    ),
    "cli-worker-queue": N_("The job queue's Redis address (default: FAA_FLERE_QUEUE_URL)."),
    "cli-worker-data": N_(
        "The folder for previews and packs, shared with the web page (default: FAA_FLERE_DATA/out)."
    ),
    "cli-worker-memory": N_("The memory one build may use: a build past it is stopped."),
    "worker-needs-redis": N_("give the address of the shared job queue: redis://…"),
    "worker-needs-data": N_("give the data folder the web page uses"),
    "cli-rebuild": N_(
        "Put a pack for the newest version of every area on the shared job queue, as after an "
        "official change: the workers build them before anyone asks, the longest first. A pack "
        "built already is not made again."
    ),
    "rebuild-queued": N_("On the job queue: {count}, the longest first. Built already: {ready}."),
    "rebuild-no-data": N_(
        "the data folder {folder} does not exist: give the folder the web page uses (FAA_FLERE_DATA/out)"
    ),
    "rebuild-no-areas": N_(
        "the database {url} has no areas: give the one the web page uses (FAA_FLERE_DATABASE_URL)"
    ),
    "queue-unusable": N_("the job queue {url} cannot be used: {detail}"),
    "worker-started": N_(
        "Worker started: takes jobs from {queue}, at most {memory} MB. Stop it with Ctrl+C."
    ),
    "preview-superseded": N_("A newer version was saved: its preview comes instead."),
    "queue-url-bad": N_("the job queue's address must start with redis:// (or be memory://)"),
    # --- the web page's own words (templates, web/*.py, app.js) ---
    # the frame of every page
    "web-title": N_("Få flere på banen"),
    "web-tagline": N_("– make your own edition"),  # noqa: RUF001
    "web-account": N_("Your account"),
    "web-admin": N_("Administration"),
    "web-logout": N_("Log out"),
    "web-when": N_("d MMMM y 'at' HH:mm"),
    "web-local-user": N_("Local user"),
    # error pages
    "web-error-400": N_("The page could not use that"),
    "web-error-400.text": N_("The page got a request it cannot use. Go back, and try again."),
    "web-error-403": N_("No access"),
    "web-error-403.text": N_("The page can only be used from this computer."),
    "web-error-421": N_("Wrong address"),
    "web-error-421.text": N_("The service answers only at its own address. Open it from a link you trust."),
    "web-saved-no-build": N_(
        "Saved as version {number}, but nothing can be built just now: {reason}. Press the button"
        " again in a little while."
    ),
    "web-js-draft-restored": N_(
        "What you typed last time, and did not get saved, is back from this browser. Check it,"
        " and press »Gem og vis«."
    ),
    "web-error-500.draft": N_(
        "What you typed is kept in this browser: go back to the edition, and it is there again."
    ),
    "web-job-server-setup": N_(
        "It could not be made: the server lacks something it needs for it. Tell CFBU; what you saved is kept."
    ),
    "web-remove-from-area": N_("Take {area} away from {name}"),
    "web-disabled": N_("disabled"),
    "web-disable": N_("Disable"),
    "web-enable": N_("Enable again"),
    "web-not-yourself": N_("You cannot disable your own account. Ask another administrator."),
    "web-audit": N_("Who did what"),
    "web-audit-hint": N_("Logins and administrators' actions, the newest first (the last 50)."),
    "web-audit-when": N_("When"),
    "web-audit-who": N_("Who"),
    "web-audit-what": N_("What"),
    "audit-login": N_("logged in"),
    "audit-login-failed": N_("a login that failed"),
    "audit-logout": N_("logged out"),
    "audit-area-created": N_("created the area {area}"),
    "audit-invited": N_("invited {person} (areas: {areas})"),
    "audit-reset": N_("made a new password link for {person}"),
    "audit-removed": N_("took {area} away from {person}"),
    "audit-disabled": N_("disabled {person}"),
    "audit-enabled": N_("enabled {person} again"),
    "web-error-502": N_("The service is not answering"),
    "web-error-502.text": N_("It is being started or updated. Wait a minute, and try again."),
    "web-error-504": N_("The service took too long"),
    "web-error-504.text": N_(
        "It did not answer in time. Wait a minute, and try again. If it happens again, tell CFBU."
    ),
    "web-error-404": N_("The page does not exist"),
    "web-error-404.text": N_(
        "There is no page at this address, or you do not have access to it. Check the address, or go "
        "to the front page."
    ),
    "web-error-405.text": N_(
        "The address cannot be used like that. Go to the front page, and try again from there."
    ),
    "web-error-413": N_("The file is too large"),
    "web-error-413.text": N_(
        "What you sent is too large. A logo may be at most {megabytes} MB. Go back, and choose a "
        "smaller file."
    ),
    "web-error-429": N_("Wait a little"),
    "web-error-429.text": N_(
        "There have been too many attempts to log in. Wait 10 minutes, and try again. If you have "
        "forgotten your password, ask an administrator for a new link."
    ),
    "web-error-500": N_("Something went wrong"),
    "web-error-500.text": N_(
        "An error happened on the server. Your work is saved up to the last time you pressed »Save«. "
        "Try again in a little while."
    ),
    "web-expired": N_("The page was too old"),
    "web-expired.text": N_(
        "The page had expired, so nothing was saved. Go back, reload the page, and try again."
    ),
    "web-to-front-page": N_("Go to the front page"),
    "web-error-code": N_("Error code {status}"),
    # logging in, invitations and the administrator's page
    "web-login": N_("Log in"),
    "web-email": N_("E-mail"),
    "web-password": N_("Password"),
    "web-login-wrong": N_("E-mail or password is wrong."),
    "web-forgot-password": N_("If you have forgotten your password, ask an administrator for a new link."),
    "web-logged-out-kept": N_(
        "You are no longer logged in, so nothing was saved. Log in again: what you wrote is shown again."
    ),
    "web-choose-password": N_("Choose a password"),
    "web-choose-your-password": N_("Choose your password"),
    "web-password-minimum": N_("Password (at least {minimum} characters)"),
    "web-password-again": N_("Type it again"),
    "web-save-password": N_("Save the password"),
    "web-passwords-differ": N_("The two passwords are not the same."),
    "web-link-for": N_("Link for {name}"),
    "web-the-link": N_("The link"),
    "web-create-area": N_("Create an area"),
    "web-create": N_("Create"),
    "web-invite-staff": N_("Invite a staff member"),
    "web-name": N_("Name"),
    "web-areas": N_("Areas"),
    "web-role-admin": N_("Administrator (sees every area)"),
    "web-invite": N_("Invite"),
    "web-users": N_("Users"),
    "web-status": N_("Status"),
    "web-all-areas-admin": N_("all (administrator)"),
    "web-active": N_("active"),
    "web-invited": N_("invited"),
    "web-new-password-link": N_("New password link"),
    # the front page and new areas
    "web-start-heading": N_("Your edition of the materials"),
    "web-start-lead": N_(
        "Here you make an edition of »Få flere på banen« with your area's name, logo, contact person "
        "and partners – ready to print."  # noqa: RUF001
    ),
    "web-choose-area": N_("Choose an area"),
    "web-no-areas": N_("You do not have access to any area yet. Ask an administrator to give you access."),
    "web-create-new-area": N_("Create a new area"),
    "web-name-example": N_("e.g. Tingbjerg"),
    "web-area-name-missing": N_("Write the area's name."),
    "web-area-name-no-letter": N_("The name must have at least one letter or digit."),
    "web-area-exists": N_("There is already an area named »{name}«. Choose another name."),
    # the edit page
    "web-version-line": N_("Version {number}, saved {when}"),
    "web-version-line-by": N_("Version {number}, saved {when} by {author}"),
    "web-history": N_("History"),
    "web-saved-as": N_("Saved as version {number}."),
    "web-misfit": N_(
        "Version {number} is saved, but some of the text is too long for its place on the paper. Make "
        "it shorter at the field, and press »Save and show«. Until then no PDF files can be made."
    ),
    "web-form-errors": N_("There are errors in the form. See the messages at the fields."),
    "web-your-area": N_("Your area"),
    "web-field.area-name": N_("The area's name"),
    "web-field.area-plan": N_("The plan's name"),
    "web-field.area-accent": N_("Your colour"),
    "web-field.contact-name": N_("Contact person"),
    "web-field.contact-role": N_("Job title"),
    "web-field.contact-phone": N_("Phone"),
    "web-field.partner": N_("Local partners"),
    "web-field.contact-email": N_("E-mail"),
    "web-folder-trouble": N_(
        "The file in the editions folder has a mistake, so the page shows the last version"
        " that worked. {problem} Mend the file, or save here to replace it."
    ),
    "web-field.area-logo": N_("Logo"),
    "web-field.material": N_("{material}: in the pack"),
    "web-field.title": N_("{material}: title"),
    "web-field.intro": N_("{material}: {label}"),
    "web-field.item": N_("{material}: '{text}'"),
    "web-field.item-omitted": N_("{material}: '{text}' left out"),
    "web-logo-label": N_("Logo (SVG, PNG or JPEG, at most {megabytes} MB)"),
    "web-logo-chosen": N_("Chosen logo: {file} (saved when you press »Save and show«)"),
    "web-logo-now": N_("Your logo now: {file}"),
    "web-partners-hint": N_(
        "They are written on the checklist and on the sheet »Udbytte og bidrag til hinanden«."
    ),
    "web-partner-number": N_("Partner {number}"),
    "web-move-up": N_("Move up"),
    "web-move-down": N_("Move down"),
    "web-remove": N_("Remove"),
    "web-add-partner": N_("Add a partner"),
    "web-title-label": N_("Title"),
    "web-items": N_("The items ({count})"),
    "web-omit": N_("Leave out"),
    "web-item-text": N_("Text (write a new one to reword it)"),
    "web-omit-item": N_("Leave out '{text}'"),
    "web-text-for": N_("Text for '{text}'"),
    "web-add-own-item": N_("Add your own item"),
    "web-belongs-to": N_("Belongs to"),
    "web-save-and-show": N_("Save and show"),
    "web-preview": N_("What it looks like"),
    "web-preview-click": N_("Click a page to see it in full size."),
    "web-preview-page": N_("{title}, page {number}"),
    "web-preview-none": N_("Press »Save and show« to see the pages."),
    "web-print": N_("Print"),
    "web-print-saves-first": N_("Changes that are not saved are saved first."),
    "web-print-where": N_("Where will it be printed?"),
    "web-print-duplex": N_("How the backs of the cards are printed"),
    "web-make-pdfs": N_("Make the PDF files"),
    "web-profile.home": N_("Office printer"),
    "web-profile.shop": N_("Print shop"),
    "web-profile.screen": N_("Screen (filled in on a computer)"),
    "web-duplex.long": N_("Turn on the long edge"),
    "web-duplex.short": N_("Turn on the short edge"),
    "web-duplex.none": N_("One-sided"),
    "web-text-too-long": N_("The text is too long: at most {limit} characters."),
    "web-logo-kind": N_("The logo must be an SVG, PNG or JPEG file."),
    "web-logo-too-large": N_("The logo is larger than {megabytes} MB. Save it smaller, and try again."),
    "web-newer-saved": N_("A newer version was saved in the meantime. See the history, and try again."),
    "web-logged-in-again": N_(
        "You are logged in again. What you wrote is here: check it, and press »Save and show«."
    ),
    "web-expired-kept": N_(
        "The page had expired, so nothing was saved. What you wrote is still here: check it, and press "
        "»Save and show«."
    ),
    "web-broken": N_("The edition cannot be shown, because its file has an error:"),
    "web-broken-fix": N_("Correct the error in the file, and reload the page."),
    "web-broken-history": N_("See {history} if you want to restore an earlier version."),
    "web-broken-history-link": N_("the history"),
    # builds, as the page follows them (app.js)
    "web-job-next": N_("You are next in the queue."),
    "web-job-working": N_("Working …"),
    "web-js-offline": N_("The connection to the server is broken. Trying again …"),
    "web-js-preview-misfit": N_(
        "Some of the saved text is too long for its place on the paper. Press »Save and show« to see where."
    ),
    "web-js-preview-ready": N_(
        "The new preview is ready. Press »Save and show« to save your new changes and see it."
    ),
    "web-js-preview-updated": N_("The preview is up to date."),
    "web-js-files-ready": N_("Ready. Get the files:"),
    "web-plotter-file": N_("Cut file for a plotter (Cricut, Silhouette): {name}"),
    # conflicts, history and versions
    "web-conflict-title": N_("Two versions"),
    "web-conflict-heading": N_("{name}: a newer version was saved in the meantime"),
    "web-conflict-started": N_(
        "Your changes are not saved yet. You started from version {base}, but version {latest} was "
        "saved {when} (perhaps in another tab)."
    ),
    "web-conflict-started-by": N_(
        "Your changes are not saved yet. You started from version {base}, but version {latest} was "
        "saved {when} by {author} (perhaps in another tab)."
    ),
    "web-conflict-explain": N_(
        "Below are the fields where the two versions differ. Choose for each field what is to be "
        "saved. Fields only one of you changed are chosen already."
    ),
    "web-field": N_("Field"),
    "web-your-version": N_("Your version"),
    "web-version-of": N_("Version {number} ({author})"),
    "web-someone-else": N_("someone else"),
    "web-both-changed": N_("You have both changed the field"),
    "web-empty": N_("(empty)"),
    "web-new-logo-kept": N_("Your new logo ({file}) is saved with it."),
    "web-save-chosen": N_("Save what is chosen"),
    "web-keep-mine": N_("Save my changes on top of version {number}"),
    "web-take-theirs": N_("Drop my changes, and use version {number}"),
    "web-history-heading": N_("{name}: history"),
    "web-back-to-edition": N_("Back to the edition"),
    "web-version": N_("Version"),
    "web-saved": N_("Saved"),
    "web-by": N_("By"),
    "web-what-changed": N_("What changed"),
    "web-newest": N_("(newest)"),
    "web-restored-from": N_("Restored from version {number}."),
    "web-restore": N_("Restore"),
    "web-version-number": N_("Version {number}"),
    "web-version-heading": N_("{name}: version {number}"),
    "web-back-to-history": N_("Back to the history"),
    "web-saved-when": N_("Saved {when}."),
    "web-saved-when-by": N_("Saved {when} by {author}."),
    "web-changes-heading": N_("Changes from the version before"),
    "web-no-changes": N_("No changes."),
    "web-restore-version": N_("Restore version {number}"),
    "web-restore-explain": N_(
        "Restore saves the content of version {number} as a new version. Nothing is deleted."
    ),
}

#: Counted texts: (singular, plural), with ``{count}`` in both.
PLURALS: dict[str, tuple[str, str]] = {
    "job-too-long": NP_(
        "Stopped after {count} minute: it took too long. Try again; if it happens again, tell CFBU.",
        "Stopped after {count} minutes: it took too long. Try again; if it happens again, tell CFBU.",
    ),
    "pages": NP_("{count} page", "{count} pages"),
    "pdf-files": NP_("{count} PDF file", "{count} PDF files"),
    "plotter-files": NP_("{count} plotter cut file", "{count} plotter cut files"),
    "packs": NP_("{count} pack", "{count} packs"),
    "changes": NP_("{count} change", "{count} changes"),
    "copies-changed": NP_("'{material}': {count} copy", "'{material}': {count} copies"),
    # each noun for items, counted in the summary of a version
    "noun-value.count": NP_("{count} value", "{count} values"),
    "noun-piece.count": NP_("{count} piece", "{count} pieces"),
    "noun-card.count": NP_("{count} card", "{count} cards"),
    "noun-category.count": NP_("{count} card category", "{count} card categories"),
    "noun-checklist-row.count": NP_("{count} checklist row", "{count} checklist rows"),
    "noun-column.count": NP_("{count} column", "{count} columns"),
    "noun-rating.count": NP_("{count} rating", "{count} ratings"),
    "noun-plan-column.count": NP_("{count} plan column", "{count} plan columns"),
    "noun-section.count": NP_("{count} manual section", "{count} manual sections"),
    # the web page
    "web-link-send": NP_(
        "Send the link to {name}. It can be used once, within {count} day, to choose a password.",
        "Send the link to {name}. It can be used once, within {count} days, to choose a password.",
    ),
    "web-job-ahead": NP_(
        "There is {count} ahead of you in the queue.",
        "There are {count} ahead of you in the queue.",
    ),
    "web-job-estimate": NP_(
        "It takes about {count} second.",
        "It takes about {count} seconds.",
    ),
}
