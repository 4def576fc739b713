"""Result -> JSON, plain text (and, as they land, Markdown / HTML / DOCX)."""

from __future__ import annotations

from translit.document import Result, SentencePair

NOTICE_EN = "Machine translation, not legal advice. Check important details with a lawyer."


def _term_json(pair: SentencePair) -> list[dict]:
    return [
        {
            "id": use.hit.concept_id,
            "source_text": use.hit.source_text,
            "start": use.hit.start,
            "end": use.hit.end,
            "target_term": use.hit.target_term,
            "target_text": use.target_text,
            "status": use.status,
        }
        for use in pair.terms
    ]


def _pair_json(pair: SentencePair) -> dict:
    payload = {"index": pair.source.index, "source": pair.source.text, "target": pair.target}
    if pair.terms:
        payload["terms"] = _term_json(pair)
    if pair.edited:
        payload["edited"] = True
        payload["machine_target"] = pair.machine_target
    return payload


def result_to_json(result: Result) -> dict:
    """The whole Result as JSON-ready data (the CLI's `translate --json` shape, plus extras)."""
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
        "models": [
            {"from": m.from_code, "to": m.to_code, "version": m.version} for m in result.models
        ],
        "glossary_version": result.glossary_version,
        "paragraphs": [
            {"index": index, "sentences": [_pair_json(p) for p in pairs]}
            for index, pairs in result.paragraph_pairs()
        ],
        "warnings": list(result.warnings),
        "notice": NOTICE_EN,
    }
    if result.document.title:
        payload["title"] = result.document.title
    if result.summary is not None:
        payload["summary"] = {
            "lang": result.summary.lang,
            "indices": list(result.summary.indices),
            "sentences": [_pair_json(p) for p in result.summary_pairs()],
        }
    return payload


def result_to_text(result: Result) -> str:
    """The translation laid out like the source, then the summary pairs if any."""
    text = result.target_text()
    if result.summary is not None and result.summary.indices:
        lines = ["", "Summary:"]
        for pair in result.summary_pairs():
            lines.append(f"- {pair.source.text}")
            lines.append(f"  {pair.target}")
        text = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    return text
