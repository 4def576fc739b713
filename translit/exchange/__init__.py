"""Files CAT tools read and write: TMX 1.4b (the translation memory), XLIFF 1.2 (an article, sentence by
sentence, to edit elsewhere and bring back) and TBX-Basic (the glossary).

Written and read with lxml; reading never resolves entities or fetches anything (a file from elsewhere
is untrusted input).
"""

from __future__ import annotations

from translit.errors import InputError

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


def parse_xml(data: bytes, what: str):
    """The root element of an XML file from elsewhere: no entities resolved, no network, no huge trees."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"This is not a readable {what} file ({exc}); check that it was saved as {what}.") from None


def local_name(element) -> str:
    """An element's tag without its namespace ("trans-unit" for {urn:...}trans-unit)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def to_bytes(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
