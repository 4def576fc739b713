"""QA checks per sentence: each planted defect is caught, and its correct twin is left unflagged."""

from __future__ import annotations

import json

import pytest

from translit.document import Document, FlagKind
from translit.export import export
from translit.mt.given import GivenTranslation
from translit.pipeline import Options, run, with_edits
from translit.qa import flags_of, needs_a_look

OPTIONS = Options(source_lang="en", target_lang="ru", summary_sentences=None)

SOURCE = (
    "Judge Maria Lopez heard the case on Monday.\n"
    "Lopez said the family had waited for two years before the hearing began.\n"
    "The lawyer (a volunteer) asked the court for more time.\n"
    "The court agreed and set a new date for the families.\n"
    "Lopez thanked the lawyers who work for free.\n"
)
GOOD = (
    "Судья Мария Лопес рассмотрела дело в понедельник.\n"
    "Лопес сказала, что семья ждала два года, прежде чем началось слушание.\n"
    "Адвокат (волонтёр) попросил суд дать больше времени.\n"
    "Суд согласился и назначил семьям новую дату.\n"
    "Лопес поблагодарила адвокатов, которые работают бесплатно.\n"
)


def checked(translation: str, source: str = SOURCE, options: Options = OPTIONS):
    document = Document.from_text(source)
    target = options.target_lang or "ru"
    return run(document, options, GivenTranslation(document, Document.from_text(translation), target))


def kinds(pair) -> set[str]:
    return {flag.kind for flag in pair.checks}


def planted(line: int, text: str) -> str:
    lines = GOOD.splitlines()
    lines[line] = text
    return "\n".join(lines) + "\n"


def test_a_good_human_translation_raises_no_qa_flag():
    result = checked(GOOD)
    assert [pair.checks for pair in result.pairs] == [()] * 5
    assert needs_a_look(result) == ()


@pytest.mark.parametrize(("line", "text", "kind"), [
    (1, "Лопес сказала, что семья ждала ждала два года, прежде чем началось слушание.", FlagKind.REPEATED),
    (3, "Суд согласился и назначил назначил назначил назначил назначил новую дату новую дату новую дату новую дату.",
     FlagKind.REPEATED),
    (1, "Lopez said the family had waited for two years before the hearing began.", FlagKind.UNTRANSLATED),
    (1, "Лопес said the family had waited for two years before the hearing began.", FlagKind.UNTRANSLATED),
    (1, "Лопес сказала, что.", FlagKind.TRUNCATED),
    (2, "Адвокат (волонтёр попросил суд дать больше времени.", FlagKind.BRACKETS),
    (3, "Суд согласился и назначил «новую дату для семей.", FlagKind.BRACKETS),
    (3, "Суд согласился и назначил 15 новых дат для семей.", FlagKind.EXTRA_NUMBER),
    (4, "Лопез поблагодарила адвокатов, которые работают бесплатно.", FlagKind.NAME_SPELLING),
])
def test_each_planted_defect_is_caught(line, text, kind):
    result = checked(planted(line, text))
    assert kind in kinds(result.pairs[line])
    others = [pair.checks for i, pair in enumerate(result.pairs) if i != line and kind != FlagKind.NAME_SPELLING]
    assert all(not found for found in others)
    assert line in needs_a_look(result)


@pytest.mark.parametrize(("line", "text"), [
    (1, "«Нет, нет», — сказала Лопес: семья ждала два года, прежде чем началось слушание."),  # "No, no" is writing
    (4, "Лопес поблагодарила адвокатов, которые работают бесплатно, — всех адвокатов, всех волонтёров."),
    (2, "Адвокат, волонтёр, попросил суд дать больше времени."),  # brackets dropped: nothing unpaired
    (1, "Лопес сказала, что семья ждала 2 года, прежде чем началось слушание."),  # two years written in figures
    (4, "Лопеса поблагодарили адвокаты, которые работают бесплатно."),  # another case of the same spelling
])
def test_correct_variants_are_not_flagged(line, text):
    result = checked(planted(line, text))
    assert result.pairs[line].checks == ()


def test_quotes_running_over_sentences_are_not_flagged():
    source = 'He said: "We waited two years.\nWe will wait longer," the lawyer added.\n'
    target = "Он сказал: «Мы ждали два года.\nПодождём ещё», — добавил адвокат.\n"
    assert [pair.checks for pair in checked(target, source).pairs] == [(), ()]


def test_a_foreign_quotation_kept_as_it_is_is_not_untranslated():
    source = "The judge quoted the motto of the court.\nIl faut bien le faire, et vite.\n"
    target = "Судья процитировал девиз суда.\nIl faut bien le faire, et vite.\n"
    assert checked(target, source).pairs[1].checks == ()


def test_a_measure_converted_by_the_translator_is_not_an_invented_number():
    source = "The waves were 20 feet high.\n"
    target = "Волны были высотой 6 метров.\n"
    assert FlagKind.EXTRA_NUMBER not in kinds(checked(target, source).pairs[0])


def test_a_human_edit_is_checked_as_written():
    result = checked(GOOD)
    edited = with_edits(result, {1: "Лопес сказала, что что семья ждала два года, прежде чем началось слушание."},
                        OPTIONS)
    assert edited.pairs[1].edited
    assert FlagKind.REPEATED in kinds(edited.pairs[1])
    fixed = with_edits(edited, {1: GOOD.splitlines()[1]}, OPTIONS)
    assert not fixed.pairs[1].edited and fixed.pairs[1].checks == ()


def test_an_edit_that_drops_a_glossary_term_is_flagged_not_changed():
    source = "Two men failed their credible fear interviews.\n"
    good = "Двое мужчин не прошли собеседование на предмет обоснованного страха.\n"
    result = checked(good, source)
    assert [u.status for u in result.pairs[0].terms] == ["present"]
    edit = "Двое мужчин не прошли интервью о страхе."
    edited = with_edits(result, {0: edit}, OPTIONS)
    pair = edited.pairs[0]
    assert pair.target == edit and pair.edited
    assert [(u.status, u.flag) for u in pair.terms] == [("flagged", "edited")]
    assert any(flag.kind == "term" for flag in flags_of(pair))


def test_json_gives_every_sentence_its_flags_as_kind_and_message():
    result = checked(planted(2, "Адвокат (волонтёр попросил суд дать больше времени."))
    sentences = [s for p in json.loads(export(result, "json"))["paragraphs"] for s in p["sentences"]]
    assert all(isinstance(s["flags"], list) for s in sentences)
    assert sentences[0]["flags"] == []
    [flag] = sentences[2]["flags"]
    assert flag["kind"] == "brackets" and "(" in flag["message"]


def test_flags_reach_the_other_exports():
    result = checked(planted(1, "Лопес сказала, что семья ждала ждала два года, прежде чем началось слушание."))
    text = export(result, "md").decode()
    assert "“ждала” is repeated" in text
