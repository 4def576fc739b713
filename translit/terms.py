"""Glossary terms for a document: finding them per sentence and turning them into constraints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from translit.document import EXACT_KINDS, Sentence, TermHit
from translit.glossary import Glossary
from translit.mt.base import Constraints, TermConstraint, no_repair
from translit.mt.enforce import find_form
from translit.pairs.languages import language
from translit.pairs.morph import plain

_WORDS = re.compile(r"\w+(?:['’ʼ-]\w+)*")


def find_terms(glossary: Glossary, sentences: Sequence[Sentence], lang: str) -> tuple[tuple[TermHit, ...], ...]:
    """Each sentence's glossary hits, marked enforced or a suggestion by their sense in this document."""
    return glossary.find_in_document([sentence.text for sentence in sentences], lang)


def source_is_plural(hit: TermHit, approved_source: str, source_lang: str) -> bool:
    """Whether the term was written in the plural in the source (judges, судей, суддів)."""
    return language(source_lang).is_plural(hit.source_text, approved_source)


def constraint_for(glossary: Glossary, hit: TermHit, target_lang: str) -> TermConstraint:
    """What a translation of the hit must hold: any accepted form; forced, the approved one in the
    source's number; never a wrong rendering or a colloquial form (both suppressed while forcing)."""
    concept = glossary.concept(hit.concept_id)
    source_lang = glossary.other(target_lang)
    target = language(target_lang)
    wrong = [*concept.wrong_terms(target_lang), *(plain(v) for v in concept.colloquial.get(target_lang, ()))]
    plural = source_is_plural(hit, concept.approved(source_lang), source_lang)
    candidates = target.forced_candidates(concept.rendering(target_lang), plural)
    return TermConstraint(hit, glossary.accepted_forms(hit.concept_id, target_lang), tuple(wrong), candidates)


def preferred_forms(
    glossary: Glossary | None, target_lang: str, prefix: str, constraint: TermConstraint
) -> tuple[str, ...]:
    """Forms of an inflected glossary term that the words before it call for, most likely first.

    Protected spans get none: the forced ones (links, codes) never decline."""
    if glossary is None or is_protected(constraint.hit):
        return ()
    concept = glossary.concept(constraint.hit.concept_id)
    return language(target_lang).preferred_forms(concept.rendering(target_lang), prefix, constraint.candidates)


def _replacement(glossary: Glossary, concept_id: str, found: str, target_lang: str) -> str | None:
    """The approved term in the grammatical form of the wrong rendering it replaces; None when that
    form cannot be read with certainty (then nothing is replaced)."""
    concept = glossary.concept(concept_id)
    form = language(target_lang).form_like(found, concept.rendering(target_lang), concept.wrong.get(target_lang, ()))
    if form is None:
        return None
    return form[:1].upper() + form[1:] if found[:1].isupper() else form


def repair(
    glossary: Glossary, target_lang: str, text: str, constraints: Sequence[TermConstraint]
) -> tuple[str, frozenset[int]]:
    """A listed wrong rendering replaced by the approved term, only where the sentence's source asked
    for that concept; returns the text and the indices of the constraints repaired.

    Do no harm: a concept is repaired only when it is enforced, still missing, and its wrong renderings
    in the text are no more than its hits in the source (so each one is the rendering of a hit); a
    wrong rendering that is a single word is never replaced by text (it may have another sense in
    this sentence); the replacement takes the case and number read from the replaced words.
    """
    wanted: dict[str, list[int]] = {}
    for index, constraint in enumerate(constraints):
        if constraint.hit.enforced and not is_protected(constraint.hit) and not find_form(text, constraint.forms):
            wanted.setdefault(constraint.hit.concept_id, []).append(index)
    if not wanted:
        return text, frozenset()
    hits = [constraints[i].hit for indices in wanted.values() for i in indices]
    by_concept: dict[str, list] = {}
    for violation in glossary.violations(text, hits, target_lang):
        by_concept.setdefault(violation.concept_id, []).append(violation)
    edits = []
    repaired: set[int] = set()
    for concept_id, violations in by_concept.items():
        indices = wanted[concept_id]
        if len(violations) > len(indices) or any(len(_WORDS.findall(v.found)) < 2 for v in violations):
            continue
        replacements = [_replacement(glossary, concept_id, v.found, target_lang) for v in violations]
        forms = [form for form in replacements if form is not None]
        if len(forms) != len(violations):
            continue
        edits += [(v.start, v.end, form) for v, form in zip(violations, forms)]
        repaired.update(indices[: len(violations)])
    for start, end, form in sorted(edits, reverse=True):
        text = text[:start] + form + text[end:]
    return text, frozenset(repaired)


PROTECTED_PREFIX = "protected-"


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
            if span.guessed:
                continue
            if any(span.start < hit.end and hit.start < span.end for hit in hits):
                continue
            hit = TermHit(f"{PROTECTED_PREFIX}{span.kind}", span.start, span.end, span.source_text, span.forms[0],
                          notes=(("en", span.note),), span=span.kind,
                          source_form=span.lemma if span.lemma != span.source_text else "")
            row.append((hit, span.forms))
        found.append(tuple(row))
    return tuple(found)


def is_protected(hit: TermHit) -> bool:
    return bool(hit.span)


def build_constraints(
    glossary: Glossary | None,
    hits: Sequence[Sequence[TermHit]],
    target_lang: str,
    protected: Sequence[Sequence[ProtectedHit]] = (),
) -> Constraints:
    """What each sentence's translation must hold: its enforced glossary terms, and the protected
    spans that must come through character for character (links, e-mails, phones, A-numbers, form
    and case numbers). Names, numbers and dates are checked after translation, never forced."""
    rows = []
    for index, row in enumerate(hits):
        constraints = [constraint_for(glossary, h, target_lang) for h in row if h.enforced] if glossary else []
        if index < len(protected):
            constraints += [TermConstraint(hit, forms) for hit, forms in protected[index] if is_exact(hit)]
        rows.append(tuple(constraints))
    return Constraints(
        per_sentence=tuple(rows),
        repair=partial(repair, glossary, target_lang) if glossary else no_repair,
        preferred_forms=partial(preferred_forms, glossary, target_lang),
    )


def is_exact(hit: TermHit) -> bool:
    return hit.span in EXACT_KINDS
