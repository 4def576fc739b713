"""run(document, options, translator) -> Result. Only wires the stages together."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translit.document import (
    Document,
    DocumentDetection,
    MemoryMatch,
    Result,
    Sentence,
    SentencePair,
    TermHit,
    TermStatus,
    TermUse,
)
from translit.errors import InputError, LanguageError, TranslitError
from translit.mt.base import Constraints, Progress, TranslatedSentence, Translator
from translit.mt.enforce import find_form
from translit.mt.given import GivenTranslation

AUTO = "auto"


@dataclass(frozen=True)
class Options:
    source_lang: str = AUTO
    target_lang: str | None = "ru"
    summary_sentences: int | None = 3
    summary_ratio: float | None = None
    summary_words: int | None = None
    use_glossary: bool = True
    glossary_paths: tuple[str, ...] = ()
    protect: bool = True


def check_not_empty(document: Document) -> None:
    if not document.content_paragraphs:
        raise InputError("The article is empty: paste some text, or pick a file or a sample.")


def detect(document: Document, source_lang: str = AUTO) -> DocumentDetection:
    """Detect the document's language, or take the user's override."""
    from translit import detect as detection

    found = _detected(document)
    if source_lang and source_lang != AUTO:
        return DocumentDetection(detection.override(source_lang), found.paragraphs)
    return found


@functools.lru_cache(maxsize=16)
def _detected(document: Document) -> DocumentDetection:
    """Detection is pure: the app asks for it on every rerun, and again inside run()."""
    from translit import detect as detection

    return detection.detect_document(document)


def source_language(detection: DocumentDetection) -> str:
    if not detection.overall.known:
        raise LanguageError(
            "Could not tell which language this article is in; choose it yourself "
            "(CLI: --from ru, app: the language selector)."
        )
    return detection.overall.lang


def analyze(document: Document, source_lang: str = AUTO) -> tuple[DocumentDetection, tuple[Sentence, ...]]:
    """Detection and sentences: everything that needs no model."""
    from translit.segment import segment

    check_not_empty(document)
    found = detect(document, source_lang)
    return found, segment(document, source_language(found))


def glossary_for(options: Options, source: str, target: str | None):
    """The built-in immigration glossary of the pair merged with the user's files of that pair, or None.

    Without a target (a summary only) the first pair of the source language is used for its notes.
    A user file named for another pair (my-glossary.en-ru.tsv while translating into Ukrainian) is
    left out; one whose name gives no pair must have the pair's columns.
    """
    from translit.glossary import builtin_path, langs_of_path
    from translit.pairs import pair_for, pairs

    if not options.use_glossary:
        return None
    pair = pair_for(source, target) if target else next((p for p in pairs() if source in p.langs), None)
    if pair is None:
        return None
    files = [builtin_path(pair=pair.langs)]
    for path in map(Path, options.glossary_paths):
        if "-" not in path.name or set(langs_of_path(path)) == set(pair.langs):
            files.append(path)
    return _merged_glossary(tuple((str(f), f.stat().st_mtime_ns if f.is_file() else 0) for f in files))


@functools.lru_cache(maxsize=8)
def _merged_glossary(files: tuple[tuple[str, int], ...]):
    """Glossaries parsed (and their matchers compiled) once per process, again when a file changes."""
    from translit.glossary import load_glossary, merge

    glossary = load_glossary(files[0][0])
    user = [load_glossary(path) for path, _ in files[1:]]
    return merge(glossary, *user) if user else glossary


def run(
    document: Document,
    options: Options,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Result:
    """Detect, segment, find terms, translate (given a target and a translator) and summarize."""
    plan = _plan(document, options, translate=translator is not None)
    if plan.constraints is None or translator is None:
        return _finish(plan, options, None, None)
    outputs = translator.translate(
        [s.text for s in plan.sentences], plan.source, plan.target, constraints=plan.constraints, progress=progress
    )
    return _finish(plan, options, outputs, translator)


def run_many(
    documents: Sequence[Document],
    options: Options,
    translator: Translator,
    progress: Progress | None = None,
) -> list[Result | TranslitError]:
    """Many documents translated together: the sentences of every document of one language go to the
    translator in one call, so short articles still fill its batches. Each document gets its Result,
    or the error that stopped it (an unknown language, no model for the pair), in the input order;
    one bad document never stops the others."""
    plans: list[_Plan | TranslitError] = []
    for document in documents:
        try:
            plans.append(_plan(document, options, translate=True))
        except TranslitError as error:
            plans.append(error)
    results: list[Result | TranslitError] = list(plans)  # type: ignore[arg-type]
    groups: dict[tuple[str, str], list[int]] = {}
    for index, plan in enumerate(plans):
        if isinstance(plan, _Plan):
            groups.setdefault((plan.source, plan.target), []).append(index)
    done = 0
    total = sum(len(plan.sentences) for plan in plans if isinstance(plan, _Plan))
    for (source, target), indices in groups.items():
        group = [plans[i] for i in indices]
        texts = [s.text for plan in group for s in plan.sentences]  # type: ignore[union-attr]
        first = group[0].constraints  # type: ignore[union-attr]
        assert first is not None
        joined = Constraints(
            per_sentence=tuple(row for plan in group for row in plan.constraints.per_sentence),  # type: ignore
            repair=first.repair,
            preferred_forms=first.preferred_forms,
        )

        def report(count: int, _: int, offset: int = done) -> None:
            if progress is not None:
                progress(offset + count, total)

        try:
            outputs = translator.translate(texts, source, target, constraints=joined, progress=report)
        except TranslitError as error:
            for i in indices:
                results[i] = error
            done += len(texts)
            continue
        done += len(texts)
        start = 0
        for i, plan in zip(indices, group):
            count = len(plan.sentences)  # type: ignore[union-attr]
            try:
                results[i] = _finish(plan, options, outputs[start : start + count], translator)  # type: ignore
            except TranslitError as error:
                results[i] = error
            start += count
    return results


@dataclass(frozen=True)
class _Plan:
    """A document analysed and ready for the translator: everything run() knows before translating."""

    document: Document
    detection: DocumentDetection
    sentences: tuple[Sentence, ...]
    source: str
    target: str
    glossary_version: str
    hits: tuple[tuple[TermHit, ...], ...]
    protected: tuple = ()
    constraints: Constraints | None = None
    warnings: tuple[str, ...] = ()


def _plan(document: Document, options: Options, *, translate: bool) -> _Plan:
    from translit import terms

    detection, sentences = analyze(document, options.source_lang)
    source = detection.overall.lang
    target = options.target_lang or ""
    glossary = glossary_for(options, source, target or None)
    hits = terms.find_terms(glossary, sentences, source) if glossary else tuple(() for _ in sentences)
    warnings: list[str] = []
    if detection.mixed:
        warnings.append(
            "Paragraphs of this article are in different languages "
            f"({', '.join(detection.languages)}); each is translated as {source}."
        )
    protected: tuple = ()
    constraints = None
    if target and translate:
        if target == source:
            raise LanguageError(
                f"The article is already in {target}; choose another target language."
            )
        protected = terms.protected_spans(sentences, source, target, hits) if options.protect else ()
        constraints = terms.build_constraints(glossary, hits, target, protected)
    return _Plan(
        document, detection, tuple(sentences), source, target,
        f"{glossary.name} {glossary.version}" if glossary else "", tuple(hits), tuple(protected), constraints,
        tuple(warnings),
    )


def _finish(
    plan: _Plan, options: Options, outputs: Sequence[TranslatedSentence] | None, translator: Translator | None
) -> Result:
    """The Result of a planned document, translated (outputs given) or not."""
    pairs = tuple(
        SentencePair(
            s, "", terms=tuple(TermUse(h, TermStatus.FOUND if h.enforced else TermStatus.SUGGESTION) for h in row)
        )
        for s, row in zip(plan.sentences, plan.hits)
    )
    route: tuple[str, ...] = ()
    models: tuple = ()
    if outputs is not None and translator is not None and plan.constraints is not None:
        accounted = [_accounted(out, row) for out, row in zip(outputs, plan.constraints.per_sentence)]
        protected = plan.protected
        pairs = tuple(
            _pair(sentence, out, row, protected[i] if i < len(protected) else (), plan.source)
            for i, (sentence, out, row) in enumerate(zip(plan.sentences, accounted, plan.hits))
        )
        models = translator.models_for(plan.source, plan.target)
        route = (models[0].from_code, *(m.to_code for m in models)) if models else (plan.source, plan.target)
    result = Result(
        document=plan.document,
        detection=plan.detection,
        source_lang=plan.source,
        target_lang=plan.target,
        pairs=pairs,
        route=route,
        models=models,
        glossary_version=plan.glossary_version,
        warnings=plan.warnings,
        given_translation=isinstance(translator, GivenTranslation),
    )
    return with_summary(_checked(result), options)


def _checked(result: Result) -> Result:
    from translit import qa

    return qa.check(result)


@functools.lru_cache(maxsize=8)
def _planned(document: Document, options: Options) -> _Plan:
    """The plan of a translated document again, for checking human translations of its sentences
    (the app asks on every rerun)."""
    return _plan(document, replace(options, summary_sentences=None, summary_ratio=None, summary_words=None),
                 translate=True)


def _human_pair(plan: _Plan, pair: SentencePair, reason: str) -> SentencePair:
    """A sentence's terms and spans checked against a person's translation of it (its target); nothing
    is changed."""
    from translit.mt.base import no_repair
    from translit.mt.enforce import enforce

    i = pair.source.index
    constraints = plan.constraints.per_sentence[i] if plan.constraints is not None else ()
    (checked,) = enforce([pair.source.text], [TranslatedSentence(pair.target)], [constraints], None, no_repair,
                         unforced_reason=reason)
    found = _pair(pair.source, checked, plan.hits[i], plan.protected[i] if i < len(plan.protected) else (),
                  plan.source)
    return replace(pair, terms=found.terms, protected=found.protected, qa=())


def _with_human(result: Result, options: Options, change: Mapping[int, SentencePair], reason: str) -> Result:
    """The result with the sentences of `change` (index -> the pair with a person's target) in place, each
    checked against its new target, and the QA flags computed again."""
    if not change:
        return result
    plan = _planned(result.document, replace(options, source_lang=result.source_lang, target_lang=result.target_lang))
    if len(plan.sentences) != len(result.pairs):
        raise InputError("The article changed since it was translated; translate it again.")
    pairs = list(result.pairs)
    for index, pair in change.items():
        pairs[index] = _human_pair(plan, pair, reason)
    return _checked(replace(result, pairs=tuple(pairs)))


def with_edits(result: Result, edits: Mapping[int, str], options: Options) -> Result:
    """The result with a person's edits (sentence index -> text): each edited sentence is marked and
    its terms, names and numbers checked against the edit (flagged where missing, never changed)."""
    from translit.mt.enforce import FLAG_EDITED

    valid = {i: text for i, text in edits.items() if 0 <= i < len(result.pairs)}
    edited = result
    for index, text in sorted(valid.items()):
        edited = edited.with_edit(index, text)
    change = {i: edited.pairs[i] for i in valid if edited.pairs[i] != result.pairs[i]}
    return _with_human(edited, options, change, FLAG_EDITED)


def with_memory(result: Result, matches: Mapping[int, MemoryMatch], options: Options) -> Result:
    """The result with translations reused from the memory (sentence index -> exact match), each marked
    "from memory" and checked like a person's edit; the model's translation is kept beside it."""
    from translit.mt.enforce import FLAG_MEMORY

    change = {}
    for index, match in matches.items():
        if not 0 <= index < len(result.pairs):
            continue
        pair = result.pairs[index]
        if pair.edited or pair.memory is not None:
            continue
        change[index] = replace(pair, target=match.target, memory=match, machine_target=pair.target)
    return _with_human(result, options, change, FLAG_MEMORY)


def _accounted(out: TranslatedSentence, constraints: Sequence) -> TranslatedSentence:
    """Every constraint of the sentence recorded: a backend that does not enforce terms (a plugin)
    reports none, so they are checked here, present or flagged, and the text left as it is."""
    from dataclasses import replace

    from translit.mt.base import no_repair
    from translit.mt.enforce import FLAG_BACKEND, enforce

    reported = {(u.hit.concept_id, u.hit.start) for u in out.terms}
    missing = [c for c in constraints if (c.hit.concept_id, c.hit.start) not in reported]
    if not missing:
        return out
    (checked,) = enforce([""], [TranslatedSentence(out.checked)], [missing], None, no_repair,
                         unforced_reason=FLAG_BACKEND)
    return replace(out, terms=out.terms + checked.terms)


def _pair(
    sentence: Sentence, out: TranslatedSentence, hits: Sequence[TermHit], protected: Sequence, source: str
) -> SentencePair:
    """A sentence and its translation, with every term and span recorded as enforced or checked."""
    from translit import terms
    from translit.check import check_name, check_value
    from translit.document import VALUE_KINDS, SpanKind

    glossary_uses = [u for u in out.terms if not terms.is_protected(u.hit)]
    glossary_uses += [TermUse(h, TermStatus.SUGGESTION) for h in hits if not h.enforced]
    span_uses = [u for u in out.terms if terms.is_protected(u.hit)]
    for hit, forms in protected:
        kind = hit.span
        if terms.is_exact(hit):
            continue
        use = None
        if kind in VALUE_KINDS:
            use = check_value(hit, kind, out.checked, source)
        elif kind == SpanKind.NAME:
            use = check_name(hit, out.checked)
        elif (found := find_form(out.checked, forms)) is not None:
            use = TermUse(hit, TermStatus.PRESENT, found[2])
        if use is not None:
            span_uses.append(use)
    return SentencePair(
        sentence, out.text,
        terms=tuple(sorted(glossary_uses, key=lambda u: u.hit.start)),
        protected=tuple(sorted(span_uses, key=lambda u: u.hit.start)),
        qa=out.qa,
    )


def with_summary(result: Result, options: Options) -> Result:
    if not (options.summary_sentences or options.summary_ratio or options.summary_words):
        return result
    from dataclasses import replace

    from translit.summarize import summarize_sentences

    term_spans = {(p.source.index, u.hit.start, u.hit.end) for p in result.pairs for u in p.terms}
    # The pipeline's own sentences: the summary's indices are the pairs' indices, and nothing is split twice.
    summary = summarize_sentences(
        [pair.source for pair in result.pairs],
        result.source_lang,
        sentences=options.summary_sentences if not (options.summary_ratio or options.summary_words) else None,
        ratio=options.summary_ratio,
        words=options.summary_words,
        terms=term_spans or None,
        title=result.document.title,
    )
    return replace(result, summary=summary)
