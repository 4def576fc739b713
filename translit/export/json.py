"""JSON: the whole Result, for programs (also the CLI's `translate --json` shape)."""

from __future__ import annotations

import json

from translit.document import Result, SentencePair
from translit.export.sheet import DEFAULT_OPTIONS, NOTICES, ExportFormat, ExportOptions, concept_json, prepare, terms_in
from translit.qa import flags_of


def _term_json(pair: SentencePair) -> list[dict]:
    return [
        {
            "id": use.hit.concept_id,
            "source_text": use.hit.source_text,
            "start": use.hit.start,
            "end": use.hit.end,
            "target_term": use.hit.target_term,
            "target_text": use.target_text,
            "status": str(use.status),
            "enforced": use.hit.enforced,
            **({"reason": use.reason} if use.reason else {}),
        }
        for use in pair.terms
    ]


def _span_json(pair: SentencePair) -> list[dict]:
    return [
        {
            "kind": use.hit.span,
            "source_text": use.hit.source_text,
            "start": use.hit.start,
            "end": use.hit.end,
            "target_text": use.target_text,
            "status": str(use.status),
            **({"reason": use.reason} if use.reason else {}),
        }
        for use in pair.protected
    ]


def _pair_json(pair: SentencePair) -> dict:
    payload = {"index": pair.source.index, "source": pair.source.text, "target": pair.target}
    if pair.terms:
        payload["terms"] = _term_json(pair)
    if pair.protected:
        payload["spans"] = _span_json(pair)
    if pair.qa:
        payload["qa"] = list(pair.qa)
    payload["flags"] = [
        {"kind": flag.kind, **({"about": flag.what} if flag.what else {}), "message": flag.message}
        for flag in flags_of(pair, "en")
    ]
    if pair.edited:
        payload["edited"] = True
        payload["machine_target"] = pair.machine_target
    if pair.memory is not None:
        payload["from_memory"] = {"score": pair.memory.score, "source": pair.memory.source,
                                  "created": pair.memory.created, "article": pair.memory.article}
        payload["machine_target"] = pair.machine_target
    return payload


def result_to_json(result: Result) -> dict:
    """The whole Result as JSON-ready data (the CLI's `translate --json` shape, plus extras).

    Besides the per-sentence data: "terms" lists each glossary concept once with every use and how
    it was enforced, and "edits" lists the sentences a person changed.
    """
    detection = result.detection
    payload: dict = {
        "source_lang": result.source_lang,
        "target_lang": result.target_lang,
        "detection": {
            "lang": detection.overall.lang,
            "confidence": round(detection.overall.confidence, 4),
            "mixed": detection.mixed,
            "languages": list(detection.languages),
        },
        "route": list(result.route),
        "given_translation": result.given_translation,
        "models": [{"from": m.from_code, "to": m.to_code, "version": m.version} for m in result.models],
        "glossary_version": result.glossary_version,
        "paragraphs": [
            {"index": index, "sentences": [_pair_json(p) for p in pairs]}
            for index, pairs in result.paragraph_pairs()
        ],
        "terms": [concept_json(term) for term in terms_in(result)],
        "edits": [
            {
                "index": p.source.index,
                "source": p.source.text,
                "machine_target": p.machine_target,
                "target": p.target,
            }
            for p in result.pairs
            if p.edited
        ],
        "warnings": list(result.warnings),
        "notice": NOTICES["en"],
        **{f"notice_{lang}": NOTICES[lang] for lang in (result.source_lang, result.target_lang)
           if lang in NOTICES and lang != "en"},
    }
    if result.document.title:
        payload["title"] = result.document.title
    if result.summary is not None:
        payload["summary"] = {
            "lang": result.summary.lang,
            "method": result.summary.method,
            "indices": list(result.summary.indices),
            "sentences": [_pair_json(p) for p in result.summary_pairs()],
        }
    return payload


def to_json(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """result_to_json plus an "export" block (title, date, labels). Always the whole Result:
    JSON is for programs, so include_full only records what the other formats would show."""
    sheet = prepare(result, options)
    payload = result_to_json(result)
    payload["export"] = {
        "title": sheet.title,
        "date": sheet.date,
        "ui_lang": sheet.ui_lang,
        "translated": sheet.translated,
        "include_full": options.include_full,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMAT = ExportFormat(
    "json", "json", "application/json", lambda result, options: to_json(result, options).encode("utf-8"),
)
