"""XLIFF 1.2: an article sentence by sentence, to edit in a CAT tool (OmegaT, Weblate, Matecat) and bring back.

One <group> per paragraph, one <trans-unit> per sentence; its id is the sentence's number (from 1).
A target's state says who is behind it: "final" for a sentence a person edited, "translated" for the
model's (state-qualifier "mt-suggestion") or the memory's ("leveraged-tm"), "needs-review-translation"
where translit flagged something. Glossary terms and flags go in as notes, and the model's own
translation as an <alt-trans>, so that an edit made elsewhere can be told from the machine's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from translit import __version__, i18n
from translit.detect import base_code
from translit.document import Result, SentencePair, TermStatus
from translit.errors import InputError
from translit.exchange import XML_LANG, local_name, parse_xml, to_bytes
from translit.memory import article_id

NS = "urn:oasis:names:tc:xliff:document:1.2"
HUMAN_STATES = frozenset({"translated", "final", "signed-off", "needs-review-adaptation", "needs-review-l10n"})
"""States whose target a person is behind (with needs-review-translation, the model's, left out)."""
MACHINE_ORIGIN = "translit machine translation"
ARTICLE_PROP = "x-translit-article"
APPROVED_STATES = frozenset({"final", "signed-off"})


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def state_of(pair: SentencePair) -> tuple[str, str]:
    """(state, state-qualifier) of a sentence's target."""
    from translit.qa import flags_of

    if pair.edited:
        return "final", ""
    qualifier = "leveraged-tm" if pair.memory is not None else "mt-suggestion"
    if flags_of(pair):
        return "needs-review-translation", qualifier
    return "translated", qualifier


def _notes(pair: SentencePair) -> list[tuple[str, str, str]]:
    """(annotates, priority, text) for each term and flag of the sentence."""
    from translit.qa import flags_of

    notes = []
    for use in pair.terms:
        status = i18n.text(f"status_{use.status}", "en")
        shown = use.target_text if use.status != TermStatus.SUGGESTION and use.target_text else use.hit.target_term
        if use.status == TermStatus.FOUND:
            status = "approved rendering"
        explained = " ".join(f"{lang.upper()}: {note}" for lang, note in use.hit.notes)
        notes.append(("target", "5", f"Glossary: {use.hit.source_text} → {shown} ({status})"
                      + (f". {explained}" if explained else "")))
    for flag in flags_of(pair, "en"):
        about = f"{flag.what}: " if flag.what else ""
        notes.append(("target", "1", f"Check ({flag.kind}): {about}{flag.message}"))
    if pair.memory is not None:
        notes.append(("target", "5", f"From the translation memory ({pair.memory.score} %, {pair.memory.created})"))
    return notes


def write_xliff(result: Result, original: str = "") -> bytes:
    """The article as XLIFF 1.2 (see the module's docstring); an article not translated gives the sources
    alone, to translate in a CAT tool."""
    from lxml import etree

    from translit.export.sheet import NOTICES, export_title

    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})
    file = etree.SubElement(root, _q("file"), {
        "original": original or export_title(result), "source-language": result.source_lang,
        "datatype": "plaintext", "tool-id": "translit",
    })
    if result.translated:
        file.set("target-language", result.target_lang)
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "translit", "tool-name": "translit", "tool-version": __version__})
    props = etree.SubElement(header, _q("prop-group"), {"name": "translit"})
    etree.SubElement(props, _q("prop"), {"prop-type": ARTICLE_PROP}).text = article_id(result.document)
    models = ", ".join(f"{m.from_code}→{m.to_code} {m.version}" for m in result.models)
    langs = dict.fromkeys(["en", result.source_lang, result.target_lang])
    notes = [(lang, NOTICES[lang]) for lang in langs if lang in NOTICES]
    if not result.translated:
        notes.append(("en", i18n.text("not_translated", "en")))
    if models:
        notes.append(("en", f"Models: {models}"))
    if result.glossary_version:
        notes.append(("en", f"Glossary: {result.glossary_version}"))
    for lang, text in notes:
        etree.SubElement(header, _q("note"), {"from": "translit", XML_LANG: lang}).text = text
    body = etree.SubElement(file, _q("body"))
    for paragraph, pairs in result.paragraph_pairs():
        group = etree.SubElement(body, _q("group"), {"id": f"p{paragraph + 1}", "restype": "x-paragraph"})
        for pair in pairs:
            _unit(group, pair, result.translated)
    return to_bytes(root)


