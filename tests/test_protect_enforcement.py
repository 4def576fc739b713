"""Links and codes survive translation; names, numbers and dates are checked, never forced.

The guarantee on the random-weight test model: a span that must be exact (URL, e-mail, phone,
A-number, form or case number) is in the translation character for character, or flagged; a name,
number, date or amount is compared with the translation and flagged when it differs, and the
translation is never changed for it.
"""

from __future__ import annotations

import itertools

from translit.document import Document
from translit.mt.enforce import find_form
from translit.pipeline import Options, run

EN_VALUES = {
    "url": ["https://www.uscis.gov/tps", "https://example.org/help?lang=ru", "www.justice.gov/eoir"],
    "email": ["help@legalaid.org", "info@asylum-clinic.us"],
    "a_number": ["A123-456-789", "A-201-334-556", "A098765432"],
    "form": ["I-589", "I-94", "I-765", "N-400"],
    "case_number": ["IOE0912345678", "EAC2190012345"],
    "amount": ["$1,500", "$250", "$2.5 million"],
    "percent": ["35%", "12.5%"],
    "date": ["March 5, 2023", "October 20, 2023", "2024-01-15"],
    "phone": ["(212) 555-0147", "+1 415 555 0199"],
    "place": ["Texas", "El Paso", "Mexico", "Ukraine"],
    "name": ["Jennifer Scarborough", "Michael Turner"],
}
EN_TEMPLATES = [
    "The notice mentioned {x} in the second paragraph.",
    "Lawyers said that {x} was important for the case.",
    "According to the clinic, {x} appears on the letter.",
    "Families were told about {x} on Monday.",
]
RU_VALUES = {
    "url": ["https://www.uscis.gov/tps", "https://example.org/pomosh"],
    "email": ["help@legalaid.org"],
    "a_number": ["A123-456-789", "A098765432"],
    "form": ["I-589", "I-134"],
    "amount": ["$1,500"],
    "date": ["5 марта 2023 г.", "20 октября 2023 года"],
    "place": ["Техас", "Мексика"],
    "name": ["Дмитрий Щербаков"],
}
RU_TEMPLATES = [
    "В письме упоминается {x}, и это важно.",
    "Юрист сказал, что {x} указан в документах.",
    "По словам волонтёров, {x} встречается в заявлении.",
]


def generated(values: dict[str, list[str]], templates: list[str]) -> list[tuple[str, str]]:
    """(sentence, the value planted in it), every value in every template."""
    pairs = [value for items in values.values() for value in items]
    return [(t.format(x=value), value) for value, t in zip(pairs * len(templates), itertools.cycle(templates))]


EXACT = {"url", "email", "a_number", "form", "case_number", "phone"}


def assert_every_span_survives(result, planted: list[str]) -> int:
    """Each planted value is protected (or is a glossary term); exact ones survive or are flagged.
    Returns how many exact spans came through."""
    through = 0
    for pair, value in zip(result.pairs, planted):
        start = pair.source.text.index(value)
        covering = [u for u in (*pair.protected, *pair.terms) if u.hit.start <= start < u.hit.end]
        kinds = {u.hit.concept_id.removeprefix("protected-") for u in covering}
        assert covering or kinds & {"place"} or not kinds, (pair.source.text, value)
        for use in pair.protected:
            kind = use.hit.concept_id.removeprefix("protected-")
            if use.status == "flagged":
                assert use.reason and use.target_text == "", use
                if kind in EXACT:
                    assert use.hit.source_text not in pair.target
                continue
            assert use.status in ({"present", "forced"} if kind in EXACT else {"present"}), use
            assert find_form(pair.target, [use.target_text]) or kind in {"date", "time", "amount", "percent",
                                                                          "number", "name"}, (pair.target, use)
            through += kind in EXACT
    return through


def exact_planted(planted) -> int:
    """Planted exact values; form numbers are left out: most are glossary concepts, enforced as terms."""
    return sum(1 for value in planted if any(value == v for k, vs in {**EN_VALUES, **RU_VALUES}.items()
                                             if k in EXACT - {"form"} for v in vs))


def test_exact_spans_survive_english_to_russian_and_others_are_checked(translator):
    sentences, planted = zip(*generated(EN_VALUES, EN_TEMPLATES) * 3)
    assert len(sentences) >= 100
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="en", target_lang="ru", summary_sentences=None), translator)
    assert assert_every_span_survives(result, list(planted)) >= exact_planted(planted) * 0.75
    uses = [u for p in result.pairs for u in p.protected]
    kinds = {u.hit.concept_id for u in uses}
    assert {"protected-url", "protected-a_number", "protected-date", "protected-amount"} <= kinds
    # A random model writes no real numbers or names: they are flagged, and the model's text is kept.
    checked = [u for u in uses if u.hit.concept_id in {"protected-date", "protected-amount", "protected-name"}]
    assert checked and all(u.status in {"flagged", "present"} for u in checked)
    assert any(u.status == "flagged" for u in checked)


def test_exact_spans_survive_russian_to_english(translator):
    sentences, planted = zip(*generated(RU_VALUES, RU_TEMPLATES) * 3)
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="ru", target_lang="en", summary_sentences=None), translator)
    assert assert_every_span_survives(result, list(planted)) >= exact_planted(planted) * 0.75
    codes = [u for p in result.pairs for u in p.protected if u.hit.concept_id in {"protected-a_number",
                                                                                "protected-url"}]
    assert len(codes) >= 12 and all(u.status in {"present", "forced"} for u in codes)
    names = [u for p in result.pairs for u in p.protected if u.hit.concept_id == "protected-name"]
    assert names and all(u.status in {"flagged", "present"} for u in names)


def test_protection_can_be_turned_off(translator):
    document = Document.from_text("Send the form to help@legalaid.org by March 5, 2023.\n")
    options = Options(source_lang="en", target_lang="ru", summary_sentences=None, protect=False)
    assert run(document, options, translator).pairs[0].protected == ()

