"""TBX-Basic: the glossary for CAT tools' termbases (TBX 2008 / ISO 30042 <martif>, TBX-Basic dialect).

One <termEntry> per concept (its id), one <langSet> per language. In each: the approved term
(administrativeStatus preferredTerm-admn-sts), its correct alternatives (admittedTerm-admn-sts), and
the renderings that must never be used, a wrong one or a colloquial one (deprecatedTerm-admn-sts,
TBX-Basic's "should not be used"), each with a note saying which. The plain-language note of a
language is its <note>; the concept's citation is the <admin type="source"> of each approved term.
"""

from __future__ import annotations

from translit import __version__
from translit.exchange import XML_LANG, to_bytes
from translit.glossary import Glossary
from translit.pairs.morph import plain

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"


def write_tbx(glossary: Glossary) -> bytes:
    from lxml import etree

    from translit.export.sheet import clean

    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    title = etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title")
    title.text = f"{glossary.name} {glossary.version}"
    etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p").text = (
        f"Exported by translit {__version__}. Not legal advice: check each term's cited source.")
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for concept in glossary.concepts:
        entry = etree.SubElement(body, "termEntry", id=_xml_id(concept.id))
        for lang in concept.langs:
            lang_set = etree.SubElement(entry, "langSet", {XML_LANG: lang})
            if concept.note(lang):
                etree.SubElement(lang_set, "note").text = clean(concept.note(lang))
            seen: set[str] = set()
            for number, term in enumerate(concept.accepted_terms(lang)):
                status = PREFERRED if number == 0 else ADMITTED
                _tig(lang_set, plain(term), status, concept.source if number == 0 else "", "", seen)
            for term in concept.wrong_terms(lang):
                _tig(lang_set, term, DEPRECATED, "", "wrong rendering: never use it", seen)
            for term in concept.colloquial.get(lang, ()):
                _tig(lang_set, plain(term), DEPRECATED, "", "colloquial: recognised in a text, not used in a "
                     "translation", seen)
    return to_bytes(root)


def _tig(lang_set, term: str, status: str, source: str, note: str, seen: set[str]) -> None:
    from lxml import etree

    from translit.export.sheet import clean

    if not term.strip() or term in seen:
        return
    seen.add(term)
    tig = etree.SubElement(lang_set, "tig")
    etree.SubElement(tig, "term").text = clean(term)
    etree.SubElement(tig, "termNote", type="administrativeStatus").text = status
    if source:
        etree.SubElement(tig, "admin", type="source").text = clean(source)
    if note:
        etree.SubElement(tig, "note").text = note


def _xml_id(concept_id: str) -> str:
    """An XML ID: it cannot start with a digit."""
    return concept_id if concept_id[:1].isalpha() or concept_id[:1] == "_" else f"c-{concept_id}"