def _unit(group, pair: SentencePair, translated: bool) -> None:
    """A sentence's trans-unit; without a translation, its source alone (to translate in the CAT tool)."""
    from lxml import etree

    from translit.export.sheet import clean

    unit = etree.SubElement(group, _q("trans-unit"), {"id": str(pair.source.index + 1)})
    unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    etree.SubElement(unit, _q("source")).text = clean(pair.source.text)
    if not translated:
        for _, priority, text in _notes(pair):
            etree.SubElement(unit, _q("note"), {"from": "translit", "annotates": "source", "priority": priority}).text \
                = clean(text)
        return
    state, qualifier = state_of(pair)
    if state == "final":
        unit.set("approved", "yes")
    target = etree.SubElement(unit, _q("target"), {"state": state})
    if qualifier:
        target.set("state-qualifier", qualifier)
    target.text = clean(pair.target)
    if pair.model_target:
        alt = etree.SubElement(unit, _q("alt-trans"), {"origin": MACHINE_ORIGIN, "alttranstype": "proposal"})
        etree.SubElement(alt, _q("target")).text = clean(pair.model_target)
    for annotates, priority, text in _notes(pair):
        etree.SubElement(unit, _q("note"), {"from": "translit", "annotates": annotates, "priority": priority}).text = \
            clean(text)


# --- reading ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    id: str
    source: str
    target: str
    state: str = ""
    qualifier: str = ""
    machine: str = ""
    """The model's translation (our <alt-trans>), when the file has it."""
    approved_flag: bool = False
    """approved="yes" on the trans-unit."""

    @property
    def approved(self) -> bool:
        """A person approved the target as it is (state final or signed-off, or approved="yes")."""
        return bool(self.target.strip()) and (self.approved_flag or self.state in APPROVED_STATES)

    @property
    def changed(self) -> bool:
        """The target differs from the machine translation the file was made with."""
        return bool(self.machine) and self.target != self.machine

    @property
    def human(self) -> bool:
        """Whether a person is behind the target: approved, or changed from the machine translation the
        file keeps; where the file keeps none, a state that says it is translated and no qualifier that
        says it is a machine's ("mt-suggestion")."""
        if not self.target.strip():
            return False
        if self.approved or self.changed:
            return True
        if self.machine or self.qualifier == "mt-suggestion":
            return False
        return self.state in HUMAN_STATES


@dataclass(frozen=True)
class XliffFile:
    source_lang: str
    target_lang: str
    original: str
    units: tuple[XliffUnit, ...]
    article: str = ""
    """The article id translit wrote in the header (empty for a file made elsewhere)."""


