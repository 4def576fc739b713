"""The Streamlit app through streamlit.testing's AppTest, on the random-weight test packages."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Immigration lawyers say the government resumed deportations of Russian citizens.\n"
    "\n"
    "Two of the men failed their credible fear interviews. One was sent back in March.\n"
)


@pytest.fixture
def app(monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def all_text(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "text", "subheader", "title"):
        parts.extend(str(getattr(el, "value", "")) for el in getattr(at, kind))
    return "\n".join(parts)


def paste(at, text: str):
    at.text_area(key="article").input(text).run()
    return at


def test_opens_with_an_invitation(app):
    app.run()
    assert not app.exception
    assert "Paste an article" in all_text(app)


def test_first_run_without_models_still_detects_and_summarizes(app):
    app.run()
    paste(app, ARTICLE)
    assert not app.exception and not app.error
    text = all_text(app)
    assert "No translation models are installed" in text
    assert "English" in text
    assert "Summary" in text


def test_translate_shows_aligned_sentences(app, packages_env):
    app.run()
    paste(app, ARTICLE)
    assert not app.error
    app.button[0].click().run()
    assert not app.exception and not app.error
    aligned = [m.value for m in app.markdown if m.allow_html and "tl-aligned" in m.value][0]
    assert aligned.count("<tr id=\"tl-s") == 3
    assert aligned.count('<table class="tl-table">') == 2
    assert "One was sent back in March." in aligned


def test_article_html_is_escaped(app, packages_env):
    app.run()
    paste(app, 'A court hearing <script>alert("x")</script> and <img src=x onerror=alert(1)> happened today.\n')
    app.button[0].click().run()
    html = "\n".join(m.value for m in app.markdown if m.allow_html)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_interface_switches_to_russian(app):
    app.run()
    app.radio(key="ui_lang").set_value("ru").run()
    assert "Вставьте статью" in all_text(app)


def test_sample_loads_into_the_text_area(app):
    app.run()
    app.radio(key="input_kind").set_value("sample").run()
    assert not app.exception
    assert len(app.text_area(key="article").value) > 200


def test_unsupported_pair_explains_what_to_do(app, packages_env):
    app.run()
    paste(app, "El tribunal de inmigración aplazó la audiencia hasta la primavera próxima.\n")
    assert not app.exception
    assert "No installed model translates from this language" in all_text(app)


def test_russian_names_show_their_passport_spelling(app, packages_env):
    app.run()
    paste(app, "Адвокат Дмитрий Щербаков рассказал о слушании в суде.\n")
    app.selectbox(key="target").set_value("en").run()
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert "as in a passport: Dmitrii Shcherbakov" in all_text(app)


def test_own_translation_is_checked_without_any_model(app):
    app.run()
    paste(app, "The asylum seeker had a credible fear interview.\nSenator Dianne Feinstein spoke.\n")
    app.checkbox(key="have_translation").check().run()
    translation = "Проситель убежища прошёл интервью на страх.\nСенатор выступила.\n"
    app.text_area(key="given_text").input(translation).run()
    app.button[0].click().run()
    assert not app.exception and not app.error
    import re

    aligned = [m.value for m in app.markdown if m.allow_html and "tl-aligned" in m.value][0]
    assert "Проситель убежища прошёл интервью на страх." in re.sub(r"<[^>]+>", "", aligned)  # kept as given
    assert "tl-flag" in aligned and "Feinstein" in aligned
    assert "Check these sentences" in all_text(app)


def test_names_are_listed_in_their_dictionary_form(app, packages_env):
    app.run()
    paste(app, "Полиция допросила Анну Смит в понедельник.\n")
    app.selectbox(key="target").set_value("en").run()
    app.button[0].click().run()
    assert not app.exception and not app.error
    names = [m.value for m in app.markdown if m.value.startswith("- ") and "→" in m.value]
    assert any(line.startswith("- Анна Смит →") for line in names), names
    assert not any("Анну" in line for line in names)


def test_the_page_shows_no_implementation_notes(app):
    """Streamlit's magic shows any bare string of app.py on the page: none may be an internal note."""
    app.run()
    shown = all_text(app)
    assert "kept in memory" not in shown and "process" not in shown.lower()


def test_ukrainian_is_offered_and_its_glossary_used(app, packages_env):
    from translit.glossary import load_builtin

    approved = load_builtin(pair=("en", "uk")).concept("credible-fear-interview").approved("uk")
    app.run()
    paste(app, ARTICLE)
    assert "Ukrainian (uk)" in app.selectbox(key="target").options
    app.selectbox(key="target").set_value("uk").run()
    app.button[0].click().run()
    assert not app.exception and not app.error
    labels = [e.label for e in app.expander]
    assert any(label.startswith("credible fear interviews → ") and approved in label for label in labels), labels
    notes = [m.value for m in app.markdown if m.value.startswith("**UK:**")]
    assert notes and all(len(note) > 20 for note in notes)


