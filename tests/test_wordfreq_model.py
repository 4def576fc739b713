"""translit.wordfreq_model: wordfreq's word lists read from translit's cache, voting on a few words."""

from __future__ import annotations

import pytest

from translit import wordfreq_model


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordfreq_model, "_loaded", {})
    monkeypatch.setattr(wordfreq_model, "_loaded_rare", {})
    return tmp_path


def test_the_vote_favours_the_language_whose_words_they_are(fresh) -> None:
    model = wordfreq_model.model({"es", "pt", "it"})
    assert model is not None and model.languages == {"es", "pt", "it"}
    spanish = model.vote(["hola", "amigo"], ["es", "pt", "it"])
    assert max(spanish, key=spanish.get) == "es" and abs(sum(spanish.values()) - 1) < 1e-9
    italian = model.vote(["grazie", "mille"], ["es", "pt", "it"])
    assert max(italian, key=italian.get) == "it"
    assert model.log10_frequency("es", "de") > model.log10_frequency("es", "amigo") > wordfreq_model.ABSENT
    assert model.log10_frequency("es", "qqqzzzx") == wordfreq_model.ABSENT


def test_no_vote_among_fewer_than_two_listed_languages(fresh) -> None:
    model = wordfreq_model.model({"ru", "uk"})
    assert model.vote(["добры", "дзень"], ["ru", "be"]) == {}  # Belarusian has no list
    assert model.vote([], ["ru", "uk"]) == {}


def test_serbian_cyrillic_is_looked_up_in_the_latin_list(fresh) -> None:
    model = wordfreq_model.model({"sr", "ru"})
    assert model.log10_frequency("sr", "није") == model.log10_frequency("sr", "nije") > wordfreq_model.ABSENT


def test_the_lists_are_read_from_the_cache_after_the_first_run(fresh, monkeypatch) -> None:
    first = wordfreq_model.model({"en", "de"})
    kept = [path.name for path in fresh.glob("*.arrays")]
    assert len(kept) == 1 and not kept[0].startswith("wordfreq-rare-")  # rare words: only when a text needs them

    def no_reading(*args):
        raise AssertionError("the word lists were read again")

    monkeypatch.setattr(wordfreq_model, "_loaded", {})
    monkeypatch.setattr(wordfreq_model, "_read", no_reading)
    again = wordfreq_model.model({"en", "de"})
    words = ["vielen", "dank"]
    assert again.vote(words, ["en", "de"]) == first.vote(words, ["en", "de"])
    assert again.vote(words, ["en", "de"])["de"] > 0.9


def test_without_wordfreq_there_is_no_model(fresh, monkeypatch) -> None:
    monkeypatch.setattr(wordfreq_model, "_data_folder", lambda: None)
    assert wordfreq_model.model({"en", "de"}) is None


def test_a_word_in_no_small_list_is_told_by_the_large_lists(fresh) -> None:
    model = wordfreq_model.model({"es", "pt", "ro"})
    assert all(model.log10_frequency(lang, "reposaba") == wordfreq_model.ABSENT for lang in ("es", "pt", "ro"))
    rare = wordfreq_model.rare_model({"es", "pt", "ro"})
    assert rare is not None and rare.languages == {"es", "pt"}  # Romanian has no large list
    assert -8.0 <= rare.log10_frequency("es", "reposaba") < -6.0
    assert rare.log10_frequency("pt", "reposaba") == wordfreq_model.RARE_ABSENT
    assert rare.log10_frequency("es", "de") == wordfreq_model.RARE_ABSENT  # common words are the small list's
    vote = model.vote(["reposaba"], ["es", "pt", "ro"])
    assert set(vote) == {"es", "pt"} and vote["es"] > 0.99  # Romanian keeps its share: not in the vote
    assert list(fresh.glob("wordfreq-rare-*.arrays"))
    assert model.vote(["qqqzzzx"], ["es", "pt", "ro"]) == {}  # in no list at all: no vote


def test_the_large_lists_do_not_vote_when_a_small_list_has_a_word(fresh, monkeypatch) -> None:
    model = wordfreq_model.model({"es", "pt"})

    def no_rare(*args):
        raise AssertionError("the large lists were asked")

    monkeypatch.setattr(wordfreq_model, "rare_model", no_rare)
    vote = model.vote(["amigo", "reposaba"], ["es", "pt"])
    assert set(vote) == {"es", "pt"}


def test_the_rare_words_are_read_from_the_cache_a_block_at_a_time(fresh, monkeypatch) -> None:
    first = wordfreq_model.rare_model({"es", "pt"})
    expected = {word: first.log10_frequency("es", word) for word in ("reposaba", "descarguen", "qqqzzzx")}

    def no_reading(*args):
        raise AssertionError("the large lists were read again")

    monkeypatch.setattr(wordfreq_model, "_loaded_rare", {})
    monkeypatch.setattr(wordfreq_model, "_read_rare", no_reading)
    again = wordfreq_model.rare_model({"es", "pt"})
    assert {word: again.log10_frequency("es", word) for word in expected} == expected
    assert expected["reposaba"] > wordfreq_model.RARE_ABSENT == expected["qqqzzzx"]
