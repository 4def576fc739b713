"""Language detection: short texts per language, unknowns, documents, overrides, restrictions."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from translit.detect import detect_document, detect_text, language_name, override
from translit.document import UNKNOWN, Detection, Document
from translit.errors import LanguageError

SHORT_TEXTS = [
    ("ru", "Мы переехали в Нью-Йорк прошлой осенью."),
    ("ru", "Адвокат сказал, что заседание перенесли."),
    ("ru", "Где находится ближайший суд?"),
    ("uk", "Ми переїхали до Нью-Йорка минулої осені."),
    ("uk", "Адвокат сказав, що засідання перенесли."),
    ("uk", "Де знаходиться найближчий суд?"),
    ("be", "Мы пераехалі ў Нью-Ёрк мінулай восенню."),
    ("be", "Адвакат сказаў, што пасяджэнне перанеслі."),
    ("bg", "Преместихме се в Ню Йорк миналата есен."),
    ("bg", "Адвокатът каза, че заседанието е отложено."),
    ("kk", "Біз өткен күзде Нью-Йоркке көштік."),
    ("kk", "Адвокат сот отырысы кейінге қалдырылды деді."),
    ("sr", "Адвокат је рекао да је рочиште одложено."),
    ("mk", "Адвокатот рече дека рочиштето е одложено."),
    ("en", "We moved to New York last autumn."),
    ("en", "The lawyer said the hearing was postponed."),
    ("es", "Nos mudamos a Nueva York el otoño pasado."),
    ("es", "El abogado dijo que la audiencia fue aplazada."),
    ("de", "Wir sind letzten Herbst nach New York gezogen."),
    ("de", "Der Anwalt sagte, die Anhörung sei verschoben worden."),
    ("fr", "Nous avons déménagé à New York l'automne dernier."),
    ("fr", "L'avocat a dit que l'audience était reportée."),
    ("el", "Μετακομίσαμε στη Νέα Υόρκη πέρσι το φθινόπωρο."),
    ("he", "עברנו לניו יורק בסתיו שעבר."),
    ("zh", "我们去年秋天搬到了纽约。"),
    ("ja", "私たちは去年の秋にニューヨークに引っ越しました。"),
    ("ko", "우리는 작년 가을에 뉴욕으로 이사했습니다."),
    ("hy", "Անցյալ աշնանը տեղափոխվեցինք Նյու Յորք։"),
]


@pytest.mark.parametrize(("lang", "text"), SHORT_TEXTS)
def test_short_texts_are_detected(lang: str, text: str) -> None:
    detection = detect_text(text)
    assert detection.lang == lang, detection
    assert 0.5 <= detection.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   \n\t", "12345", "2024-05-05 10:30", "!!! ??? ...", "😀🎉👍",
                                  "+1 (555) 010-9999", "https://www.uscis.gov/i-485", "Я", "OK"])
def test_texts_without_enough_letters_are_unknown(text: str) -> None:
    detection = detect_text(text)
    assert detection.lang == UNKNOWN
    assert not detection.known
    assert detection.lang != "en"


def test_unknown_script_is_unknown_not_english() -> None:
    assert detect_text("𐌷𐌰𐌹𐌻𐍃 𐌹𐌶𐍅𐌹𐍃 𐌱𐍂𐍉𐌸𐍂𐌾𐌿𐍃").lang == UNKNOWN  # Gothic


def test_cyrillic_language_we_cannot_name_is_unknown() -> None:
    # Tatar: җ is a letter of none of ru/uk/be/bg/kk/sr/mk.
    assert detect_text("Мин җәйге ялга авылга кайттым.").lang == UNKNOWN


def test_latin_i_inside_a_cyrillic_word_is_read_as_cyrillic() -> None:
    assert detect_text("Мiсто чекає на вiдповiдь суду.").lang == "uk"


def test_confidence_grows_with_length() -> None:
    short = detect_text("Спасибо за помощь.")
    long = detect_text("Спасибо за помощь. Мы получили письмо из иммиграционной службы и не знаем, "
                       "что делать дальше, поэтому хотим поговорить с адвокатом.")
    assert short.lang == long.lang == "ru"
    assert long.confidence > short.confidence


def test_detection_is_deterministic_across_calls_and_threads() -> None:
    texts = [text for _, text in SHORT_TEXTS] * 3
    first = [detect_text(text) for text in texts]
    assert [detect_text(text) for text in texts] == first
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(detect_text, texts)) == first


def test_languages_restriction_picks_among_candidates() -> None:
    text = "Це не так багато."
    assert detect_text(text, languages=["ru", "uk"]).lang == "uk"
    assert detect_text("Не так уж много.", languages={"ru", "uk"}).lang == "ru"


def test_languages_restriction_does_not_force_a_guess() -> None:
    spanish = "El abogado dijo que la audiencia fue aplazada hasta el próximo mes."
    assert detect_text(spanish).lang == "es"
    assert detect_text(spanish, languages=["pt", "en"]).lang == UNKNOWN
    assert detect_text("Адвокат сказал, что заседание перенесли.", languages=["en", "es"]).lang == UNKNOWN
    assert detect_text("우리는 이사했습니다.", languages=["en"]).lang == UNKNOWN


def test_languages_restriction_validates_codes() -> None:
    with pytest.raises(LanguageError, match="'ru'"):
        detect_text("hello there", languages=["rus"])


def test_override_is_certain_and_normalized() -> None:
    assert override("ru") == Detection("ru", 1.0, method="override")
    assert override(" UK ").lang == "uk"
    assert override("zh-CN").lang == "zh"


@pytest.mark.parametrize(("code", "hint"), [("rus", "'ru'"), ("Russian", "'ru'"), ("украинский", "'uk'"),
                                             ("xx", "ISO 639-1"), ("", "ISO 639-1")])
def test_override_rejects_unknown_codes_with_a_hint(code: str, hint: str) -> None:
    with pytest.raises(LanguageError, match=hint):
        override(code)


def test_language_names_in_english_and_russian() -> None:
    assert language_name("ru") == "Russian"
    assert language_name("uk", in_lang="ru") == "украинский"
    assert language_name("en", in_lang="ru") == "английский"
    assert language_name(UNKNOWN) == "unknown"
    assert language_name("qq") == "qq"
    with pytest.raises(LanguageError):
        language_name("ru", in_lang="de")


RUSSIAN_PARAGRAPHS = (
    "Суд отложил рассмотрение дела до весны, и семья пока остаётся в Майами.\n"
    "\n"
    "By Anna Lee\n"
    "\n"
    "Адвокат объяснил, что собеседование о достоверном страхе проводит сотрудник иммиграционной службы.\n"
)


def test_document_with_a_byline_is_not_mixed() -> None:
    result = detect_document(Document.from_text(RUSSIAN_PARAGRAPHS))
    assert result.overall.lang == "ru"
    assert not result.mixed
    assert [i for i, _ in result.paragraphs] == [0, 2, 4]
    assert result.paragraphs[1][1].lang in ("ru", UNKNOWN)


def test_mixed_language_document_is_noticed() -> None:
    text = (
        "The court postponed the hearing until spring, and the family is staying in Miami for now.\n"
        "\n"
        "The lawyer explained that an asylum officer conducts the credible fear interview.\n"
        "\n"
        "Адвокат объяснил, что собеседование о достоверном страхе проводит сотрудник службы.\n"
    )
    result = detect_document(Document.from_text(text))
    assert result.mixed
    assert result.overall.lang == "en"
    assert set(result.languages) == {"en", "ru"}
    assert result.paragraphs[2][1].lang == "ru"
    assert 0 < result.overall.confidence < 1


def test_document_of_short_lines_uses_the_whole_text() -> None:
    document = Document.from_text("Привет!\nКак дела?\nВсё хорошо.\nСпасибо.\n")
    assert detect_document(document).overall.lang == "ru"


def test_empty_document_is_unknown() -> None:
    result = detect_document(Document.from_text("\n\n123\n"))
    assert result.overall.lang == UNKNOWN
    assert not result.mixed


def test_english_byline_full_of_names_is_not_a_second_language() -> None:
    text = (
        "Thousands of families are waiting for a decision on their asylum cases this year.\n"
        "\n"
        "By Maria Gomez · Newark, New Jersey · December 9, 2024\n"
        "\n"
        "Lawyers say the waiting time in immigration court has grown for the third year in a row.\n"
    )
    result = detect_document(Document.from_text(text))
    assert result.overall.lang == "en"
    assert not result.mixed


SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_sample_articles_have_one_language(path: Path) -> None:
    result = detect_document(Document.from_text(path.read_text(encoding="utf-8")))
    assert result.overall.lang == path.name.split("-")[0]
    assert result.overall.confidence > 0.9
    assert not result.mixed


def test_a_link_does_not_lower_the_confidence_of_an_article():
    from translit.detect import detect_document
    from translit.document import Document

    text = (
        "The government resumed deportations of Russian citizens, lawyers said on Monday after the hearing.\n\n"
        "https://www.uscis.gov/humanitarian/refugees-and-asylum/asylum/obtaining-asylum-in-the-united-states\n"
    )
    found = detect_document(Document.from_text(text))
    assert found.overall.lang == "en" and found.overall.confidence > 0.9
    assert not found.mixed


# Two-word texts plain n-gram profiles get wrong (langdetect alone: Somali, Croatian, Somali): fastText's
# lid.176 and py3langid together get them right.
@pytest.mark.parametrize(("lang", "text"), [("es", "Buenos días"), ("en", "good morning"), ("it", "grazie mille"),
                                            ("de", "Vielen Dank"), ("fi", "Kiitos paljon")])
def test_word_pairs_are_detected(lang: str, text: str) -> None:
    found = detect_text(text)
    assert found.lang == lang and "fasttext" in found.method


@pytest.mark.parametrize(("lang", "text", "method"), [
    ("kk", "Ол студент", "alphabet+words"),  # no Kazakh letter: its word ол tells
    ("uk", "Дякую тобі", "alphabet+words"),
    ("ru", "Я не понимаю", "alphabet+fasttext+py3langid+wordfreq"),  # fits ru, uk, bg ...; no word of one language only
    ("be", "добры дзень", "alphabet+fasttext+py3langid"),  # no ў, no і: Russian letters only
    ("kk", "рахмет сізге", "alphabet+fasttext+py3langid"),  # і of Kazakh, Ukrainian and Belarusian
])
def test_cyrillic_word_pairs_are_detected(lang: str, text: str, method: str) -> None:
    found = detect_text(text)
    assert (found.lang, found.method) == (lang, method)


def test_the_fasttext_model_is_the_one_installed_and_read_once() -> None:
    from translit.detect import _fasttext_model

    model = _fasttext_model()
    assert model is not None and _fasttext_model() is model
    labels, _ = model.predict("это короткое предложение", k=1)
    assert labels[0] == "__label__ru"


def test_without_the_fasttext_model_py3langid_decides_alone(monkeypatch) -> None:
    from translit import detect

    monkeypatch.setattr(detect, "_fasttext_loaded", [None])
    found = detect_text("Vielen Dank für Ihre Hilfe")
    assert found.lang == "de" and found.method == "py3langid+wordfreq"
    assert detect_text("добры дзень").method == "alphabet+py3langid"


def test_without_fasttext_and_py3langid_langdetect_decides_alone(monkeypatch) -> None:
    from translit import detect

    monkeypatch.setattr(detect, "_fasttext_loaded", [None])
    monkeypatch.setattr(detect, "_py3langid", lambda: None)
    found = detect_text("The government resumed deportations of Russian citizens on Monday.")
    assert found.lang == "en" and found.method == "langdetect"
    assert detect_text("Vielen Dank").method == "langdetect"


def test_a_short_text_neither_model_is_sure_of_is_unknown_with_its_best_guess() -> None:
    found = detect_text("mar azul")  # "blue sea", written the same in Spanish and Portuguese
    assert found.lang == UNKNOWN and found.method == "low-confidence"
    assert found.alternatives[0][0] in {"es", "pt"} and found.confidence < 0.5


def test_word_frequencies_settle_two_words_the_n_gram_models_share_between_neighbours(monkeypatch) -> None:
    from translit import detect

    found = detect_text("Hola amigo")  # Spanish; to the n-gram models as much Galician or Portuguese
    assert found.lang == "es" and found.method == "fasttext+py3langid+wordfreq"
    assert detect_text("Добрий день").lang == "uk"  # и for ы: Ukrainian, not Russian
    monkeypatch.setattr(detect, "_word_frequencies", lambda: None)
    without = detect_text("Hola amigo")
    assert without.method in ("fasttext+py3langid", "low-confidence") and without.confidence < found.confidence


def test_a_nameable_language_ranked_first_answers_though_unnameable_neighbours_hold_more() -> None:
    found = detect_text("авиациясы дивизиясының")  # Kazakh; Kyrgyz, Tatar and Bashkir share much of it
    assert found.lang == "kk" and found.confidence >= 0.5
    assert detect_text("сәйкес еңбекке").lang == UNKNOWN  # Tatar ranked first: never passed off as Kazakh
    restricted = detect_text("Vielen Dank", languages={"en", "ru"})
    assert restricted.lang == UNKNOWN and restricted.alternatives[0][0] == "de"


def test_alternatives_share_what_the_calibrated_answer_leaves() -> None:
    for text in ("Hola amigo", "reposaba", "Vielen Dank", "добры дзень", "Суд отложил слушание."):
        found = detect_text(text)
        assert found.known and found.alternatives, text
        assert found.confidence + sum(prob for _, prob in found.alternatives) <= 1.0 + 1e-6, text
        probabilities = [prob for _, prob in found.alternatives]
        assert probabilities == sorted(probabilities, reverse=True) and probabilities[0] < found.confidence


def test_a_rare_single_word_is_told_by_wordfreqs_large_lists(monkeypatch) -> None:
    from translit import wordfreq_model

    rare = {"descarguen": "es", "aprofundadas": "pt"}  # in no small list: Spanish, Portuguese only
    found = {word: detect_text(word) for word in rare}
    assert {word: f.lang for word, f in found.items()} == rare
    assert all(f.method == "fasttext+py3langid+wordfreq" for f in found.values())
    monkeypatch.setattr(wordfreq_model, "_loaded", {})
    monkeypatch.setattr(wordfreq_model, "rare_model", lambda languages: None)
    assert all(detect_text(word).lang == UNKNOWN for word in rare)  # the n-gram models alone are unsure


def test_the_py3langid_tables_are_read_from_the_cache_after_the_first_run(tmp_path, monkeypatch) -> None:
    from translit import langid_model

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(langid_model, "_loaded", {})
    first = langid_model.model({"ru", "be", "uk", "en"})
    assert first is not None and first.languages == {"ru", "be", "uk", "en"}
    assert len(list(tmp_path.glob("py3langid-*.arrays"))) == 1

    def no_decompressing(*args):
        raise AssertionError("the model was decompressed again")

    monkeypatch.setattr(langid_model, "_loaded", {})
    monkeypatch.setattr(langid_model, "_read", no_decompressing)
    again = langid_model.model({"ru", "be", "uk", "en"})
    probabilities = again.probabilities("добры дзень", ["ru", "be", "uk"])
    assert probabilities == first.probabilities("добры дзень", ["ru", "be", "uk"])
    assert max(probabilities, key=probabilities.get) == "be" and abs(sum(probabilities.values()) - 1) < 1e-6
    assert again.probabilities("", ["ru"]) == {}  # no n-gram at all
    assert again.probabilities("добры дзень", ["xx"]) == {}


def test_a_short_cyrillic_text_is_not_passed_off_as_the_allowed_neighbour() -> None:
    # Belarusian without ў or і: with only Russian allowed, it is UNKNOWN, not Russian.
    assert detect_text("добры дзень", languages=["ru", "en"]).lang == UNKNOWN
    assert detect_text("добры дзень", languages=["be", "en"]).lang == "be"
    assert detect_text("бурная река", languages=["ru"]).lang == "ru"


# A cue word shared with a neighbour must not decide among alphabets whose own letters are missing:
# тут is Belarusian too, де Kazakh, ту Serbian, yet these are Russian.
@pytest.mark.parametrize("text", ["Мы тут", "Де Ниро сыграл", "На ту сторону"])
def test_a_shared_cue_word_does_not_pull_russian_to_a_neighbour(text: str) -> None:
    assert detect_text(text).lang == "ru"


def test_a_cue_word_of_a_language_not_allowed_gives_unknown() -> None:
    assert detect_text("Що це").lang == "uk"
    found = detect_text("Що це", languages=["ru", "en"])
    assert found.lang == UNKNOWN and found.alternatives[0][0] == "uk"


def test_the_models_see_the_repaired_text() -> None:
    # Latin p and e inside Cyrillic words, and ё written as е + combining diaeresis.
    assert detect_text("Пpивeт мир").lang == "ru"
    composed = detect_text("Её муж вернулся")
    decomposed = detect_text("Ее\u0308 муж вернулся")
    assert composed.lang == "ru" and decomposed == composed


def test_a_latin_language_translit_cannot_name_is_unknown_with_its_guess() -> None:
    found = detect_text("Takk fyrir")  # Icelandic
    assert found.lang == UNKNOWN and found.alternatives[0][0] == "is"


def test_a_lone_surrogate_does_not_break_detection() -> None:
    assert detect_text("good \ud800 morning to you all").lang == "en"
