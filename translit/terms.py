"""Glossary terms for a document: finding them per sentence and turning them into constraints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from translit.document import Sentence, TermHit
from translit.glossary import Glossary, wrong_renderings
from translit.mt.base import Constraints, TermConstraint
from translit.mt.constrain import fold

GLOSSARY_LANGUAGES = {"en", "ru"}
_WORDS = re.compile(r"\w+(?:-\w+)*")


def find_terms(glossary: Glossary, sentences: Sequence[Sentence], lang: str) -> tuple[tuple[TermHit, ...], ...]:
    return tuple(glossary.find(sentence.text, lang) for sentence in sentences)


def source_is_plural(hit: TermHit, approved_source: str, source_lang: str) -> bool:
    """Whether the term was written in the plural in the source (judges, судей)."""
    if source_lang == "en":
        written, approved = hit.source_text.lower().split(), approved_source.lower().split()
        if not (written and approved):
            return False
        last = written[-1][:-2] if written[-1].endswith(("'s", "’s")) else written[-1]  # judge's: singular
        return last != approved[-1] and last.rstrip("'’").endswith("s")
    from translit.morph import is_plural

    return is_plural(hit.source_text)


def constraint_for(glossary: Glossary, hit: TermHit, target_lang: str) -> TermConstraint:
    concept = glossary.concept(hit.concept_id)
    source_lang = "ru" if target_lang == "en" else "en"
    wrong = list(wrong_renderings(concept, target_lang))
    forms = glossary.target_forms(hit.concept_id, target_lang)
    plural = source_is_plural(hit, concept.approved(source_lang), source_lang)
    if target_lang == "ru":
        from translit.morph import CASES, inflect_term, plain

        wrong += [plain(variant) for variant in concept.ru_variants]
        number = "plur" if plural else "sing"
        candidates = ()
        if concept.inflects:
            candidates = tuple(dict.fromkeys(inflect_term(concept.ru, case, number) for case in CASES))
    else:
        candidates = forms[1:2] if plural and len(forms) > 1 else forms[:1]
    return TermConstraint(hit, forms, tuple(wrong), candidates)


def _context_cases(prefix: str) -> tuple[tuple[str, str], ...]:
    """(case, number) pairs the words before a slot call for, most likely first."""
    from translit.morph import case_after, quantity_form

    words = _WORDS.findall(prefix)
    last = words[-1] if words else ""
    counted = quantity_form(last) if last else None
    if counted is not None:
        return (counted,)
    return tuple((case, "sing") for case in case_after(last))


def preferred_forms(
    glossary: Glossary | None, target_lang: str, prefix: str, constraint: TermConstraint
) -> tuple[str, ...]:
    """Forms of a Russian term, name or place that the words before it call for, most likely first."""
    if target_lang != "ru":
        return ()
    concept_id = constraint.hit.concept_id
    if concept_id.startswith(PROTECTED_PREFIX):
        from translit.names import CASES

        # Declining names and places list the nominative first, then the cases in names.CASES order.
        if len(constraint.forms) != len(CASES) + 1:
            return ()
        by_case = dict(zip(("nomn", *CASES), constraint.forms))
        return tuple(by_case[case] for case, _ in _context_cases(prefix) if case in by_case)
    concept = glossary.concept(concept_id) if glossary else None
    if concept is None or not concept.inflects:
        return ()
    from translit.morph import inflect_term

    wanted = []
    for case, number in _context_cases(prefix):
        other = "plur" if number == "sing" else "sing"
        for form in (inflect_term(concept.ru, case, number), inflect_term(concept.ru, case, other)):
            if not constraint.candidates or form in constraint.candidates:
                wanted.append(form)
                break
    return tuple(dict.fromkeys(wanted))


def _form_in_context(glossary: Glossary, concept_id: str, text_before: str, target_lang: str) -> str:
    concept = glossary.concept(concept_id)
    if target_lang != "ru" or not concept.inflects:
        return concept.approved(target_lang)
    from translit.morph import guess_case_number, inflect_term

    return inflect_term(concept.ru, *guess_case_number(text_before))


def repair(glossary: Glossary, target_lang: str, text: str) -> str:
    """Wrong renderings (and, in Russian, community variants) replaced by the approved form in context."""
    for _ in range(3):
        spans = [(v.start, v.end, v.concept_id) for v in glossary.violations(text, None, target_lang)]
        if target_lang == "ru":
            for hit in glossary.find(text, "ru"):
                approved = glossary.target_forms(hit.concept_id, "ru")
                if fold(hit.source_text) not in {fold(form) for form in approved}:
                    spans.append((hit.start, hit.end, hit.concept_id))
        if not spans:
            return text
        for start, end, concept_id in sorted(set(spans), reverse=True):
            form = _form_in_context(glossary, concept_id, text[:start], target_lang)
            text = text[:start] + form + text[end:]
    return text


PROTECTED_PREFIX = "protected-"
_GUESSED_NAME = "guessed from capital letters only"


ProtectedHit = tuple[TermHit, tuple[str, ...]]
"""A protected span as a TermHit, with its acceptable renderings in the target language."""


def protected_spans(
    sentences: Sequence[Sentence], source_lang: str, target_lang: str, glossary_hits: Sequence[Sequence[TermHit]]
) -> tuple[tuple[ProtectedHit, ...], ...]:
    """Names, places, numbers, dates, links and codes of each sentence that must come through intact.

    Glossary terms win where they overlap. Names recognised only by their capital letters are left to
    the model: forcing a transliteration of "Red Cross" would do more harm than good.
    """
    from translit.names import NameBook
    from translit.protect import find_protected

    book = NameBook.from_sentences([s.text for s in sentences], source_lang)
    found = []
    for sentence, hits in zip(sentences, glossary_hits):
        row = []
        for span in find_protected(sentence.text, source_lang, target_lang, names=book):
            if span.kind == "name" and _GUESSED_NAME in span.note:
                continue
            if any(span.start < hit.end and hit.start < span.end for hit in hits):
                continue
            hit = TermHit(f"{PROTECTED_PREFIX}{span.kind}", span.start, span.end, span.source_text, span.forms[0],
                          note_en=span.note, note_ru=span.note)
            row.append((hit, span.forms))
        found.append(tuple(row))
    return tuple(found)


def is_protected(hit: TermHit) -> bool:
    return hit.concept_id.startswith(PROTECTED_PREFIX)


def build_constraints(
    glossary: Glossary | None,
    hits: Sequence[Sequence[TermHit]],
    target_lang: str,
    protected: Sequence[Sequence[ProtectedHit]] = (),
) -> Constraints:
    """Glossary terms and protected spans of each sentence as constraints for the translator."""
    rows = []
    for index, row in enumerate(hits):
        constraints = [constraint_for(glossary, h, target_lang) for h in row] if glossary else []
        if index < len(protected):
            constraints += [TermConstraint(hit, forms) for hit, forms in protected[index]]
        rows.append(tuple(constraints))
    return Constraints(
        per_sentence=tuple(rows),
        repair=partial(repair, glossary, target_lang) if glossary else _unchanged,
        preferred_forms=partial(preferred_forms, glossary, target_lang),
    )


def _unchanged(text: str) -> str:
    return text
