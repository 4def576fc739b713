"""Protected spans on sentences generated from templates: each span found, with the promised forms."""

from __future__ import annotations

import itertools

import pytest

from translit.protect import KINDS, ProtectedSpan, find_protected

EN_TEMPLATES = (
    "The letter mentioned {x} twice.",
    "According to the notice, {x} was listed.",
    "{x} appeared in the file.",
    'She wrote "{x}" on the form, and nothing else.',
    "In a statement on Monday, officials cited {x} again.",
)
RU_TEMPLATES = (
    "В письме дважды упоминалось {x}.",
    "{x} — так было написано в уведомлении.",
    "По словам юристов, в деле указано {x}, и больше ничего.",
    "Она написала «{x}» в анкете.",
)

# (kind, source text, the forms expected in the target language: all of them, or the first few)
EN_TO_RU = (
    ("url", "https://www.uscis.gov/i-589", ("https://www.uscis.gov/i-589",)),
    ("url", "www.ice.gov/detain", ("www.ice.gov/detain",)),
    ("email", "help.desk@uscis.dhs.gov", ("help.desk@uscis.dhs.gov",)),
    ("phone", "(202) 555-0143", ("(202) 555-0143",)),
    ("phone", "1-800-375-5283", ("1-800-375-5283",)),
    ("phone", "+7 (495) 123-45-67", ("+7 (495) 123-45-67",)),
    ("a_number", "A123-456-789", ("A123-456-789",)),
    ("a_number", "A123456789", ("A123456789",)),
    ("a_number", "A-123-456-789", ("A-123-456-789",)),
    *(("form", form, (form,)) for form in ("I-589", "I-94", "I-130", "I-765", "N-400", "DS-160", "G-28")),
    *(
        ("case_number", number, (number,))
        for number in ("IOE0912345678", "EAC2190012345", "MSC2290012345", "WAC2012345678", "LIN2312345678",
                       "SRC2112345678", "NBC2212345678")
    ),
    ("amount", "$1,500", ("$1,500",)),
    ("amount", "$2.5 million", ("$2,5 млн", "2,5 млн долларов", "2,5 миллиона долларов", "$2.5 million")),
    ("percent", "35%", ("35%", "35 %")),
    ("percent", "35 %", ("35 %", "35%")),
    ("date", "March 5, 2023", ("5 марта 2023 г.", "5 марта 2023 года")),
    ("date", "December 31, 2024", ("31 декабря 2024 г.", "31 декабря 2024 года")),
    ("date", "03/05/2023", ("5 марта 2023 г.", "5 марта 2023 года")),
    ("date", "2023-03-05", ("2023-03-05", "5 марта 2023 г.", "5 марта 2023 года")),
    ("time", "10:30 a.m.", ("10:30",)),
    ("time", "3 p.m.", ("15:00",)),
    ("time", "12:15 a.m.", ("0:15",)),
    *(("acronym", word, (word,)) for word in ("ICE", "CBP", "USCIS", "DHS", "TPS", "DACA")),
    ("acronym", "FBI", ("ФБР",)),
    ("number", "1,500", ("1500", "1 500")),
    ("number", "2023", ("2023",)),
    ("number", "2.5", ("2,5", "2.5")),
)
RU_TO_EN = (
    ("url", "https://www.uscis.gov/i-589", ("https://www.uscis.gov/i-589",)),
    ("email", "info@example.ru", ("info@example.ru",)),
    ("phone", "+7 (495) 123-45-67", ("+7 (495) 123-45-67",)),
    ("a_number", "A123-456-789", ("A123-456-789",)),
    ("form", "I-589", ("I-589",)),
    ("case_number", "IOE0912345678", ("IOE0912345678",)),
    ("date", "5 марта 2023 г.", ("March 5, 2023", "5 March 2023")),
    ("date", "5 марта 2023 года", ("March 5, 2023", "5 March 2023")),
    ("date", "05.03.2023", ("March 5, 2023", "5 March 2023")),
    ("amount", "1 500 долларов", ("$1,500", "1,500 dollars")),
    ("amount", "2,5 млн долларов", ("$2.5 million", "2.5 million dollars")),
    ("percent", "35 %", ("35%", "35 %", "35 percent")),
    ("time", "10:30", ("10:30", "10:30 a.m.")),
    ("acronym", "ICE", ("ICE",)),
    ("acronym", "ФБР", ("FBI",)),
    ("number", "1 500", ("1,500", "1500")),
)


