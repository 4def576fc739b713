"""Do no harm: a correct translation comes out unchanged; what translit is unsure of is flagged, not changed.

Human translations are given with `translate --translation` (GivenTranslation), so these tests need no
model: every change translit makes here is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from translit.check import name_in, phonetic_key, readings, values_in
from translit.document import Document
from translit.errors import InputError
from translit.mt.given import GivenTranslation, align
from translit.pipeline import Options, run


def given(source: str, translation: str, source_lang: str = "en", target_lang: str = "ru"):
    document = Document.from_text(source)
    translator = GivenTranslation(document, Document.from_text(translation), target_lang)
    options = Options(source_lang=source_lang, target_lang=target_lang, summary_sentences=None)
    return run(document, options, translator)


def statuses(result) -> dict[str, str]:
    return {u.hit.concept_id: u.status for p in result.pairs for u in (*p.terms, *p.protected)}


# --- a correct translation is left alone -------------------------------------------------------------

CORRECT = [
    ("en", "ru", "British politician Nigel Farage praised Steven Gerrard and Ryan Giles.",
     "Британский политик Найджел Фараж похвалил Стивена Джеррарда и Райана Гайлза."),
    ("en", "ru", "Turnout must be 50 percent, and prices rose 2.7 per cent to $1.5 million.",
     "Явка должна составлять 50 процентов, а цены выросли на 2,7% до 1,5 млн долларов."),
    ("ru", "en", "Джек Никлаус и сенатор Дайэнн Файнштейн встретились 5 марта 2023 года.",
     "Jack Nicklaus and Senator Dianne Feinstein met on March 5, 2023."),
    ("en", "ru", "German industrialists said the meeting was at 3 p.m. on 10/12/2024.",
     "Немецкие промышленники сообщили, что встреча была 12 октября 2024 года в 15:00."),
    ("en", "ru", "The asylum seeker's sponsor paid the immigration bond.",
     "Поручитель просителя убежища внёс иммиграционный залог."),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "translation"), CORRECT)
def test_a_correct_human_translation_comes_out_unchanged_and_unflagged(source_lang, target_lang, source,
                                                                       translation):
    result = given(source, translation, source_lang, target_lang)
    assert result.target_text().strip() == translation
    flags = [(u.hit.source_text, u.reason) for p in result.pairs for u in (*p.terms, *p.protected) if u.flagged]
    assert flags == []


def test_names_and_numbers_of_a_correct_translation_are_recorded_as_present():
    result = given(CORRECT[0][2], CORRECT[0][3])
    names = [u for u in result.pairs[0].protected if u.hit.concept_id == "protected-name"]
    assert len(names) >= 2 and {u.status for u in names} == {"present"}
    assert "Джеррарда" in {u.target_text for u in names}


def test_a_different_number_is_flagged_and_the_sentence_kept():
    translation = "Явка должна составлять 40 процентов."
    result = given("Turnout must be 50 percent.", translation)
    assert result.pairs[0].target == translation
    (use,) = [u for u in result.pairs[0].protected if u.flagged]
    assert "50" in use.reason and use.hit.source_text == "50 percent"


def test_a_missing_name_is_flagged_never_inserted():
    translation = "Он сказал, что всё в порядке."
    result = given("Senator Dianne Feinstein said all was well.", translation)
    assert result.pairs[0].target == translation
    assert any(u.flagged and u.flag == "name" and "Feinstein" in u.hit.source_text for u in result.pairs[0].protected)


# --- glossary terms: present, repaired in place, or flagged ---------------------------------------------------


def test_a_listed_wrong_rendering_is_repaired_in_the_case_of_the_replaced_words():
    result = given(
        "He failed his credible fear interview.\nShe spoke about the credible fear interview.\n",
        "Он провалил допрос в страхе.\nОна рассказала о допросе в страхе.\n",
    )
    first, second = (p.target for p in result.pairs)
    assert first == "Он провалил собеседование на предмет обоснованного страха."
    assert second == "Она рассказала о собеседовании на предмет обоснованного страха."
    assert {u.status for p in result.pairs for u in p.terms} == {"repaired"}


def test_a_wrong_rendering_is_left_alone_where_the_source_did_not_ask_for_the_concept():
    translation = "Журналист описал допрос в страхе."
    result = given("The journalist described an interrogation.", translation)
    assert result.pairs[0].target == translation


def test_a_colloquial_form_in_a_given_translation_is_flagged_not_rewritten():
    translation = "Он прошёл интервью на страх."
    result = given("He passed his credible fear interview.", translation)
    assert result.pairs[0].target == translation
    (use,) = result.pairs[0].terms
    assert use.status == "flagged" and use.reason


def test_a_correct_alternative_rendering_is_accepted():
    result = given("The asylum seeker waited.", "Проситель убежища ждал.")
    assert result.pairs[0].target == "Проситель убежища ждал."
    assert statuses(result)["asylum-seeker"] == "present"


# --- senses: ordinary words keep their ordinary meaning ------------------------------------------------------

ORDINARY_EN = [
    "Government bonds rallied as investors looked for safety.",
    "Hydrogen bonds hold the two strands of DNA together.",
    "She paid for the tickets with her Visa card.",
    "Police appeal to witnesses to come forward.",
    "His lawyer, Mr Bond, declined to comment.",
]
ORDINARY_RU = [
    "Пароль нужен, чтобы войти в личный кабинет.",
    "Его поместили в психиатрическую лечебницу.",
    "Работники приюта для животных просят о помощи.",
    "Дочь Бонда рассказала журналистам о поездке.",
]


@pytest.mark.parametrize("sentence", ORDINARY_EN)
def test_ordinary_english_senses_give_no_enforced_term(sentence):
    result = run(Document.from_text(sentence), Options(source_lang="en", target_lang=None, summary_sentences=None))
    assert [u.hit.concept_id for p in result.pairs for u in p.terms] == []


@pytest.mark.parametrize("sentence", ORDINARY_RU)
def test_ordinary_russian_senses_give_no_enforced_term(sentence):
    result = run(Document.from_text(sentence), Options(source_lang="ru", target_lang=None, summary_sentences=None))
    assert [u.hit.concept_id for p in result.pairs for u in p.terms] == []


def test_criminal_prosecution_is_never_read_as_persecution():
    translation = "Уголовное преследование бывшего мэра началось в мае."
    result = given("The criminal prosecution of the former mayor began in May.", translation)
    assert result.pairs[0].target == translation
    assert "persecution" not in statuses(result)


def test_the_legal_sense_is_enforced_in_an_immigration_article():
    article = (
        "The asylum seeker was held in immigration detention after a credible fear interview.\n"
        "An immigration judge set a bond of $5,000.\n"
    )
    result = run(Document.from_text(article), Options(source_lang="en", target_lang=None, summary_sentences=None))
    bond = [u for p in result.pairs for u in p.terms if u.hit.concept_id == "bond"]
    assert bond and all(u.hit.enforced for u in bond)


def test_a_one_word_term_without_immigration_context_is_only_a_suggestion():
    article = "The asylum seeker was interviewed.\nThe appeal was heard on Monday.\n"
    result = run(Document.from_text(article), Options(source_lang="en", target_lang=None, summary_sentences=None))
    appeal = [u for u in result.pairs[1].terms if u.hit.concept_id == "appeal"]
    assert [u.status for u in appeal] == ["suggestion"] and not appeal[0].hit.enforced


def test_a_glossary_word_inside_a_link_is_not_a_term():
    text = "See https://www.uscis.gov/humanitarian/refugees-and-asylum/asylum about the asylum application.\n"
    result = run(Document.from_text(text), Options(source_lang="en", target_lang=None, summary_sentences=None))
    hits = [u.hit for p in result.pairs for u in p.terms]
    assert [h.source_text for h in hits] == ["asylum application"] and hits[0].start > text.index(" about ")


# --- the given translation: lines and alignment -------------------------------------------------------------


def test_a_translation_with_another_line_count_is_refused():
    with pytest.raises(InputError, match="2 non-empty lines but the article has 1"):
        GivenTranslation(Document.from_text("One line.\n"), Document.from_text("Одна.\nДве.\n"), "ru")


def test_sentences_of_a_line_are_aligned_by_length():
    sources = ["A short one.", "This second sentence of the paragraph is a great deal longer than the first."]
    joined = "Короткое. Второе предложение абзаца намного длиннее первого, и перевод объединил их в одно целое."
    assert align(sources, [joined]) == [(joined, joined), ("", joined)]
    targets = ["Одно.", "Второе предложение абзаца", "намного длиннее первого."]
    aligned = align(sources, targets)
    assert aligned[0][0] == "Одно." and aligned[1][0] == "Второе предложение абзаца намного длиннее первого."


def test_cli_translation_option_keeps_a_human_translation_and_reports_json(tmp_path):
    source = tmp_path / "article.txt"
    translation = tmp_path / "article.ru.txt"
    source.write_text("The credible fear interview was on March 5, 2023.\n\nNigel Farage spoke.\n", encoding="utf-8")
    translation.write_text(
        "Собеседование на предмет обоснованного страха прошло 5 марта 2023 года.\n\nНайджел Фараж выступил.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "translit", "translate", str(source), "--to", "ru", "--translation",
         str(translation), "--json", "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["given_translation"] is True and payload["models"] == []
    targets = [s["target"] for p in payload["paragraphs"] for s in p["sentences"]]
    assert targets == [line for line in translation.read_text(encoding="utf-8").splitlines() if line]
    term = payload["paragraphs"][0]["sentences"][0]["terms"][0]
    assert term["status"] == "present" and term["enforced"] is True

    short = tmp_path / "short.txt"
    short.write_text("Одна строка.\n", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "translit", "translate", str(source), "--to", "ru", "--translation", str(short)],
        capture_output=True, text=True, timeout=120,
    )
    assert refused.returncode == 2 and "non-empty lines" in refused.stderr and "Traceback" not in refused.stderr


# --- the checks themselves --------------------------------------------------------------------------------


def test_numbers_are_read_in_every_convention():
    assert readings("1,500") == {Decimal(1500), Decimal("1.5")}
    assert readings("1 500") == {Decimal(1500)}
    assert Decimal("1500000") in values_in("1,5 млн долларов")
    assert Decimal(50) in values_in("пятьдесят процентов") and Decimal(1000) in values_in("свыше тысячи")
    assert Decimal(555) in values_in("по телефону 0800 555 111")


@pytest.mark.parametrize(("name", "rendering"), [
    ("Bill Janes", "Билл Джейнс"), ("Farage", "Фараж"), ("Warren", "Уоррен"), ("Johnson", "Джонсоном"),
    ("Никлаус", "Nicklaus"), ("Кимом", "Kim"),
])
def test_plausible_transcriptions_of_a_name_are_accepted(name, rendering):
    assert name_in(name, f"Сказал {rendering} вчера." if rendering[0] > "z" else f"Said {rendering} today.")


def test_a_different_name_is_not_accepted():
    assert name_in("Warren", "Сказал Петров вчера.") is None
    assert phonetic_key("Janes") == phonetic_key("Джейнс") != phonetic_key("Smith")


def test_anti_cues_keep_the_ordinary_sense_even_in_an_immigration_article():
    english = (
        "The asylum seeker was held in immigration detention after a credible fear interview.\n"
        "Investors fled the bond market on Monday.\nHer parole was later granted.\n"
        "An immigration judge heard the case.\n"
    )
    result = run(Document.from_text(english), Options(source_lang="en", target_lang=None, summary_sentences=None))
    assert [u.hit.concept_id for u in result.pairs[1].terms] == []
    assert [(u.hit.concept_id, u.hit.enforced) for u in result.pairs[2].terms] == [("parole", True)]
    russian = (
        "Соискатель убежища прошёл собеседование на предмет обоснованного страха у иммиграционного судьи.\n"
        "Введите пароль от аккаунта, чтобы увидеть статус заявления.\n"
    )
    result = run(Document.from_text(russian), Options(source_lang="ru", target_lang=None, summary_sentences=None))
    assert "parole" not in {u.hit.concept_id for u in result.pairs[1].terms}


def test_flags_are_explained_in_the_interface_language():
    from translit.export import export

    result = given("Turnout must be 50 percent.", "Явка должна составлять 40 процентов.")
    english = export(result, "md", ui_lang="en").decode("utf-8")
    russian = export(result, "md", ui_lang="ru").decode("utf-8")
    assert "the value 50 is not in the translation" in english
    assert "числа 50 нет в переводе" in russian and "the value 50" not in russian
