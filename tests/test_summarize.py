"""Extractive summaries: lengths, order, languages, options and scale."""

from __future__ import annotations

import random

import pytest

from translit.document import Document, Sentence, Summary
from translit.errors import InputError
from translit.segment import segment
from translit.summarize import METHODS, stop_words, summarize, summarize_sentences

NEWS_EN = """Federal judge blocks new asylum rule
A federal judge on Friday blocked a rule that would have barred most migrants from asylum at the border.
The rule required migrants to seek protection in another country before reaching the United States.
"This rule cannot stand," the judge wrote in a 40-page opinion released late on Friday.
Lawyers for the migrants said the decision would let thousands of families pass a credible fear interview.
The government said it would appeal the asylum ruling to a higher court within days.
Officials did not say when the appeal would be filed.
The weather in the capital was mild, with light rain expected over the weekend.
A local bakery announced a new seasonal menu with pumpkin bread and apple pie.
"""

SAMPLES = {
    "en": NEWS_EN,
    "ru": (
        "Федеральный судья в пятницу заблокировал новое правило о предоставлении убежища. "
        "Правило требовало от мигрантов просить защиты в другой стране до прибытия в США. "
        "Адвокаты мигрантов заявили, что решение позволит тысячам семей пройти собеседование. "
        "Правительство сообщило, что обжалует решение в вышестоящем суде. "
        "В столице стояла мягкая погода, а на выходные обещают небольшой дождь."
    ),
    "uk": (
        "Федеральний суддя в п'ятницю заблокував нове правило про надання притулку. "
        "Правило вимагало від мігрантів шукати захисту в іншій країні до прибуття до США. "
        "Адвокати мігрантів заявили, що рішення дозволить тисячам родин пройти співбесіду. "
        "Уряд повідомив, що оскаржить рішення у вищому суді. "
        "У столиці була м'яка погода, а на вихідні обіцяють невеликий дощ."
    ),
    "es": (
        "Un juez federal bloqueó el viernes una nueva norma sobre el asilo en la frontera. "
        "La norma obligaba a los migrantes a pedir protección en otro país antes de llegar a Estados Unidos. "
        "Los abogados de los migrantes dijeron que la decisión ayudará a miles de familias. "
        "El gobierno anunció que apelará la decisión ante un tribunal superior. "
        "En la capital el tiempo fue templado y se espera lluvia ligera el fin de semana."
    ),
    "de": (
        "Ein Bundesrichter hat am Freitag eine neue Asylregel an der Grenze blockiert. "
        "Die Regel verlangte von Migranten, in einem anderen Land Schutz zu suchen. "
        "Die Regierung kündigte an, gegen die Entscheidung Berufung einzulegen. "
        "In der Hauptstadt war das Wetter mild."
    ),
    "tr": (
        "Federal bir yargıç cuma günü sınırdaki yeni sığınma kuralını durdurdu. "
        "Kural göçmenlerin önce başka bir ülkede koruma istemesini gerektiriyordu. "
        "Hükümet karara itiraz edeceğini açıkladı. "
        "Başkentte hava ılıktı ve hafta sonu hafif yağmur bekleniyor."
    ),
}

VOCABULARY = (
    "court judge asylum border rule family lawyer hearing appeal visa office city river market school "
    "report police council budget vote election tax farm bridge train airport hospital doctor nurse storm "
    "flood fire museum concert festival team coach player season record company worker union strike"
).split()


def generated_document(sentence_count: int, seed: int = 7, per_paragraph: int = 10) -> Document:
    """Plain sentences of 8-20 words from a fixed vocabulary, `per_paragraph` to a line."""
    rng = random.Random(seed)
    lines, sentences = [], []
    for _ in range(sentence_count):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 20))]
        sentences.append(" ".join(words).capitalize() + ".")
        if len(sentences) == per_paragraph:
            lines.append(" ".join(sentences))
            sentences = []
    if sentences:
        lines.append(" ".join(sentences))
    return Document.from_text("\n".join(lines))


def word_count(text: str) -> int:
    return len(text.split())


# ------------------------------------------------------------------ short texts


@pytest.mark.parametrize("method", METHODS)
def test_empty_document_gives_empty_summary(method):
    summary = summarize(Document.from_text(""), "en", method=method)
    assert summary == Summary("en", (), method)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "text",
    ["The court ruled on Friday.", "The court ruled on Friday. The government will appeal the ruling."],
)
def test_fewer_sentences_than_asked_returns_them_all(method, text):
    document = Document.from_text(text)
    count = len(segment(document, "en"))
    summary = summarize(document, "en", sentences=3, method=method)
    assert summary.indices == tuple(range(count))


def test_blank_lines_only_give_empty_summary():
    assert summarize(Document.from_text("\n\n   \n"), "en").indices == ()


# ------------------------------------------------------------------ length options


def test_default_length_is_three_sentences():
    assert len(summarize(Document.from_text(NEWS_EN), "en").indices) == 3


def test_ratio_picks_that_share_of_sentences():
    document = generated_document(40)
    assert len(summarize(document, "en", ratio=0.25).indices) == 10
    assert len(summarize(document, "en", ratio=1).indices) == 40
    assert len(summarize(document, "en", ratio=0.001).indices) == 1


