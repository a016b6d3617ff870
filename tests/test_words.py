"""The site speaks USM's words (spec, *Words*): practice is not werkwijze, a profile is not a
role, the definitions and template names are USM's, and Dutch pages address the reader one way.

Two views: every word we write (labels, glossary, names, diagram words, page templates),
checked at the source; and the generated Dutch pages of our example, with what the process
owners wrote taken out (their text may differ), grepped for the retired words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.conftest import strings as _strings
from usm_docgen import catalog, mermaid, reference
from usm_docgen.labels import GLOSSARY, LABELS, LANGUAGES, THEME_WORDS
from usm_docgen.markdown_check import FIELD_DIRECTIVE
from usm_docgen.model import Model
from usm_docgen.render import TEMPLATE_DIR, escape_text, render_site
from usm_docgen.usm import PROCESSES, STEP_KINDS, TEMPLATES, USM_ROLES

# --- what we write, per language -------------------------------------------------------------


def _written(language: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text usm-docgen itself writes in ``language``."""
    for key, values in LABELS.items():
        yield f"label {key}", values[language]
    for term in GLOSSARY:
        entry = term(language)
        yield f"glossary terms {entry.terms[0]}", " / ".join(entry.terms)
        yield f"glossary {entry.terms[0]}", entry.definition
    for pid, process in PROCESSES.items():
        for part in (process.names, process.trigger, process.summary):
            yield f"process {pid}", part(language)
    for number, template in TEMPLATES.items():
        yield f"template {number}", template.names(language)
    for group, names in (("step kind", STEP_KINDS), ("profile type", USM_ROLES)):
        for key, name in names.items():
            yield f"{group} {key}", name(language)
    for key, words in mermaid._WORDS.items():
        yield f"diagram word {key}", words(language)
    for page, titles in reference.TITLES.items():
        yield f"reference title {page}", titles[language]
    if language == "nl":
        yield "reference note", reference._NL_NOTE
        for key, value in THEME_WORDS["nl"].items():
            yield f"theme word {key}", value
    for path in sorted(TEMPLATE_DIR.glob("*.md.j2")):  # the words outside the Jinja tags
        text = re.sub(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", path.read_text("utf-8"))
        yield f"page template {path.name}", text


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


DUTCH = list(_written("nl"))
ENGLISH = list(_written("en"))

USM_SENSE = {"nl": "werkinstructie", "en": "work instruction"}
"""A sentence that names werkwijzen (routines) also names USM's levels: that is USM's sense."""

PROFILE_DEFINITION = {"nl": "functie en/of rol", "en": "position and/or role"}
"""The one place the word role may stand near a profile: the definition says what it is part of."""

ROLE = {"nl": r"\b[Rr]ol(len)?\b", "en": r"\b[Rr]oles?\b"}
WERKWIJZE = r"(?i)werkwijz"
ADDRESS = r"\b(?:[Uu]w?|[Ii]k|[Mm]ij|[Mm]ijn)\b"
"""The forms of address that go: the Dutch pages speak to the reader with *je*."""


# --- the labels ------------------------------------------------------------------------------


def test_labels_have_the_same_keys_in_both_languages() -> None:
    keys = {lang: {k for k, v in LABELS.items() if v.get(lang, "").strip()} for lang in LANGUAGES}
    assert keys["nl"] == keys["en"] == set(LABELS)
    for key, words in mermaid._WORDS.items():
        assert words.nl.strip() and words.en.strip(), key
        assert set(re.findall(r"\{\w+\}", words.nl)) == set(re.findall(r"\{\w+\}", words.en))
    for term in GLOSSARY:
        assert term.nl.terms and term.en.terms and term.nl.definition and term.en.definition


def test_template_names_follow_the_spec() -> None:
    assert {n: t.names.nl for n, t in TEMPLATES.items()} == {
        1: "Wens",
        2: "Wijzigingsverzoek",
        3: "Verstoring via wijziging",
        4: "Verstoring via uitvoering",
        5: "Uitvoeringsverzoek",
        6: "Risico via afspraken",
        7: "Risico via wijziging",
        8: "Risico via uitvoering",
    }
    assert {n: t.names.en for n, t in TEMPLATES.items()} == {
        1: "Wish",
        2: "Request for change",
        3: "Incident via change",
        4: "Incident via operations",
        5: "Service request",
        6: "Risk via agreements",
        7: "Risk via change",
        8: "Risk via operations",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_practice_is_not_a_werkwijze(language: str) -> None:
    """In Dutch a practice stays "practice"; werkwijze only where USM's sense is explicit."""
    written = DUTCH if language == "nl" else ENGLISH
    word = WERKWIJZE if language == "nl" else r"(?i)\broutines?\b"
    for where, text in written:
        for sentence in _sentences(text):
            if re.search(word, sentence) and not where.startswith("glossary terms"):
                assert USM_SENSE[language] in sentence, (where, sentence)
    for key in ("title.practices", "practices", "practice", "practices.all", "no-practices"):
        assert "practice" in LABELS[key][language].casefold(), key
        assert not re.search(WERKWIJZE, LABELS[key][language]), key
    assert LABELS["framework.local"] == {"nl": "Eigen practice", "en": "Local practice"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profile_is_not_a_role(language: str) -> None:
    written = DUTCH if language == "nl" else ENGLISH
    for where, text in written:
        text = text.replace(PROFILE_DEFINITION[language], "")
        assert not re.search(ROLE[language], text), (where, text)
    assert LABELS["usm-role"] == {"nl": "Profieltype", "en": "Profile type"}
    assert LABELS["profile.my-part"] == {"nl": "Verantwoordelijkheid", "en": "Responsibility"}
    (profile,) = [t for t in GLOSSARY if t.nl.terms[0] == "Profiel"]
    assert "taken, bevoegdheden en verantwoordelijkheden" in profile.nl.definition
    assert "tasks, authorities and responsibilities" in profile.en.definition


def test_dutch_pages_address_the_reader_one_way() -> None:
    for where, text in DUTCH:
        assert not re.search(ADDRESS, text), (where, text)
    assert LABELS["where-to-go"]["nl"] == "Waar vind je wat?"


@pytest.mark.parametrize("language", LANGUAGES)
def test_definitions_use_usm_words(language: str) -> None:
    retired = {
        "nl": [r"beheerde? middel", r"ondersteunde faciliteit", r"\bvraag\b", r"adviseer"],
        "en": [r"managed resource", r"\bquestion\b"],
    }[language]
    for where, text in DUTCH if language == "nl" else ENGLISH:
        for word in retired:
            assert not re.search(word, text, re.IGNORECASE), (where, word, text)
    glossary = {t.nl.terms[0]: t for t in GLOSSARY}
    incident, request = glossary["Verstoring"](language), glossary["Uitvoeringsverzoek"](language)
    change = glossary["Wijzigingsverzoek"](language)
    if language == "nl":
        assert "dreigend uitvallen" in incident.definition
        assert "zonder blijvend effect op de beheerde infrastructuur" in request.definition
        assert "blijvend effect" in change.definition and "binnen de afspraken" in change.definition
    else:
        assert "imminent failure" in incident.definition
        assert "without a permanent effect on the managed infrastructure" in request.definition
        assert "permanent effect" in change.definition
        assert "within the agreements" in change.definition


def test_glossary_has_the_words_of_the_parties_and_agreements() -> None:
    dutch = {t.casefold() for term in GLOSSARY for t in term.nl.terms}
    english = {t.casefold() for term in GLOSSARY for t in term.en.terms}
    for word in ("klant", "gebruiker", "aanvrager", "dienstverlener", "leverancier", "afspraak"):
        assert word in dutch, word
    assert {"iw", "oo", "interne werkafspraak", "onderliggende overeenkomst"} <= dutch
    assert {"beheerde infrastructuur", "ondersteunde voorziening", "werkwijze"} <= dutch
    assert {"customer", "user", "requester", "service provider", "supplier"} <= english
    older = {
        "Afspreken": {"agreement management", "contract management"},
        "Wijzigen": {"change management"},
        "Herstellen": {"recovery management", "incident management"},
        "Uitvoeren": {"operations management"},
        "Verbeteren": {"improvement management", "risk management"},
    }
    for name, synonyms in older.items():
        (term,) = [t for t in GLOSSARY if t.nl.terms[0] == name]
        assert synonyms <= {t.casefold() for t in term.nl.terms}, name
        assert synonyms <= {t.casefold() for t in term.en.terms} | synonyms, name
        assert all(s in term.en.definition.casefold() for s in synonyms), name


def test_dutch_label_words() -> None:
    nl = {key: values["nl"] for key, values in LABELS.items()}
    assert nl["raci.C"] == "Geraadpleegd" and "**C** wordt vooraf geraadpleegd" in nl["raci.legend"]
    assert [k for k, v in nl.items() if re.search(r"(?i)\bdoel\b", v)] == ["purpose"]
    assert nl["goals"] == "Verbeterdoelen" and nl["target"] == "Streefwaarde"
    assert nl["assessed"] == "Peildatum"
    for key in ("model.templates-intro", "conformance.intro"):
        assert "dit handboek" in nl[key] and "procesblokken van USM" in nl[key], key
        assert "this handbook" in LABELS[key]["en"] and "USM's process blocks" in LABELS[key]["en"]
    for words in ("procedure", "werkinstructie", "*wie*", "*hoe*"):
        assert words in nl["workflow.levels"], words
    for words in ("procedure", "work instruction", "*who*", "*how*"):
        assert words in LABELS["workflow.levels"]["en"], words


# --- the generated Dutch pages of our example --------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Model:
    result = catalog.load(REPO)
    assert result.model is not None, result.diagnostics
    assert result.model.handbook.language == "nl"
    return result.model


@pytest.fixture(scope="module")
def generated(example: Model) -> dict[str, str]:
    """The Dutch pages with only our own words left: the sentences where we use werkwijze in
    USM's sense (checked above), the diagrams (their words are checked above) and everything
    the process owners wrote taken out."""
    vetted = {
        s
        for where, text in DUTCH
        if not where.startswith("glossary terms")
        for s in _sentences(text)
        if re.search(WERKWIJZE, s) or PROFILE_DEFINITION["nl"] in s
    }
    vetted.add("\nWerkwijze\n")  # the glossary's term for USM's sense
    user = sorted({escape_text(s) for s in _strings(example)} | set(_strings(example)), key=len)
    # One pattern for every value, the longest first (so a value is never cut by a shorter
    # one inside it); applied until nothing changes, as taking one out can join two words.
    written = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(v) for v in reversed(user) if v) + r")(?!\w)"
    )
    pages = {}
    for docname, text in render_site(example, reference=False).items():
        text = re.sub(r"(?ms)^(`{3,})\{(mermaid|" + FIELD_DIRECTIVE + r")\}.*?^\1$", "", text)
        text = re.sub(r"(?m)^:alt: .*$", "", text)
        for sentence in vetted:
            text = text.replace(sentence, "")
        while (shorter := written.sub("", text)) != text:
            text = shorter
        pages[docname] = text
    return pages


def test_example_pages_call_a_practice_a_practice(
    example: Model, generated: dict[str, str]
) -> None:
    for docname, text in generated.items():
        assert not re.search(WERKWIJZE, text), (docname, re.findall(rf".*{WERKWIJZE}.*", text))
    pages = render_site(example, reference=False)
    assert pages["practices/index"].startswith("# Practices\n")
    assert "```{grid-item-card} Practices\n" in pages["index"]
    steps = [line for wf in example.workflows for line in pages[f"workflows/{wf.id}"].splitlines()]
    assert any(line.startswith("**Practices:** ") for line in steps)
    assert "\n## Practices\n" in pages[f"workflows/{example.workflows[0].id}"]


def test_example_pages_never_call_a_profile_a_role(
    example: Model, generated: dict[str, str]
) -> None:
    for docname, text in generated.items():
        assert not re.search(ROLE["nl"], text), (docname, re.findall(r".*\b[Rr]ol\b.*", text))
    pages = render_site(example, reference=False)
    profile = pages[f"profiles/{example.profiles[0].id}"]
    assert "- **Profieltype:** " in profile
    assert "*Verantwoordelijkheid:* " in "\n".join(
        pages[f"profiles/{p.id}"] for p in example.profiles
    )
    assert re.search(
        r"\*Verantwoordelijkheid:\* (uitvoerend|eindverantwoordelijk) \(\*\*[RA]\*\*\)",
        "\n".join(pages[f"profiles/{p.id}"] for p in example.profiles),
    )


def test_example_pages_use_usm_words_and_address_the_reader_with_je(
    example: Model, generated: dict[str, str]
) -> None:
    for docname, text in generated.items():
        for word in (ADDRESS, r"(?i)beheerde? middel", r"(?i)ondersteunde faciliteit"):
            assert not re.search(word, text), (docname, word, re.findall(f".*{word}.*", text))
        assert "adviseert" not in text, docname
    pages = render_site(example, reference=False)
    assert "## Zo lees je dit handboek" in pages["index"]
    for wf in example.workflows:
        assert "als procedure en werkinstructie" in pages[f"workflows/{wf.id}"], wf.id
    assert (
        "*Peildatum: " in pages["improvement"] and "\n## Verbeterdoelen\n" in pages["improvement"]
    )
