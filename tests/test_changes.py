"""What changed between two versions of an edition: each kind of change, in Danish and English.

Each test copies the Tingbjerg edition twice, makes a small text edit in one (or both)
area.yaml, loads both as the web service would, and compares.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faa_flere import load_edition
from faa_flere.content.changes import (
    FIRST_VERSION,
    QUOTE_LENGTH,
    Change,
    changes_in_words,
    describe_changes,
    quote,
    summary,
)
from faa_flere.content.models import Contact
from faa_flere.i18n import Words
from faa_flere.i18n.messages import MESSAGES, PLURALS, msg
from faa_flere.toolkit import REGISTRY

TINGBJERG = Path(__file__).resolve().parent.parent / "areas" / "tingbjerg"
DA, EN = Words("da"), Words("en")

Edit = tuple[str, str]


def version(tmp_path: Path, edits: tuple[Edit, ...] = (), name: str = "v2") -> Path:
    """A copy of Tingbjerg with ``edits`` (old text, new text) made in its area.yaml."""
    folder = tmp_path / name
    shutil.copytree(TINGBJERG, folder)
    area = folder / "area.yaml"
    text = area.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old  # each edit hits exactly one place
        text = text.replace(old, new)
    area.write_text(text, encoding="utf-8")
    return folder


def changes(tmp_path: Path, edits: tuple[Edit, ...], before: tuple[Edit, ...] = ()) -> list[Change]:
    old = load_edition(version(tmp_path, before, "v1"))
    return describe_changes(old, load_edition(version(tmp_path, edits)))


K07 = "    k07: Flere unge gennemfører en erhvervsuddannelse\n"
REMOVE = "remove: [k18, synlighed-3]"
TB_02 = "      - {id: tb-02, category: boern-unge, text: Unge fra klubben hjælper til i biblioteket}\n"
KORT_TITLE = "    title: Kort med gode forandringer i Tingbjerg\n"
WITHOUT_CARDS = "materials: [solskinsmodellen, brikker, tjekliste, udbytte, tilpasning, manual]\n"

# (edits to the new version, edits to the old one, Danish, English)
CASES: dict[str, tuple[tuple[Edit, ...], tuple[Edit, ...], str, str]] = {
    "area name": (
        (("  name: Tingbjerg\n", "  name: Tingbjerg Nord\n"),),
        (),
        "Områdets navn ændret til »Tingbjerg Nord«",
        "Area name changed to 'Tingbjerg Nord'",
    ),
    "plan": (
        (("og Utterslevhuse", "og Husum"),),
        (),
        "Helhedsplanens navn ændret til »Boligsocial helhedsplan for Tingbjerg og Husum«",
        "Plan name changed to 'Boligsocial helhedsplan for Tingbjerg og Husum'",
    ),
    "contact name": (
        (("name: Maja Kjærgaard Holm", "name: Mette Hansen"),),
        (),
        "Kontakt: navn ændret til Mette Hansen",
        "Contact: name changed to Mette Hansen",
    ),
    "contact role deleted": (
        (("    role: Boligsocial medarbejder\n", ""),),
        (),
        "Kontakt: stilling slettet",
        "Contact: role deleted",
    ),
    "contact phone": (
        (('"12 34 56 78"', '"87 65 43 21"'),),
        (),
        "Kontakt: telefon ændret til 87 65 43 21",
        "Contact: phone changed to 87 65 43 21",
    ),
    "contact phone given": (
        (),
        (('    phone: "12 34 56 78"\n', ""),),
        "Kontakt: telefon ændret til 12 34 56 78",
        "Contact: phone changed to 12 34 56 78",
    ),
    "contact e-mail": (
        (("maja.holm@helhedsplan-tingbjerg.example", "mette@example.dk"),),
        (),
        "Kontakt: e-mail ændret til mette@example.dk",
        "Contact: email changed to mette@example.dk",
    ),
    "colour": (
        (('"#0E7C86"', '"#AA3377"'),),
        (),
        "Farven ændret til #AA3377",
        "Colour changed to #AA3377",
    ),
    "official colour": (
        (('  accent: "#0E7C86"\n', ""),),
        (),
        "Den officielle farve igen",
        "The official colour again",
    ),
    "logo added": ((), (("  logo: logo.svg\n", ""),), "Logo tilføjet", "Logo added"),
    "logo removed": ((("  logo: logo.svg\n", ""),), (), "Logoet fjernet", "Logo removed"),
    "partner added": (
        (("  - Røde Kors Lektiecafé\n", "  - Røde Kors Lektiecafé\n  - Bydelsmødrene\n"),),
        (),
        "Samarbejdspartner tilføjet: Bydelsmødrene",
        "Partner added: Bydelsmødrene",
    ),
    "partner removed": (
        (("  - Tingbjerg Skole\n", ""),),
        (),
        "Samarbejdspartner fjernet: Tingbjerg Skole",
        "Partner removed: Tingbjerg Skole",
    ),
    "partner renamed": (
        (("  - Fodboldklubben\n", "  - Fodboldklubben B93\n"),),
        (),
        "Samarbejdspartner ændret: Fodboldklubben hedder nu Fodboldklubben B93",
        "Partner changed: Fodboldklubben is now Fodboldklubben B93",
    ),
    "partners reordered": (
        (("  - Tingbjerg Skole\n  - Fodboldklubben\n", "  - Fodboldklubben\n  - Tingbjerg Skole\n"),),
        (),
        "Samarbejdspartnerne står i en ny rækkefølge",
        "The partners are in a new order",
    ),
    "material left out of the pack": (
        (("partners:\n", WITHOUT_CARDS + "partners:\n"),),
        (),
        "»Kort med gode forandringer i Tingbjerg« er ikke med i pakken",
        "'Kort med gode forandringer i Tingbjerg' is not in the pack",
    ),
    "material back in the pack": (
        (),
        (("partners:\n", WITHOUT_CARDS + "partners:\n"),),
        "»Kort med gode forandringer i Tingbjerg« er med i pakken",
        "'Kort med gode forandringer i Tingbjerg' is in the pack",
    ),
    "copies": (
        (("brikker: 2", "brikker: 3"),),
        (),
        "»Brikker til værdispillet«: 3 eksemplarer",
        "'Brikker til værdispillet': 3 copies",
    ),
    "one copy": (
        (("copies:\n  brikker: 2\n", ""),),
        (),
        "»Brikker til værdispillet«: 1 eksemplar",
        "'Brikker til værdispillet': 1 copy",
    ),
    "title": (
        (("title: Kort med gode forandringer i Tingbjerg", "title: Kort fra Tingbjerg"),),
        (),
        "Titlen »Kort med gode forandringer i Tingbjerg« ændret til »Kort fra Tingbjerg«",
        "Title 'Kort med gode forandringer i Tingbjerg' changed to 'Kort fra Tingbjerg'",
    ),
    "official title": (
        (("  kort:\n" + KORT_TITLE, ""),),
        (),
        "Titlen »Kort med gode forandringer i Tingbjerg« ændret til »Kort med positive forandringer«",
        "Title 'Kort med gode forandringer i Tingbjerg' changed to 'Kort med positive forandringer'",
    ),
    "introduction": (
        ((KORT_TITLE, KORT_TITLE + "    intro: Vælg de kort, der passer til jer.\n"),),
        (),
        "»Kort med gode forandringer i Tingbjerg«: ny tekst i »Indledning«",
        "'Kort med gode forandringer i Tingbjerg': new text in 'Introduction'",
    ),
    "the manual's subtitle": (
        (("texts:\n", "texts:\n  manual:\n    subtitle: Til mødelederen i Tingbjerg\n"),),
        (),
        "»Manual til værdispillet«: ny tekst i »Undertitel«",
        "'Manual til værdispillet': new text in 'Subtitle'",
    ),
    "another text": (
        (("kommunen og de mange", "kommunen og alle de"),),
        (),
        "»Få flere på banen«: ny tekst i cover_intro",
        "'Få flere på banen': new text in cover_intro",
    ),
    "card edited": (
        ((K07, K07 + "    k13: Flere beboere deltager i sommerfesten\n"),),
        (),
        "Kort »Flere beboere deltager i sommerfesten«: teksten ændret",
        "Card 'Flere beboere deltager i sommerfesten': the text changed",
    ),
    "long text quoted short": (
        (("erhvervsuddannelse\n", "erhvervsuddannelse eller en gymnasial uddannelse i Tingbjerg\n"),),
        (),
        "Kort »Flere unge gennemfører en erhvervsuddannelse eller en…«: teksten ændret",
        "Card 'Flere unge gennemfører en erhvervsuddannelse eller en…': the text changed",
    ),
    "a value's other field edited": (
        (('"Hvad skal jeres medarbejdere kunne bagefter?"', '"Hvad skal I kunne bagefter?"'),),
        (),
        "Værdi »Faglighed«: teksten ændret",
        "Value 'Faglighed': the text changed",
    ),
    "edit reverted": (
        ((K07, ""),),
        (),
        "Kort »Flere unge gennemfører en uddannelse«: den officielle tekst igen",
        "Card 'Flere unge gennemfører en uddannelse': the official text again",
    ),
    "own card": (
        ((TB_02, TB_02 + "      - {id: tb-03, category: boern-unge, text: Børn læser flere bøger}\n"),),
        (),
        "Nyt kort: »Børn læser flere bøger«",
        "New card: 'Børn læser flere bøger'",
    ),
    "own piece": (
        (
            (
                "text: Vi kender vejen til hinanden}\n",
                "text: Vi kender vejen til hinanden}\n"
                "      - {id: tb-brik-2, value: faellesskab, text: Vi fester sammen}\n",
            ),
        ),
        (),
        "Ny brik: »Vi fester sammen«",
        "New piece: 'Vi fester sammen'",
    ),
    "own card deleted": (
        ((TB_02, ""),),
        (),
        "Kortet »Unge fra klubben hjælper til i biblioteket« slettet",
        "The card 'Unge fra klubben hjælper til i biblioteket' deleted",
    ),
    "official piece left out": (
        ((REMOVE, "remove: [k18, synlighed-3, faellesskab-1]"),),
        (),
        "Brikken »Vi styrker naboskabet i området« udeladt",
        "The piece 'Vi styrker naboskabet i området' left out",
    ),
    "checklist row left out": (
        ((REMOVE, "remove: [k18, synlighed-3, lokaler]"),),
        (),
        "Rækken i tjeklisten »Lokaler« udeladt",
        "The checklist row 'Lokaler' left out",
    ),
    "official card back in": (
        ((REMOVE, "remove: [synlighed-3]"),),
        (),
        "Kortet »Der bliver mindre hærværk« er med igen",
        "The card 'Der bliver mindre hærværk' is back in",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_kind_of_change_in_danish_and_english(tmp_path: Path, case: str):
    edits, before, danish, english = CASES[case]
    found = changes(tmp_path, edits, before)
    assert changes_in_words(found, DA) == [danish]
    assert changes_in_words(found, EN) == [english]


def test_no_change_is_an_empty_list(tmp_path: Path):
    found = changes(tmp_path, ())
    assert found == []
    assert summary(found, DA) == "Ingen ændringer"
    assert summary(found, EN) == "No changes"


def test_the_first_version_is_one_change(tmp_path: Path):
    found = describe_changes(None, load_edition(version(tmp_path)))
    assert found == [FIRST_VERSION]
    assert changes_in_words(found, DA) == ["Første version"]
    assert changes_in_words(found, EN) == ["First version"]
    assert summary(found, DA) == "Første version"
    assert summary(found, EN) == "First version"


def test_a_logo_is_compared_by_its_bytes(tmp_path: Path):
    old = load_edition(version(tmp_path, name="v1"))
    new_folder = version(tmp_path)
    logo = new_folder / "logo.svg"
    # The same picture under another name is no change.
    logo.rename(new_folder / "tingbjerg.svg")
    area = new_folder / "area.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("logo.svg", "tingbjerg.svg"), encoding="utf-8")
    assert describe_changes(old, load_edition(new_folder)) == []
    # Another picture under the same name is a change.
    svg = (new_folder / "tingbjerg.svg").read_text(encoding="utf-8")
    (new_folder / "tingbjerg.svg").write_text(svg.replace("#F4A91C", "#C0392B"), encoding="utf-8")
    found = describe_changes(old, load_edition(new_folder))
    assert changes_in_words(found, DA) == ["Logoet skiftet"]
    assert changes_in_words(found, EN) == ["Logo changed"]


def test_changes_are_listed_in_a_stable_order(tmp_path: Path):
    """The area first, then the materials in the pack's order, each one's items in their order."""
    edits = (
        (K07, "    k03: Børn får hjælp til lektierne\n" + K07 + "    k10: Voksne øver dansk\n"),
        (REMOVE, "remove: [k18, synlighed-3, k05, lokaler, faglighed-1]"),
        (TB_02, ""),
        ("brikker: 2", "brikker: 3"),
        ("  - Fodboldklubben\n", ""),
        ("  logo: logo.svg\n", ""),
        ("maja.holm@helhedsplan-tingbjerg.example", "mette@example.dk"),
        ("  name: Tingbjerg\n", "  name: Tingbjerg Nord\n"),
    )
    found = changes(tmp_path, edits)
    assert changes_in_words(found, DA) == [
        "Områdets navn ændret til »Tingbjerg Nord«",
        "Kontakt: e-mail ændret til mette@example.dk",
        "Logoet fjernet",
        "Samarbejdspartner fjernet: Fodboldklubben",
        "»Brikker til værdispillet«: 3 eksemplarer",
        "Brikken »Vi løser vores opgaver bedre« udeladt",
        "Kort »Børn får hjælp til lektierne«: teksten ændret",
        "Kortet »Forældre engagerer sig mere i børnenes skole« udeladt",
        "Kort »Voksne øver dansk«: teksten ændret",
        "Kortet »Unge fra klubben hjælper til i biblioteket« slettet",
        "Rækken i tjeklisten »Lokaler« udeladt",
    ]
    # The same changes found again come in the same order.
    assert changes(tmp_path / "again", edits) == found
    assert summary(found, DA) == (
        "11 ændringer: navn, kontakt, logo, samarbejdspartnere, materialer, 1 brik, 4 kort, "
        "1 række i tjeklisten"
    )


def test_a_change_is_data_with_its_material_and_item(tmp_path: Path):
    found = changes(tmp_path, ((K07, K07 + "    k13: Flere beboere deltager i sommerfesten\n"),))
    assert found == [
        Change(
            msg("item-changed", noun=msg("noun-card"), text="Flere beboere deltager i sommerfesten"),
            "noun-card.count",
            "kort",
            "k13",
        )
    ]


def test_summary_counts_items_and_names_the_rest(tmp_path: Path):
    edits = (
        ("maja.holm@helhedsplan-tingbjerg.example", "mette@example.dk"),
        (K07, "    k13: Flere beboere deltager i sommerfesten\n"),
    )
    found = changes(tmp_path, edits)
    assert summary(found, DA) == "3 ændringer: kontakt, 2 kort"
    assert summary(found, EN) == "3 changes: contact, 2 cards"
    one = changes(tmp_path / "one", (("  logo: logo.svg\n", ""),))
    assert summary(one, DA) == "1 ændring: logo"
    assert summary(one, EN) == "1 change: logo"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Naboer hilser på hinanden", "Naboer hilser på hinanden"),
        ("  Naboer\n hilser  på hinanden ", "Naboer hilser på hinanden"),
        ("x" * QUOTE_LENGTH, "x" * QUOTE_LENGTH),
        ("x" * (QUOTE_LENGTH + 1), "x" * (QUOTE_LENGTH - 1) + "…"),
        (
            "Flere unge gennemfører en erhvervsuddannelse eller en gymnasial uddannelse",
            "Flere unge gennemfører en erhvervsuddannelse eller en…",
        ),
        (
            "Flere unge gennemfører en erhvervsuddannelse i Tingbjerg, og mange flere gør",
            "Flere unge gennemfører en erhvervsuddannelse i Tingbjerg…",
        ),
    ],
)
def test_quotes_are_on_one_line_short_and_end_at_a_word(text: str, quoted: str):
    assert quote(text) == quoted
    assert len(quote(text)) <= QUOTE_LENGTH


def test_every_item_noun_and_contact_field_has_the_words_a_change_needs():
    nouns = {lst.noun for material in REGISTRY for lst in material.items}
    for noun in nouns:
        for form in (f"{noun}.the", f"{noun}.new"):
            assert form in MESSAGES, form
            assert DA.gettext(MESSAGES[form]) != MESSAGES[form], form
        assert f"{noun}.count" in PLURALS, noun
    for name in Contact.model_fields:
        code = f"contact-field.{name}"
        assert code in MESSAGES, code
        assert DA.gettext(MESSAGES[code]) != MESSAGES[code], code


def test_a_plan_change_is_summed_up_as_the_plan_not_the_name(tmp_path: Path):
    found = changes(tmp_path, (("og Utterslevhuse", "og Husum"),))
    assert summary(found, DA) == "1 ændring: helhedsplan"
    assert summary(found, EN) == "1 change: plan"
