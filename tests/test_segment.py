from __future__ import annotations

import random

import pytest

from translit.document import Document
from translit.segment import rules_language, segment, split_sentences, supported_languages


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


# (language, paragraph, expected sentences) - written for these tests
CASES = [
    # English: titles, months, U.S., initials, numbers, quotes, ellipses, URLs, lists
    ("en", "Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    (
        "en",
        "Sen. Warren spoke on Jan. 5 about it. Then she left.",
        ["Sen. Warren spoke on Jan. 5 about it.", "Then she left."],
    ),
    (
        "en",
        "He moved to the U.S. in 2015. He starts at 9 a.m. daily.",
        ["He moved to the U.S. in 2015.", "He starts at 9 a.m. daily."],
    ),
    ("en", "She moved to the U.S. He stayed in Kyiv.", ["She moved to the U.S.", "He stayed in Kyiv."]),
    (
        "en",
        "U.S. Citizenship and Immigration Services approved it.",
        ["U.S. Citizenship and Immigration Services approved it."],
    ),
    (
        "en",
        "Her father, Robert Garcia Sr. of Texas, agreed. J. Smith and George W. Bush met.",
        ["Her father, Robert Garcia Sr. of Texas, agreed.", "J. Smith and George W. Bush met."],
    ),
    (
        "en",
        "Prices rose 2.5 times. The fee is $1,500.00 now.",
        ["Prices rose 2.5 times.", "The fee is $1,500.00 now."],
    ),
    ("en", 'He said, "We will not leave." Then he left.', ['He said, "We will not leave."', "Then he left."]),
    (
        "en",
        '"Are you ready?" she asked. Nobody answered.',
        ['"Are you ready?" she asked.', "Nobody answered."],
    ),
    (
        "en",
        '"Are you ready?" CNN reported. Nobody answered.',
        ['"Are you ready?" CNN reported.', "Nobody answered."],
    ),
    ("en", "Wait... What happened? Nothing!", ["Wait...", "What happened?", "Nothing!"]),
    ("en", "He waited… and then left.", ["He waited… and then left."]),
    (
        "en",
        "Visit https://www.uscis.gov/i-821d. Then call us.",
        ["Visit https://www.uscis.gov/i-821d.", "Then call us."],
    ),
    (
        "en",
        "Write to help@example.org. We answer in two days.",
        ["Write to help@example.org.", "We answer in two days."],
    ),
    (
        "en",
        "Bring passports, visas, etc. Everything is checked.",
        ["Bring passports, visas, etc.", "Everything is checked."],
    ),
    (
        "en",
        "Fees rose, e.g. for permits. Call at 8 a.m. Eastern Time.",
        ["Fees rose, e.g. for permits.", "Call at 8 a.m. Eastern Time."],
    ),
    (
        "en",
        "The case is No. 5 on the docket. It was heard in the Sr. Center.",
        ["The case is No. 5 on the docket.", "It was heard in the Sr. Center."],
    ),
    ("en", "1. Gather your documents", ["1. Gather your documents"]),
    ("en", "• 2. Sign the form. Keep a copy.", ["• 2. Sign the form.", "Keep a copy."]),
    ("en", "Asylum backlog tops 2 million", ["Asylum backlog tops 2 million"]),
    # Russian
    (
        "ru",
        "В. В. Путин прибыл в г. Москва. Встреча прошла спокойно.",
        ["В. В. Путин прибыл в г. Москва.", "Встреча прошла спокойно."],
    ),
    (
        "ru",
        "Документы, т.е. паспорт и виза, нужны всем. Без них не пустят.",
        ["Документы, т.е. паспорт и виза, нужны всем.", "Без них не пустят."],
    ),
    (
        "ru",
        "Он привёз паспорта, визы и т.д. Всё проверили.",
        ["Он привёз паспорта, визы и т.д.", "Всё проверили."],
    ),
    (
        "ru",
        "Он привёз паспорта, визы и т. д. Всё проверили.",
        ["Он привёз паспорта, визы и т. д.", "Всё проверили."],
    ),
    (
        "ru",
        "Это случилось в 2019 г. Потом многое изменилось.",
        ["Это случилось в 2019 г.", "Потом многое изменилось."],
    ),
    ("ru", "В 2005–2010 гг. Россия изменилась.", ["В 2005–2010 гг. Россия изменилась."]),
    (
        "ru",
        "Офис на ул. Ленина, д. 5. Музей им. Пушкина рядом.",
        ["Офис на ул. Ленина, д. 5.", "Музей им. Пушкина рядом."],
    ),
    ("ru", "«Мы не уйдём!» — сказал он. Все замолчали.", ["«Мы не уйдём!» — сказал он.", "Все замолчали."]),
    ("ru", "Он сказал: «Всё кончено.» Потом ушёл.", ["Он сказал: «Всё кончено.»", "Потом ушёл."]),
    (
        "ru",
        "«Раньше здесь был бар, — говорит Адамс. — Теперь его нет». Он ушёл.",
        ["«Раньше здесь был бар, — говорит Адамс. — Теперь его нет».", "Он ушёл."],
    ),
    ("ru", "Цена выросла в 2,5 раза. Это много.", ["Цена выросла в 2,5 раза.", "Это много."]),
    (
        "ru",
        "Подождите... Что случилось? Он подождал... и ушёл.",
        ["Подождите...", "Что случилось?", "Он подождал... и ушёл."],
    ),
    (
        "ru",
        "Это MWP (от англ. Member of the Welsh Parliament). Сумма — 5 млрд. долл. США.",
        ["Это MWP (от англ. Member of the Welsh Parliament).", "Сумма — 5 млрд. долл. США."],
    ),
    # Ukrainian
    ("uk", "Це сталося у 2014 р. Відтоді все змінилося.", ["Це сталося у 2014 р.", "Відтоді все змінилося."]),
    (
        "uk",
        "Офіс на вул. Хрещатик, 22. Він працює щодня.",
        ["Офіс на вул. Хрещатик, 22.", "Він працює щодня."],
    ),
    (
        "uk",
        "М. С. Грушевський народився в м. Холм. Він був істориком.",
        ["М. С. Грушевський народився в м. Холм.", "Він був істориком."],
    ),
    ("uk", "«Ми не поїдемо!» — сказав він. Усі мовчали.", ["«Ми не поїдемо!» — сказав він.", "Усі мовчали."]),
    (
        "uk",
        "Документи, т. зв. «зелена карта», важливі. Музей ім. Шевченка відкрито.",
        ["Документи, т. зв. «зелена карта», важливі.", "Музей ім. Шевченка відкрито."],
    ),
    # Spanish
    (
        "es",
        "El Sr. García llegó a EE.UU. en 2015. Ahora vive en Texas.",
        ["El Sr. García llegó a EE.UU. en 2015.", "Ahora vive en Texas."],
    ),
    (
        "es",
        "La Dra. López habló con el Sr. Pérez. Luego se fue.",
        ["La Dra. López habló con el Sr. Pérez.", "Luego se fue."],
    ),
    (
        "es",
        "Vive en EE. UU. desde 2010. Se mudó a EE. UU. El resto se quedó.",
        ["Vive en EE. UU. desde 2010.", "Se mudó a EE. UU.", "El resto se quedó."],
    ),
    ("es", "¿Qué pasó? ¡Nadie lo sabe!", ["¿Qué pasó?", "¡Nadie lo sabe!"]),
    ("es", "«No nos iremos», dijo. Nadie respondió.", ["«No nos iremos», dijo.", "Nadie respondió."]),
    (
        "es",
        "El precio subió 2,5 veces. Cuesta $1.500,00 ahora.",
        ["El precio subió 2,5 veces.", "Cuesta $1.500,00 ahora."],
    ),
    ("es", "Compró sillas, mesas, etc. Después se fue.", ["Compró sillas, mesas, etc.", "Después se fue."]),
    ("es", "—¿Vienes? —preguntó ella.", ["—¿Vienes? —preguntó ella."]),
    # Languages without their own rules: the generic splitter
    ("de", "Dr. Müller kam um 8 Uhr. Er blieb lange.", ["Dr. Müller kam um 8 Uhr.", "Er blieb lange."]),
    ("xx", "Prof. Kowalski przyjechał. Było zimno.", ["Prof. Kowalski przyjechał.", "Było zimno."]),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_splits_like_a_reader(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_languages_with_rules_and_fallback() -> None:
    assert set(supported_languages()) >= {"en", "ru", "uk", "es"}
    assert rules_language("ru-RU") == "ru"
    assert rules_language("EN_us") == "en"
    assert rules_language("unknown") == "generic"
    assert rules_language("") == "generic"


@pytest.mark.parametrize("lang", ["unknown", "zz", "", "pt-BR", "ja"])
def test_unknown_language_falls_back_without_failing(lang: str) -> None:
    text = "Dr. Silva chegou. Ele ficou. 東京に行きました。"
    assert sentences(text, lang) == ["Dr. Silva chegou.", "Ele ficou.", "東京に行きました。"]


@pytest.mark.parametrize("text", ["", "   ", "\t \u00a0"])
def test_empty_paragraph_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_language_changes_the_decision() -> None:
    text = "Llegó el Sr. Gómez. Habló."
    assert sentences(text, "es") == ["Llegó el Sr. Gómez.", "Habló."]
    assert sentences("Это было в 2019 г. Потом всё изменилось.", "ru") == [
        "Это было в 2019 г.",
        "Потом всё изменилось.",
    ]
    assert sentences("Это было в 2019 г. Потом всё изменилось.", "unknown") == [
        "Это было в 2019 г. Потом всё изменилось."
    ]


def test_long_sentence_without_punctuation_is_not_cut() -> None:
    text = " ".join(["слово"] * 3000)
    assert split_sentences(text, "ru") == [(0, len(text))]


def test_a_thousand_sentence_paragraph() -> None:
    text = " ".join(f"Mr. Lee paid ${i},000.50 on Jan. 5 in the U.S. for case No. {i}." for i in range(1000))
    spans = split_sentences(text, "en")
    assert len(spans) == 1000
    last = text[spans[-1][0] : spans[-1][1]]
    assert last == "Mr. Lee paid $999,000.50 on Jan. 5 in the U.S. for case No. 999."


def assert_span_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert not text[position:start].strip(), "non-space text between sentences"
        position = end
    assert not text[position:].strip(), "non-space text after the last sentence"


def random_paragraph(rng: random.Random) -> str:
    pieces = [
        "Mr.",
        "U.S.",
        "т.",
        "д.",
        "г.",
        "EE.",
        "UU.",
        "A.",
        "5.",
        "2.5",
        "...",
        "…",
        "?",
        "!",
        "»",
        "«",
        '"',
        "—",
        "-",
        "(",
        ")",
        "word",
        "Word",
        "слово",
        "Слово",
        "www.x.org.",
        " ",
        "  ",
        "\t",
        "\u00a0",
    ]
    return "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "es", "unknown"])
def test_spans_are_ordered_stripped_and_cover_all_text(lang: str) -> None:
    rng = random.Random(lang)
    texts = [random_paragraph(rng) for _ in range(400)] + [text for _, text, _ in CASES]
    for text in texts:
        assert_span_invariants(text, split_sentences(text, lang))


def test_segment_keeps_paragraph_structure() -> None:
    document = Document.from_text(
        "Asylum backlog tops 2 million\n\nMr. Lee filed on Jan. 5. He waited.\n   \n1. Keep copies\n"
    )
    result = segment(document, "en")
    assert [s.text for s in result] == [
        "Asylum backlog tops 2 million",
        "Mr. Lee filed on Jan. 5.",
        "He waited.",
        "1. Keep copies",
    ]
    assert [s.index for s in result] == [0, 1, 2, 3]
    assert [s.paragraph for s in result] == [0, 2, 2, 4]
    for sentence in result:
        paragraph = document.paragraphs[sentence.paragraph].text
        assert paragraph[sentence.start : sentence.end] == sentence.text


def test_segment_of_empty_document() -> None:
    assert segment(Document.from_text(""), "ru") == ()
    assert segment(Document.from_text("\n  \n"), "ru") == ()
