"""TMX 1.4b: the translation memory to and from CAT tools.

Each unit is a <tu> with two <tuv>s; who made it ("human" / "machine") and the article it came from
travel as <prop type="x-translit-who"> and <prop type="x-translit-article">, its time as creationdate.
A TMX from elsewhere may hold several languages per <tu>: each one besides the source language
becomes a unit; its units are people's translations unless a prop says otherwise.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from translit import __version__
from translit.detect import base_code
from translit.errors import InputError
from translit.exchange import XML_LANG, local_name, parse_xml, to_bytes
from translit.memory import WHO, Unit

WHO_PROP = "x-translit-who"
ARTICLE_PROP = "x-translit-article"


def _tmx_date(iso: str) -> str:
    """2026-12-02T16:27:50+00:00 -> 20261202T162750Z (TMX's date form)."""
    try:
        moment = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _iso_date(tmx: str) -> str:
    try:
        return datetime.datetime.strptime(tmx, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC).isoformat()
    except ValueError:
        return ""


def write_tmx(units: Iterable[Unit]) -> bytes:
    """The units as TMX 1.4b (srclang: the source language when all units share one, else *all*)."""
    from lxml import etree

    from translit.export.sheet import clean

    units = list(units)
    sources = {unit.source_lang for unit in units}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "translit", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "translit", "adminlang": "en", "srclang": sources.pop() if len(sources) == 1 else "*all*",
        "datatype": "plaintext",
    })
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu", {"srclang": unit.source_lang})
        date = _tmx_date(unit.created)
        if date:
            tu.set("creationdate", date)
        etree.SubElement(tu, "prop", type=WHO_PROP).text = unit.who
        if unit.article:
            etree.SubElement(tu, "prop", type=ARTICLE_PROP).text = unit.article
        for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = clean(text)
    return to_bytes(root)


_BREAK = re.compile(r"<br\b|\\n|\n|&lt;br", re.IGNORECASE)


def _seg_text(seg) -> str:
    """A <seg>'s text; inline codes (<bpt>, <ept>, <ph>, <it>) are the original file's markup, left out,
    except that a placeholder for a line break becomes a space."""
    parts = [seg.text or ""]
    for child in seg:
        name = local_name(child)
        if name in ("hi", "sub"):
            parts.append(_seg_text(child))
        elif name == "ph" and _BREAK.search("".join(child.itertext())):
            parts.append(" ")
        parts.append(child.tail or "")
    return re.sub(r"[ \t]{2,}", " ", "".join(parts))


def read_tmx(data: bytes) -> list[Unit]:
    """The units of a TMX file (1.1-1.4b): from each <tu>, its source language to each other language;
    where the source is "*all*", every language to every other."""
    root = parse_xml(data, "TMX")
    if local_name(root) != "tmx":
        raise InputError("This XML file is not TMX (its root is not <tmx>); export TMX from the CAT tool.")
    header = next((e for e in root if local_name(e) == "header"), None)
    header_source = header.get("srclang", "").strip() if header is not None else ""
    default_source = "*all*" if header_source == "*all*" else base_code(header_source)
    units: list[Unit] = []
    for tu in root.iter("tu"):
        props = {p.get("type", ""): (p.text or "").strip() for p in tu if local_name(p) == "prop"}
        who = props.get(WHO_PROP, "human")
        if who not in WHO:
            who = "human"
        variants = []
        for tuv in (e for e in tu if local_name(e) == "tuv"):
            lang = base_code(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = next((e for e in tuv if local_name(e) == "seg"), None)
            if lang and seg is not None:
                variants.append((lang, _seg_text(seg)))
        given = tu.get("srclang", "").strip()
        source_lang = "*all*" if given == "*all*" else base_code(given) or default_source
        langs = [lang for lang, _ in variants]
        sources = langs if source_lang in ("", "*all*") or source_lang not in langs else [source_lang]
        created = _iso_date(tu.get("creationdate", "") or tu.get("changedate", ""))
        for from_lang in dict.fromkeys(sources):
            source = next(text for lang, text in variants if lang == from_lang)
            for lang, text in variants:
                if lang != from_lang and source.strip() and text.strip():
                    units.append(Unit(source, text, from_lang, lang, props.get(ARTICLE_PROP, ""), created, who))
    return units