def _sentences(templates, items):
    for template, (kind, source, forms) in itertools.product(templates, items):
        yield template.format(x=source), template.index("{x}"), kind, source, forms


def _check_structure(spans: tuple[ProtectedSpan, ...], text: str) -> None:
    for span in spans:
        assert span.kind in KINDS
        assert text[span.start : span.end] == span.source_text
        assert span.forms and all(span.forms)
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start, f"overlapping spans {before} and {after}"


CASES = [("en", "ru", *row) for row in _sentences(EN_TEMPLATES, EN_TO_RU)] + [
    ("ru", "en", *row) for row in _sentences(RU_TEMPLATES, RU_TO_EN)
]


def test_enough_generated_sentences() -> None:
    assert len(CASES) >= 200


@pytest.mark.parametrize(("source", "target", "text", "offset", "kind", "written", "forms"), CASES)
def test_every_span_found_with_its_forms(source, target, text, offset, kind, written, forms) -> None:
    spans = find_protected(text, source, target)
    _check_structure(spans, text)
    matching = [s for s in spans if s.start == offset]
    assert matching, f"nothing found at {offset} in {text!r}: {spans}"
    span = matching[0]
    assert (span.kind, span.source_text) == (kind, written)
    assert span.forms[: len(forms)] == forms


def test_dollar_amount_kept_exactly() -> None:
    (span,) = find_protected("The fee is $1,500.", "en", "ru")
    assert span.forms == ("$1,500",)


def test_english_thousands_comma_never_kept_in_russian() -> None:
    (span,) = find_protected("About 12,000 people applied.", "en", "ru")
    assert "12,000" not in span.forms and span.forms[0] == "12 000"


def test_longest_span_wins() -> None:
    spans = find_protected("The hearing on March 5, 2023 at 10:30 a.m. was moved.", "en", "ru")
    assert [(s.kind, s.source_text) for s in spans] == [("date", "March 5, 2023"), ("time", "10:30 a.m.")]


def test_other_targets_keep_spans_as_written() -> None:
    spans = find_protected("On March 5, 2023 the fee of $2.5 million was paid.", "en", "es")
    assert [s.forms for s in spans] == [("March 5, 2023",), ("$2.5 million",)]


@pytest.mark.parametrize(
    "text",
    [
        "World War II ended long ago.",
        "Chapter IV explains the rules.",
        "A judge read the file.",
        "I said it was OK.",
        "JUDGE BLOCKS NEW RULE FOR MIGRANTS",
        "The court met at noon.",
    ],
)
def test_no_acronyms_in_ordinary_capitals(text: str) -> None:
    assert [s for s in find_protected(text, "en", "ru") if s.kind == "acronym"] == []


def test_us_date_with_day_first_is_kept_as_written() -> None:
    (span,) = find_protected("Signed on 25/03/2023 in Kyiv.", "en", "ru")[:1]
    assert (span.kind, span.forms) == ("date", ("25/03/2023",))


def test_every_sentence_has_sorted_non_overlapping_spans() -> None:
    text = (
        "On 2023-03-05 at 9:45 a.m., ICE agents detained A-123-456-789 (case EAC2190012345) near "
        "El Paso; call +1 202-555-0143 or write to help@uscis.gov about Form I-589, fee $1,500 (35%)."
    )
    spans = find_protected(text, "en", "ru")
    _check_structure(spans, text)
    kinds = {s.kind for s in spans}
    assert {"date", "time", "acronym", "a_number", "case_number", "place", "phone", "email", "form",
            "amount", "percent"} <= kinds
