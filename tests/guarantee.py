"""The glossary guarantee shared by the enforcement tests of every language pair.

Sentences are generated from every concept of a built-in glossary; after translation each enforced
term must be in the translation in an accepted form (present, repaired or forced) or flagged with a
reason and absent, never pasted in, and no wrong rendering of the sentence's concepts may remain.
"""

from __future__ import annotations

from collections.abc import Mapping

from translit.mt.enforce import find_form, fold
from translit.pairs.morph import morphology

EN_TEMPLATES = (
    "The {term} was mentioned in the report on Monday.",
    "Lawyers said the {term} matters for many families.",
    "{Term} came up twice during the hearing.",
)


def _capitalised(template: str, term: str) -> str:
    return template.format(term=term, Term=term[:1].upper() + term[1:])


def english_sentences(glossary) -> list[str]:
    """The approved English term and its first alternative of every concept, each in a sentence."""
    sentences = []
    for number, concept in enumerate(glossary.concepts):
        for variant, term in enumerate(concept.terms["en"][:2]):
            sentences.append(_capitalised(EN_TEMPLATES[(number + variant) % len(EN_TEMPLATES)], term))
    return sentences


def inflected_sentences(glossary, lang: str, templates: Mapping[str, str]) -> list[str]:
    """The approved term of every concept in `lang`, in the case of its template (cases taken in turn)."""
    inflect = morphology(lang).inflect_term
    cases = list(templates)
    sentences = []
    for number, concept in enumerate(glossary.concepts):
        case = cases[number % len(cases)]
        term = inflect(concept.rendering(lang), case, "sing") if concept.inflects(lang) else concept.approved(lang)
        sentences.append(_capitalised(templates[case], term))
    return sentences


def check_guarantee(result, glossary, target_lang: str) -> int:
    """Assert the guarantee for every term of a translated result; returns the number of terms checked."""
    checked = 0
    for pair in result.pairs:
        for use in pair.terms:
            if use.status == "suggestion":
                assert not use.hit.enforced
                continue
            forms = glossary.accepted_forms(use.hit.concept_id, target_lang)
            if use.status == "flagged":
                assert use.reason and not find_form(pair.target, forms), (pair.source.text, pair.target, use)
            else:
                assert use.status in {"present", "forced", "repaired"}
                assert find_form(pair.target, forms), (pair.source.text, pair.target, use)
            checked += 1
        hits = [use.hit for use in pair.terms if use.status != "flagged"]
        assert not glossary.violations(pair.target, hits, target_lang), (pair.source.text, pair.target)
        if target_lang != "en":
            # Colloquial forms are recognised in source text but never produced: every mention of a
            # forced concept in the output is one of its accepted forms.
            wanted = {use.hit.concept_id for use in pair.terms if use.status == "forced"}
            for found in glossary.find(pair.target, target_lang):
                if found.concept_id in wanted:
                    accepted = {fold(f) for f in glossary.accepted_forms(found.concept_id, target_lang)}
                    assert fold(found.source_text) in accepted, (pair.target, found)
    return checked
