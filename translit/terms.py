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


def covers(glossary: Glossary | None, source: str, target: str | None) -> bool:
    return glossary is not None and {source, target or source} <= GLOSSARY_LANGUAGES


def find_terms(glossary: Glossary, sentences: Sequence[Sentence], lang: str) -> tuple[tuple[TermHit, ...], ...]:
    return tuple(glossary.find(sentence.text, lang) for sentence in sentences)


def constraint_for(glossary: Glossary, hit: TermHit, target_lang: str) -> TermConstraint:
    concept = glossary.concept(hit.concept_id)
    wrong = list(wrong_renderings(concept, target_lang))
    if target_lang == "ru":
        from translit.morph import plain

        wrong += [plain(variant) for variant in concept.ru_variants]
    return TermConstraint(hit, glossary.target_forms(hit.concept_id, target_lang), tuple(wrong))


def preferred_forms(glossary: Glossary, target_lang: str, prefix: str, constraint: TermConstraint) -> tuple[str, ...]:
    """Forms of a Russian term that the words before it call for, most likely first."""
    concept = glossary.concept(constraint.hit.concept_id)
    if target_lang != "ru" or not concept.inflects:
        return ()
    from translit.morph import case_after, inflect_term, quantity_form

    words = _WORDS.findall(prefix)
    last = words[-1] if words else ""
    counted = quantity_form(last) if last else None
    if counted is not None:
        return (inflect_term(concept.ru, *counted),)
    return tuple(inflect_term(concept.ru, case, "sing") for case in case_after(last))


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


def build_constraints(
    glossary: Glossary, hits: Sequence[Sequence[TermHit]], target_lang: str
) -> Constraints:
    return Constraints(
        per_sentence=tuple(tuple(constraint_for(glossary, h, target_lang) for h in row) for row in hits),
        repair=partial(repair, glossary, target_lang),
        preferred_forms=partial(preferred_forms, glossary, target_lang),
    )
