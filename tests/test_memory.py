"""The translation memory: stored edits come back in other articles, marked; nothing is lost or overwritten."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest

from translit.config import Settings
from translit.document import Document
from translit.errors import InputError
from translit.export import export
from translit.memory import Memory, MemoryDamagedError, Unit, match_key, renumbered, similarity, word_diff
from translit.pipeline import Options
from translit.session import Session

OPTIONS = Options(source_lang="en", target_lang="ru", summary_sentences=None)
SENTENCE = "Two men failed their credible fear interviews."
HUMAN = "Двое мужчин не прошли собеседование на предмет обоснованного страха."


def unit(source: str = SENTENCE, target: str = HUMAN, **fields) -> Unit:
    return Unit(source, target, fields.pop("source_lang", "en"), fields.pop("target_lang", "ru"), **fields)


# --- matching ----------------------------------------------------------------------------------------


def test_exact_matching_ignores_case_spacing_and_kinds_of_quotes():
    assert match_key('The "parole"  program ended.') == match_key("the «parole» program ended.")
    assert match_key("The parole program ended.") != match_key("The parole program ended today.")


def test_numbers_are_changed_only_where_that_is_certain():
    stored_source, stored_target = "The court gave him 30 days.", "Суд дал ему 30 дней."
    assert renumbered(stored_source, stored_target, "The court gave him 45 days.") == "Суд дал ему 45 дней."
    assert renumbered(stored_source, stored_target, "The court gave him 21 days.") is None  # 21 день, not 21 дней
    assert renumbered("He waited 5 years and 5 days.", "Он ждал 5 лет и 5 дней.", "He waited 6 years and 5 days.") \
        is None  # which 5 is which cannot be told
    assert renumbered("It cost 1,500 dollars.", "Это стоило 1 500 долларов.", "It cost 1,700 dollars.") is None


def test_similarity_and_word_diff():
    assert similarity(SENTENCE, SENTENCE.upper()) == 100
    assert 75 <= similarity(SENTENCE, "Two men failed their credible fear interview.") < 100
    assert similarity(SENTENCE, "The weather was fine on Monday.") < 30
    assert word_diff("Two men failed the test.", "Three men failed the test.") == [
        ("delete", "Two"), ("insert", "Three"), ("equal", "men failed the test.")]


# --- the store ---------------------------------------------------------------------------------------


def test_a_stored_human_translation_is_found_again(tmp_path):
    memory = Memory(tmp_path / "memory.sqlite")
    assert memory.add([unit(article="a1")]) == 1
    assert memory.add([unit(article="a1")]) == 0  # the same unit is stored once
    found = memory.exact(["Nothing like it.", "two men failed their  credible fear interviews."], "en", "ru")
    assert list(found) == [1]
    assert found[1].target == HUMAN and found[1].score == 100 and found[1].article == "a1"
    assert memory.exact([SENTENCE], "en", "uk") == {}


def test_the_newest_translation_wins_and_machine_units_are_never_reused(tmp_path):
    memory = Memory(tmp_path / "memory.sqlite")
    memory.add([unit(target="старый перевод"), unit(target="новый перевод")])
    memory.add([unit(target="машинный перевод", who="machine")])
    assert memory.exact([SENTENCE], "en", "ru")[0].target == "новый перевод"
    assert {m.who for m in memory.fuzzy(SENTENCE, "en", "ru", limit=5)} == {"human", "machine"}


def test_fuzzy_matches_come_with_their_score(tmp_path):
    memory = Memory(tmp_path / "memory.sqlite")
    memory.add([unit(), unit("The weather was fine on Monday.", "Погода в понедельник была хорошей.")])
    [match] = memory.fuzzy("Two men failed their credible fear interview.", "en", "ru")
    assert match.target == HUMAN and 75 <= match.score < 100
    assert memory.fuzzy("Completely different words here today.", "en", "ru") == []


def test_forget_needs_a_filter_and_removes_what_it_names(tmp_path):
    memory = Memory(tmp_path / "memory.sqlite")
    memory.add([unit(article="a1"), unit("The court met.", "Суд собрался.", article="a2"),
                unit(source_lang="en", target_lang="uk", target="Двоє чоловіків")])
    with pytest.raises(InputError, match="--all"):
        memory.forget()
    assert memory.forget(article="a2") == 1
    assert memory.forget(source_lang="en", target_lang="uk") == 1
    assert memory.stats().units == 1
    assert memory.forget(everything=True) == 1 and memory.stats().units == 0


def test_reading_a_memory_that_does_not_exist_creates_nothing(tmp_path):
    memory = Memory(tmp_path / "none" / "memory.sqlite")
    assert memory.exact([SENTENCE], "en", "ru") == {} and memory.stats().units == 0
    assert not memory.path.parent.exists()


def test_the_file_is_in_wal_mode(tmp_path):
    memory = Memory(tmp_path / "memory.sqlite")
    memory.add([unit()])
    with sqlite3.connect(memory.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, None])
def test_a_damaged_or_foreign_file_is_reported_and_left_alone(tmp_path, content):
    path = tmp_path / "memory.sqlite"
    if content is None:
        with sqlite3.connect(path) as connection:  # an SQLite file of another program
            connection.execute("CREATE TABLE notes (text TEXT)")
        content = path.read_bytes()
    else:
        path.write_bytes(content)
    memory = Memory(path)
    for call in (lambda: memory.add([unit()]), lambda: memory.exact([SENTENCE], "en", "ru"), memory.stats):
        with pytest.raises(MemoryDamagedError, match="set it to another one|set TRANSLIT_MEMORY to another file"):
            call()
    assert path.read_bytes() == content


def _write_many(path: str, writer: int, count: int) -> None:
    memory = Memory(path)
    for number in range(count):
        memory.add([unit(f"Sentence {writer} number {number} of the test.", f"Предложение {writer}-{number}.")])


def test_concurrent_writers_lose_nothing(tmp_path):
    path = str(tmp_path / "memory.sqlite")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(path, writer, 40)) for writer in range(4)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    assert Memory(path).stats().units == 160


# --- through the session ----------------------------------------------------------------------------


@pytest.fixture
def session(package_dir, tmp_path) -> Session:
    return Session(Settings(package_dir=package_dir, threads=1, memory=tmp_path / "memory.sqlite"))


def test_an_edit_comes_back_marked_in_another_article(session):
    first = Document.from_text(f"The court met on Monday. {SENTENCE}\n")
    result = session.translate(first, OPTIONS)
    assert all(pair.memory is None for pair in result.pairs)
    from translit.edits import apply_edits

    edited = apply_edits(result, {1: HUMAN}, OPTIONS)
    assert session.remember(edited) == 1
    other = Document.from_text(f"{SENTENCE} The lawyer asked for more time.\n")
    reused = session.translate(other, OPTIONS)
    pair = reused.pairs[0]
    assert pair.target == HUMAN and pair.memory is not None and pair.memory.score == 100
    assert pair.machine_target and pair.machine_target != HUMAN
    assert [u.status for u in pair.terms] == ["present"]  # the glossary still checks it
    assert reused.pairs[1].memory is None
    data = json.loads(export(reused, "json"))
    sentence = data["paragraphs"][0]["sentences"][0]
    assert sentence["from_memory"]["score"] == 100 and sentence["target"] == HUMAN
    assert b'state-qualifier="leveraged-tm"' in export(reused, "xliff")
    assert session.translate(other, OPTIONS, memory=False).pairs[0].memory is None
    for fmt in ("md", "txt", "html"):
        assert "(from memory)" in export(reused, fmt).decode()


def test_the_same_article_gets_its_edits_back_as_edits(session):
    document = Document.from_text(f"The court met on Monday. {SENTENCE}\n")
    from translit.edits import apply_edits

    session.remember(apply_edits(session.translate(document, OPTIONS), {1: HUMAN}, OPTIONS))
    again = session.translate(document, OPTIONS)
    assert again.pairs[1].edited and again.pairs[1].target == HUMAN and again.pairs[1].memory is None


def test_a_damaged_memory_is_reported_and_the_translation_goes_on(session):
    session.settings.memory.write_bytes(b"garbage" * 200)
    result = session.translate(Document.from_text(f"{SENTENCE}\n"), OPTIONS)
    assert result.pairs[0].target and any("cannot be read" in warning for warning in result.warnings)