def _text(element) -> str:
    """The text of a <source>/<target>, inline codes (<ph>, <bpt>, <x/>) left out, <g>/<mrk> kept."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if local_name(child) in ("g", "mrk", "sub"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(data: bytes) -> XliffFile:
    """The units of an XLIFF 1.2 file (the first <file>; any namespace prefix)."""
    root = parse_xml(data, "XLIFF")
    if local_name(root) != "xliff":
        raise InputError("This XML file is not XLIFF (its root is not <xliff>); export XLIFF 1.2 from the CAT tool.")
    version = root.get("version", "")
    if version and not version.startswith("1."):
        raise InputError(f"This is XLIFF {version}; translit reads XLIFF 1.2. Export 1.2 from the CAT tool.")
    files = [e for e in root if local_name(e) == "file"]
    if not files:
        raise InputError("The XLIFF file has no <file> element: it holds no translation.")
    file = files[0]
    units = []
    for element in file.iter():
        if local_name(element) != "trans-unit":
            continue
        source = next((c for c in element if local_name(c) == "source"), None)
        target = next((c for c in element if local_name(c) == "target"), None)
        machine = ""
        for alt in (c for c in element if local_name(c) == "alt-trans"):
            if alt.get("origin") == MACHINE_ORIGIN:
                machine = _text(next((c for c in alt if local_name(c) == "target"), None))
        units.append(XliffUnit(
            element.get("id", ""), _text(source), _text(target),
            target.get("state", "") if target is not None else "",
            target.get("state-qualifier", "") if target is not None else "", machine,
            element.get("approved", "") == "yes",
        ))
    props = [e for e in file.iter() if local_name(e) == "prop" and e.get("prop-type") == ARTICLE_PROP]
    article = (props[0].text or "") if props else ""
    return XliffFile(base_code(file.get("source-language", "")), base_code(file.get("target-language", "")),
                     file.get("original", ""), tuple(units), article.strip())


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@dataclass(frozen=True)
class XliffChanges:
    edits: dict[int, str]
    """Sentence index -> the text a person wrote."""
    approved: tuple[int, ...]
    """Sentences a person approved as they were (their translation is a person's now)."""


def edits_from_xliff(result: Result, data: bytes) -> dict[int, str]:
    """The sentences an XLIFF of this article changed (sentence index -> text); see changes_from_xliff."""
    return changes_from_xliff(result, data).edits


def changes_from_xliff(result: Result, data: bytes) -> XliffChanges:
    """What a person did to an XLIFF of this article, matched to its sentences by id and source text.

    A unit is an edit when its target differs from the machine translation the file was made with
    (its <alt-trans>; in a file without one, from the article's translation now), and approved when
    a person set it final, signed-off or approved="yes" as it was. A file of another article, or of
    other languages, is refused with the reason."""
    xliff = read_xliff(data)
    if xliff.source_lang and xliff.source_lang != result.source_lang or \
            xliff.target_lang and xliff.target_lang != result.target_lang:
        raise InputError(f"The XLIFF file is {xliff.source_lang} → {xliff.target_lang}, the article "
                         f"{result.source_lang} → {result.target_lang}; choose the languages it was exported with.")
    by_index = _matched(result, xliff.units)
    edits, approved = {}, []
    for index, unit in sorted(by_index.items()):
        if not unit.target.strip():
            continue
        base = unit.machine or result.pairs[index].target
        if unit.target != base:
            if unit.target != result.pairs[index].target:
                edits[index] = unit.target
        elif unit.approved:
            approved.append(index)
    return XliffChanges(edits, tuple(approved))


def _matched(result: Result, units: Iterable[XliffUnit]) -> dict[int, XliffUnit]:
    matched: dict[int, XliffUnit] = {}
    strays = 0
    for unit in units:
        index = int(unit.id) - 1 if unit.id.isdigit() else -1
        if 0 <= index < len(result.pairs) and _same(result.pairs[index].source.text, unit.source):
            matched[index] = unit
            continue
        by_text = [p.source.index for p in result.pairs if _same(p.source.text, unit.source)
                   and p.source.index not in matched]
        if by_text:
            matched[by_text[0]] = unit
        else:
            strays += 1
    if strays:
        raise InputError(f"{strays} sentences of the XLIFF file are not sentences of this article: it was exported "
                         "from another article or the article was changed. Translate the article it was made from.")
    return matched


__all__ = ["HUMAN_STATES", "XML_LANG", "XliffChanges", "XliffFile", "XliffUnit", "changes_from_xliff",
           "edits_from_xliff", "read_xliff", "write_xliff"]