@pytest.mark.parametrize("method", ["default", "lead", "luhn", "random"])
def test_word_budget_is_respected(method):
    document = Document.from_text(NEWS_EN)
    texts = [s.text for s in segment(document, "en")]
    summary = summarize(document, "en", words=40, method=method)
    assert summary.indices
    assert sum(word_count(texts[i]) for i in summary.indices) <= 40


def test_word_budget_smaller_than_any_sentence_still_gives_one_sentence():
    summary = summarize(Document.from_text(NEWS_EN), "en", words=1)
    assert len(summary.indices) == 1


def test_large_word_budget_takes_everything():
    document = Document.from_text(NEWS_EN)
    summary = summarize(document, "en", words=10_000)
    assert summary.indices == tuple(range(len(segment(document, "en"))))


# ------------------------------------------------------------------ order, methods, content


@pytest.mark.parametrize("method", METHODS)
def test_every_method_returns_distinct_indices_in_document_order(method):
    document = generated_document(30)
    summary = summarize(document, "en", sentences=5, method=method)
    assert summary.method == method
    assert len(summary.indices) == 5
    assert list(summary.indices) == sorted(set(summary.indices))
    assert all(0 <= i < 30 for i in summary.indices)


def test_lead_takes_the_opening_sentences():
    assert summarize(Document.from_text(NEWS_EN), "en", method="lead").indices == (0, 1, 2)


def test_default_prefers_the_story_over_unrelated_closing_lines():
    document = Document.from_text(NEWS_EN)
    texts = [s.text for s in segment(document, "en")]
    chosen = [texts[i] for i in summarize(document, "en", sentences=4).indices]
    assert not any("bakery" in t or "weather" in t for t in chosen)
    assert any("blocked a rule" in t for t in chosen)


def test_headline_line_yields_to_the_lead_sentence():
    document = Document.from_text(NEWS_EN)
    texts = [s.text for s in segment(document, "en")]
    (chosen,) = summarize(document, "en", sentences=1).indices
    assert texts[chosen].startswith("A federal judge on Friday blocked")


def test_default_skips_a_caption_that_repeats_the_lead():
    lead = "The city council approved a new budget for public schools on Tuesday evening after a long debate."
    document = Document.from_text(
        f"{lead}\n"
        f"Pictured: the city council approved a new budget for public schools on Tuesday evening.\n"
        "Teachers welcomed the extra money for books, buses and after-school programs in poor districts.\n"
        "The mayor said the plan would be paid for by a small increase in the local sales tax.\n"
        "Critics warned that the tax would hit families with low incomes hardest this winter.\n"
    )
    texts = [s.text for s in segment(document, "en")]
    chosen = [texts[i] for i in summarize(document, "en", sentences=3).indices]
    assert not any(t.startswith("Pictured") for t in chosen)


def test_headline_title_is_not_a_sentence_and_quotes_stay_whole():
    document = Document.from_text(NEWS_EN, title="Federal judge blocks new asylum rule")
    sentences = segment(document, "en")
    summary = summarize(document, "en", sentences=len(sentences))
    assert summary.indices == tuple(range(len(sentences)))
    quoted = [s.text for s in sentences if "cannot stand" in s.text]
    assert quoted and quoted[0].startswith('"This rule cannot stand,"')


def test_glossary_terms_pull_a_sentence_into_the_summary():
    sentences = [
        "Alpha bravo charlie delta echo foxtrot golf hotel.",
        "India juliet kilo lima mike november oscar papa.",
        "Quebec romeo sierra tango uniform victor whiskey xray.",
        "Yankee zulu amber bronze copper silver golden iron.",
    ]
    plain = summarize_sentences(sentences, "en", sentences=3)
    assert plain.indices == (0, 1, 2)
    spans = {(3, 0, 6), (3, 12, 18), (3, 19, 25)}
    with_spans = summarize_sentences(sentences, "en", sentences=3, terms=spans)
    assert 3 in with_spans.indices
    with_function = summarize_sentences(
        sentences, "en", sentences=3, terms=lambda text: 3.0 if text.startswith("Yankee") else 0.0
    )
    assert with_function.indices == with_spans.indices


def test_summarize_sentences_accepts_strings_and_sentence_objects():
    document = Document.from_text(NEWS_EN)
    sentences = segment(document, "en")
    from_objects = summarize_sentences(sentences, "en", sentences=2)
    from_strings = summarize_sentences([s.text for s in sentences], "en", sentences=2)
    assert len(from_objects.indices) == 2
    assert from_objects.indices == summarize(document, "en", sentences=2).indices
    assert all(isinstance(s, Sentence) for s in sentences)
    assert len(from_strings.indices) == 2


def test_language_tag_is_reduced_to_its_code():
    assert summarize(Document.from_text(NEWS_EN), "en-US").lang == "en"


# ------------------------------------------------------------------ languages, offline


