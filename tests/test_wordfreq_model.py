"""translit.wordfreq_model: wordfreq's word lists read from translit's cache, voting on a few words."""

from __future__ import annotations

import pytest

from translit import wordfreq_model


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordfreq_model, "_loaded", {})
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
    assert len(list(fresh.glob("wordfreq-*.arrays"))) == 1

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