def test_my_glossary_adds_a_ukrainian_term_to_its_own_file(app, tmp_path, monkeypatch):
    mine = tmp_path / "my-glossary.en-ru.tsv"
    monkeypatch.setenv("TRANSLIT_USER_GLOSSARY", str(mine))
    app.run()
    app.selectbox(key="my_glossary_pair").set_value("en-uk").run()
    form = {
        "term_id": "sponsor-letter", "term_en": "sponsor letter", "term_other": "[лист] спонсора",
        "note_en": "A letter from a sponsor.", "note_other": "Лист від спонсора.", "source": "usage",
    }
    inputs = {i.label: i for i in app.text_input}
    labels = {key: next(label for label in inputs if label.startswith(prefix)) for key, prefix in (
        ("term_id", "Id"), ("term_en", "English term"), ("term_other", "Ukrainian rendering"),
        ("note_en", "Plain explanation in English"), ("note_other", "Plain explanation in Ukrainian"),
        ("source", "Source"))}
    for key, value in form.items():
        inputs[labels[key]].input(value)
    next(b for b in app.button if b.label == "Save to my glossary").click().run()
    assert not app.exception and not app.error
    ukrainian = tmp_path / "my-glossary.en-uk.tsv"
    assert ukrainian.is_file() and not mine.exists()
    header = next(line for line in ukrainian.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert header.split("\t")[:3] == ["id", "en", "uk"]
    assert "[лист] спонсора" in ukrainian.read_text(encoding="utf-8")


def test_a_memory_suggestion_becomes_an_edit_that_comes_back_in_another_article(app, packages_env, own_memory):
    from translit.memory import Memory, Unit

    human = "Двое из них не прошли собеседование на предмет обоснованного страха."
    Memory(own_memory).add([Unit("Two of the men failed their credible fear interview.", human, "en", "ru", "old")])
    app.run()
    paste(app, ARTICLE)
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert "Similar sentences in your memory" in all_text(app)
    [use] = [b for b in app.button if b.label == "Use this translation"]
    use.click().run()
    app.run()  # the rerun the button asks for (AppTest does not follow st.rerun by itself)
    assert not app.exception and not app.error
    import re

    aligned = re.sub(r"<[^>]+>", "", [m.value for m in app.markdown if m.allow_html and "tl-aligned" in m.value][0])
    assert f"{human}edited" in aligned
    stored = [u for u in Memory(own_memory).units() if u.article != "old"]
    assert [(u.source, u.target, u.who) for u in stored] == [
        ("Two of the men failed their credible fear interviews.", human, "human")]
    paste(app, "Two of the men failed their credible fear interviews. Nobody knows more.\n")
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert "1 sentence was taken from your translation memory" in all_text(app)
    aligned = re.sub(r"<[^>]+>", "", [m.value for m in app.markdown if m.allow_html and "tl-aligned" in m.value][0])
    assert f"{human}from memory" in aligned


def test_flagged_sentences_are_counted_and_linked(app):
    app.run()
    paste(app, "The court met on Monday.\nThe lawyer asked for more time.\n")
    app.checkbox(key="have_translation").check().run()
    given = "Суд собрался в понедельник.\nАдвокат попросил попросил больше времени.\n"
    app.text_area(key="given_text").input(given).run()
    app.button[0].click().run()
    assert not app.exception and not app.error
    [warning] = [w.value for w in app.warning if "needs a look" in w.value]
    assert "1 sentence needs a look" in warning and "(#needs-a-look)" in warning
    [line] = [m.value for m in app.markdown if m.value.startswith("- **[")]
    assert line.startswith("- **[2.](#tl-s2)**") and "repeated" in line
    aligned = [m.value for m in app.markdown if m.allow_html and "tl-aligned" in m.value][0]
    assert 'id="tl-s2"' in aligned


def test_each_paragraph_shows_its_language_and_confidence(app):
    app.run()
    paste(app, ARTICLE + "\nСуд отложил слушание дела до весны, сообщили адвокаты семьи.\n")
    assert not app.exception and not app.error
    assert "Language of each paragraph" in [e.label for e in app.expander]
    [line] = [c.value for c in app.caption if c.value.startswith("1. ")]
    assert "1. English" in line and "Russian" in line and "%" in line