@pytest.mark.disable_socket
@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("method", METHODS)
def test_each_language_runs_offline(lang, method):
    document = Document.from_text(SAMPLES[lang])
    count = len(segment(document, lang))
    assert count >= 4
    summary = summarize(document, lang, sentences=2, method=method)
    assert summary.lang == lang
    assert len(summary.indices) == 2


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "es"])
def test_supported_languages_have_stop_words(lang):
    words = stop_words(lang)
    assert len(words) > 50
    assert all(w == w.lower() for w in words)


def test_russian_stop_words_are_function_words():
    assert {"и", "в", "не", "что", "это"} <= stop_words("ru")
    assert "суд" not in stop_words("ru")


def test_other_languages_have_no_stop_words():
    assert stop_words("tr") == frozenset()


# ------------------------------------------------------------------ invalid options


@pytest.mark.parametrize(
    "options",
    [
        {"sentences": 0},
        {"sentences": -2},
        {"sentences": 2.5},
        {"sentences": True},
        {"ratio": 0},
        {"ratio": 1.5},
        {"ratio": -0.1},
        {"ratio": "0.5"},
        {"words": 0},
        {"words": 12.5},
        {"sentences": 3, "ratio": 0.5},
        {"ratio": 0.5, "words": 100},
        {"method": "magic"},
        {"method": None},
        {"terms": "asylum"},
        {"terms": {(99, 0, 3)}},
        {"terms": {(0, 1)}},
    ],
)
def test_invalid_options_raise_input_error(options):
    with pytest.raises(InputError):
        summarize(Document.from_text(NEWS_EN), "en", **options)


def test_error_message_says_what_to_pass():
    with pytest.raises(InputError, match="sentences=N, ratio=R or words=W"):
        summarize(Document.from_text(NEWS_EN), "en", sentences=2, words=50)
    with pytest.raises(InputError, match="lexrank"):
        summarize(Document.from_text(NEWS_EN), "en", method="pagerank")


def test_plain_text_instead_of_document_raises_input_error():
    with pytest.raises(InputError, match="Document.from_text"):
        summarize(NEWS_EN, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["", "   ", None])
def test_missing_language_raises_input_error(lang):
    with pytest.raises(InputError):
        summarize(Document.from_text(NEWS_EN), lang)  # type: ignore[arg-type]


def test_bad_sentence_items_raise_input_error():
    with pytest.raises(InputError):
        summarize_sentences(["fine sentence.", 42], "en")  # type: ignore[list-item]
    with pytest.raises(InputError):
        summarize_sentences("one long string", "en")  # type: ignore[arg-type]


# ------------------------------------------------------------------ scale and determinism


def test_default_on_a_thousand_sentences_returns_the_right_count():
    document = generated_document(1000)
    assert len(segment(document, "en")) == 1000
    assert len(summarize(document, "en").indices) == 3
    assert len(summarize(document, "en", ratio=0.1).indices) == 100
    assert len(summarize(document, "en", sentences=25).indices) == 25


@pytest.mark.parametrize("method", METHODS)
def test_output_is_deterministic(method):
    document = generated_document(60, seed=3)
    first = summarize(document, "en", sentences=4, method=method)
    again = summarize(document, "en", sentences=4, method=method)
    assert first == again


def test_random_method_depends_on_its_seed_only():
    document = generated_document(60, seed=3)
    by_seed = {seed: summarize(document, "en", sentences=4, method="random", seed=seed) for seed in range(5)}
    assert by_seed[1] == summarize(document, "en", sentences=4, method="random", seed=1)
    assert len({s.indices for s in by_seed.values()}) > 1


@pytest.mark.parametrize("method", ["lexrank", "textrank", "kl", "sumbasic"])
def test_quadratic_sumy_methods_rank_a_bounded_set_of_a_long_document(method, monkeypatch):
    import translit.summarize as summarize_module

    monkeypatch.setattr(summarize_module, "MAX_SUMY_SENTENCES", 20)
    lines = [f"The court heard case number {i} about asylum and the border today." for i in range(60)]
    chosen = summarize_module.summarize(Document.from_text("\n".join(lines)), "en", sentences=3, method=method)
    assert len(chosen.indices) == 3 and all(0 <= i < 60 for i in chosen.indices)
    calls = []
    real = summarize_module._sumy_ranking
    monkeypatch.setattr(summarize_module, "_sumy_ranking", lambda m, texts, *a: calls.append(len(texts)) or real(
        m, texts, *a))
    summarize_module.summarize(Document.from_text("\n".join(lines)), "en", sentences=3, method=method)
    assert calls == [20]


def test_the_pipeline_summary_reuses_its_sentences_and_matches_summarize():
    from translit.ingest import load_document, sample_paths
    from translit.pipeline import Options, run

    for path in list(sample_paths().values())[:4]:
        document = load_document(str(path))
        result = run(document, Options(target_lang=None, summary_sentences=3))
        alone = summarize(document, result.source_lang, sentences=3, terms={
            (p.source.index, u.hit.start, u.hit.end) for p in result.pairs for u in p.terms} or None)
        assert result.summary is not None and result.summary.indices == alone.indices
        assert all(0 <= i < len(result.pairs) for i in result.summary.indices)
