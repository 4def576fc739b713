"""Glossary files: loading, validation, matching in English and Russian, checking, saving, merging."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from translit.errors import GlossaryError
from translit.glossary import (
    BASE_COLUMNS,
    Glossary,
    builtin_dir,
    check_glossary,
    load_builtin,
    load_glossary,
    merge,
    save_user_glossary,
    wrong_renderings,
)
from translit.pairs.morph import morphology, split_rendering

all_forms = morphology("ru").all_forms

HEADER = "\t".join(BASE_COLUMNS)

# id, en, ru, ru_variants, ru_wrong, en_wrong, note_en, note_ru, source, tier
ROWS = [
    ("credible-fear-interview", "credible fear interview | CFI",
     "[собеседование] на предмет обоснованного страха",
     "интервью на страх | [интервью] о достоверном страхе", "[интервью] на предмет правдоподобного страха",
     "believable fear interview", "An asylum officer checks whether the fear is real.",
     "Сотрудник проверяет, обоснован ли страх.", "8 CFR 208.30", "1"),
    ("immigration-judge", "immigration judge | IJ", "[иммиграционный судья]", "", "[миграционный судья]", "",
     "A judge who hears immigration cases.", "Судья по иммиграционным делам.", "EOIR", "1"),
    ("judge", "judge", "[судья]", "", "", "", "A judge.", "Судья.", "usage", "3"),
    ("green-card", "green card | permanent resident card", "[грин-карта]", "[карта] постоянного жителя",
     "", "",
     "The card that proves permanent residence.", "Карта постоянного жителя.", "USCIS", "2"),
    ("ice", "ICE | Immigration and Customs Enforcement", "ICE", "[Иммиграционная и таможенная полиция]",
     "", "",
     "The enforcement agency.", "Ведомство, которое задерживает.", "DHS", "1"),
    ("work-permit", "employment authorization document | work permit | EAD", "[разрешение] на работу", "",
     "[рабочая виза]", "work visa", "Permission to work.", "Разрешение работать.", "USCIS", "1"),
    ("agency", "agency", "[ведомство]", "", "", "", "An agency.", "Ведомство.", "usage", "3"),
    ("final-order", "final order", "[окончательное решение]", "", "", "", "No more appeals.",
     "Обжаловать нельзя.", "INA", "1"),
    ("removal-order", "order of removal", "[приказ] о высылке", "", "", "", "An order to leave.",
     "Приказ покинуть страну.", "INA", "1"),
    ("form-i-589", "Form I-589 | I-589", "[форма] I-589", "", "", "", "The asylum application.",
     "Заявление об убежище.", "USCIS", "1"),
    ("us-citizen", "U.S. citizen", "[гражданин] США", "[американский гражданин]", "", "", "A citizen.",
     "Гражданин.", "INA", "1"),
]


def write_tsv(
    path: Path, rows: list[tuple[str, ...]] | list[str], header: str = HEADER, extra: str = ""
) -> Path:
    lines = [extra] if extra else []
    lines.append(header)
    lines += [row if isinstance(row, str) else "\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    return load_glossary(write_tsv(tmp_path / "immigration.en-ru.tsv", ROWS, extra="# version: 2024.1"))


def found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str]]:
    return [(hit.source_text, hit.concept_id) for hit in glossary.find(text, lang)]


# --- loading -------------------------------------------------------------------------------------


def test_load_reads_concepts_and_version(glossary: Glossary) -> None:
    assert glossary.name == "immigration.en-ru"
    assert glossary.version == "2024.1"
    concept = glossary.concept("credible-fear-interview")
    assert concept.terms["en"] == ("credible fear interview", "CFI")
    assert concept.rendering("ru") == "[собеседование] на предмет обоснованного страха"
    assert split_rendering(concept.rendering("ru")) == (
        ("собеседование", True), (" на предмет обоснованного страха", False))
    assert concept.terms["ru"][1:] == ("интервью на страх", "[интервью] о достоверном страхе")
    assert concept.tier == 1
    with pytest.raises(KeyError):
        glossary.concept("no-such-concept")


def test_version_without_comment_is_a_content_hash(tmp_path: Path) -> None:
    first = load_glossary(write_tsv(tmp_path / "a.tsv", ROWS[:2]))
    same = load_glossary(write_tsv(tmp_path / "b.tsv", ROWS[:2]))
    other = load_glossary(write_tsv(tmp_path / "c.tsv", ROWS[:3]))
    assert first.version.startswith("sha256:")
    assert first.version == same.version != other.version


def test_excel_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.tsv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join([HEADER, "\t".join(ROWS[0])]) + "\n").encode())
    assert len(load_glossary(path).concepts) == 1


# --- English matching ----------------------------------------------------------------------------


def test_english_plurals_possessives_and_hyphens(glossary: Glossary) -> None:
    text = "Two immigration judges' rulings on credible-fear interviews; the immigration judge's view."
    assert found(glossary, text, "en") == [
        ("immigration judges", "immigration-judge"),
        ("credible-fear interviews", "credible-fear-interview"),
        ("immigration judge's", "immigration-judge"),
    ]
    assert found(glossary, "Several agencies and the agency's chief.", "en") == [
        ("agencies", "agency"), ("agency's", "agency"),
    ]


def test_english_is_case_insensitive_but_capital_abbreviations_are_not(glossary: Glossary) -> None:
    assert found(glossary, "The Immigration Judge met ICE.", "en") == [
        ("Immigration Judge", "immigration-judge"), ("ICE", "ice"),
    ]
    assert found(glossary, "Put ice in the drink; Ice storms.", "en") == []
    assert found(glossary, "Three CFIs and one cfi.", "en") == [("CFIs", "credible-fear-interview")]


def test_punctuation_inside_a_term_must_match(glossary: Glossary) -> None:
    assert found(glossary, "She is a U.S. citizen and filed Form I-589.", "en") == [
        ("U.S. citizen", "us-citizen"), ("Form I-589", "form-i-589"),
    ]
    assert found(glossary, "The immigration, judge said.", "en") == [("judge", "judge")]


def test_never_inside_another_word(glossary: Glossary) -> None:
    assert found(glossary, "A prejudged judgement by a non-judge.", "en") == []
    assert found(glossary, "The ICEBERG and the agencyship.", "en") == []


def test_longest_term_wins(glossary: Glossary) -> None:
    assert found(glossary, "The judge and the immigration judge.", "en") == [
        ("judge", "judge"), ("immigration judge", "immigration-judge"),
    ]
    # "final order" starts first, but "order of removal" is longer.
    assert found(glossary, "He got a final order of removal.", "en") == [
        ("order of removal", "removal-order"),
    ]


def test_hit_records_span_target_and_notes(glossary: Glossary) -> None:
    text = "After the CFI, she waited."
    (hit,) = glossary.find(text, "en")
    assert (hit.start, hit.end) == (10, 13)
    assert text[hit.start : hit.end] == hit.source_text == "CFI"
    assert hit.target_term == "собеседование на предмет обоснованного страха"
    assert hit.note("en").startswith("An asylum officer")
    assert hit.note("ru").startswith("Сотрудник")


def test_wrong_renderings_are_not_source_terms(glossary: Glossary) -> None:
    assert found(glossary, "They held a believable fear interview.", "en") == []
    assert found(glossary, "Миграционный судья и рабочая виза.", "ru") == [("судья", "judge")]


def test_languages_outside_the_pair_find_nothing(glossary: Glossary) -> None:
    assert glossary.find("immigration judge", "uk") == ()


# --- Russian matching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rendering",
    ["[иммиграционный судья]", "[собеседование] на предмет обоснованного страха", "[разрешение] на работу",
     "[грин-карта]"],
)
def test_every_russian_form_is_found(glossary: Glossary, rendering: str) -> None:
    concept = next(c for c in glossary.concepts if c.rendering("ru") == rendering)
    for form in set(all_forms(rendering).values()):
        text = f"Вчера {form} упоминали."
        assert found(glossary, text, "ru") == [(form, concept.id)], form


def test_russian_hits_translate_to_the_approved_english_term(glossary: Glossary) -> None:
    text = "Иммиграционным судьёй проведено собеседование на предмет обоснованного страха."
    hits = glossary.find(text, "ru")
    assert [(h.source_text, h.target_term) for h in hits] == [
        ("Иммиграционным судьёй", "immigration judge"),
        ("собеседование на предмет обоснованного страха", "credible fear interview"),
    ]


def test_russian_variants_map_to_the_concept(glossary: Glossary) -> None:
    assert found(glossary, "После интервью на страх и интервью о достоверном страхе.", "ru") == [
        ("интервью на страх", "credible-fear-interview"),
        ("интервью о достоверном страхе", "credible-fear-interview"),
    ]
    assert found(glossary, "Он стал американским гражданином.", "ru") == [
        ("американским гражданином", "us-citizen"),
    ]
    assert found(glossary, "Сотрудники иммиграционной и таможенной полиции.", "ru") == [
        ("иммиграционной и таможенной полиции", "ice"),
    ]


def test_russian_longest_wins_and_whole_words(glossary: Glossary) -> None:
    assert found(glossary, "Судьи и иммиграционные судьи.", "ru") == [
        ("Судьи", "judge"), ("иммиграционные судьи", "immigration-judge"),
    ]
    assert found(glossary, "Судьбоносное решение, гражданину США, форму I-589.", "ru") == [
        ("гражданину США", "us-citizen"), ("форму I-589", "form-i-589"),
    ]


def test_russian_yo_spelling_does_not_matter(glossary: Glossary) -> None:
    assert found(glossary, "с иммиграционным судьей", "ru") == [
        ("иммиграционным судьей", "immigration-judge"),
    ]


# --- checking translations ----------------------------------------------------------------------


def test_violations_find_inflected_wrong_renderings(glossary: Glossary) -> None:
    hits = glossary.find("The immigration judge held a credible fear interview.", "en")
    translation = "Миграционным судьёй проведено интервью на предмет правдоподобного страха."
    found_wrong = glossary.violations(translation, hits, "ru")
    assert [(v.concept_id, v.found) for v in found_wrong] == [
        ("immigration-judge", "Миграционным судьёй"),
        ("credible-fear-interview", "интервью на предмет правдоподобного страха"),
    ]
    assert found_wrong[0].approved == "иммиграционный судья"
    assert translation[found_wrong[0].start : found_wrong[0].end] == "Миграционным судьёй"


def test_violations_only_for_concepts_in_the_source(glossary: Glossary) -> None:
    hits = glossary.find("The immigration judge ruled.", "en")
    assert glossary.violations("Получена рабочая виза.", hits, "ru") == ()
    everything = glossary.violations("Получена рабочая виза.", None, "ru")
    assert [v.concept_id for v in everything] == ["work-permit"]
    en_hits = glossary.find("Ей выдали разрешение на работу.", "ru")
    assert [v.found for v in glossary.violations("She got a work visa.", en_hits, "en")] == ["work visa"]


def test_wrong_renderings_and_target_forms(glossary: Glossary) -> None:
    concept = glossary.concept("work-permit")
    assert wrong_renderings(concept, "ru") == ("рабочая виза",)
    assert wrong_renderings(concept, "en") == ("work visa",)
    forms = glossary.target_forms("work-permit", "ru")
    assert forms[0] == "разрешение на работу"
    assert "разрешений на работу" in forms and len(forms) == len(set(forms))
    assert glossary.target_forms("ice", "ru") == ("ICE",)
    assert glossary.target_forms("agency", "en") == ("agency", "agencies")


def test_terms_in_article_counts_in_order_of_appearance(glossary: Glossary) -> None:
    hits = [h for s in ("ICE detained him.", "The IJ and ICE.", "Another immigration judge.")
            for h in glossary.find(s, "en")]
    assert [(c.id, n) for c, n in glossary.terms_in_article(hits)] == [("ice", 2), ("immigration-judge", 2)]


def test_matching_a_long_article_is_fast(glossary: Glossary) -> None:
    english = [f"Sentence {i}: the immigration judge held {i} credible-fear interviews with ICE agents "
               f"and asked about work permits and Form I-589 filings." for i in range(1000)]
    russian = [f"Предложение {i}: иммиграционный судья провёл {i} собеседований на предмет обоснованного "
               f"страха, выдал разрешения на работу и грин-карты." for i in range(1000)]
    glossary.find("warm up", "en")
    glossary.find("разогрев", "ru")
    start = time.perf_counter()
    en_hits = sum(len(glossary.find(s, "en")) for s in english)
    ru_hits = sum(len(glossary.find(s, "ru")) for s in russian)
    elapsed = time.perf_counter() - start
    assert en_hits == 5000 and ru_hits == 4000
    assert elapsed < 1.5


# --- validation -----------------------------------------------------------------------------------


def bad_row(**changes: str) -> str:
    row = dict(zip(BASE_COLUMNS, ROWS[2], strict=True))
    row.update(changes)
    return "\t".join(row[c] for c in BASE_COLUMNS)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("judge\tjudge\t[судья]", "has 3 columns but the header has 10"),
        (bad_row(note_ru=""), "missing required field 'note_ru'"),
        (bad_row(id="Judge_1"), "bad id 'Judge_1'"),
        (bad_row(tier="4"), "bad tier '4'"),
        (bad_row(ru="[судья"), "unbalanced brackets in ru"),
        (bad_row(ru_variants="судья] арбитр"), "unbalanced brackets in ru_variants"),
        (bad_row(en="judge | | magistrate"), "empty term in column 'en'"),
        (bad_row(ru_wrong="[судья]"), "listed both as a rendering and in ru_wrong"),
    ],
)
def test_malformed_row_names_file_line_and_reason(tmp_path: Path, row: str, reason: str) -> None:
    path = write_tsv(tmp_path / "bad.tsv", ["\t".join(ROWS[0]), "", row], extra="# a comment")
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    message = str(error.value)
    assert f"{path}, line 5: " in message
    assert reason in message
    assert any(reason in problem and "line 5" in problem for problem in check_glossary(path))


def test_duplicate_id_and_shared_term(tmp_path: Path) -> None:
    twin = bad_row(en="magistrate", ru="[магистрат]")
    thief = bad_row(id="other-judge", en="Judge", ru="[мировой судья]")
    ru_thief = bad_row(id="third", en="justice", ru="[Судья]")
    path = write_tsv(tmp_path / "dup.tsv", ["\t".join(ROWS[2]), twin, thief, ru_thief])
    problems = check_glossary(path)
    assert problems == [
        f"{path}, line 3: duplicate id 'judge' (first used on line 2)",
        f"{path}, line 4: term 'Judge' is also claimed by concept 'judge' on line 2",
        f"{path}, line 5: term '[Судья]' is also claimed by concept 'judge' on line 2",
    ]


def test_header_problems(tmp_path: Path) -> None:
    header = HEADER.replace("note_en", "note_eng")
    problems = check_glossary(write_tsv(tmp_path / "h.tsv", [bad_row()], header=header))
    assert any("line 1: unknown column 'note_eng'" in p for p in problems)
    assert any("line 1: required column 'note_en' missing" in p for p in problems)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(tmp_path / "nope.tsv")
    path = tmp_path / "latin1.tsv"
    path.write_bytes((HEADER + "\n").encode() + "judge\tjudge\t[судья]\n".encode("cp1251"))
    with pytest.raises(GlossaryError, match="line 2: not UTF-8"):
        load_glossary(path)
    assert len(check_glossary(path)) == 1


def test_valid_file_has_no_problems(tmp_path: Path) -> None:
    assert check_glossary(write_tsv(tmp_path / "ok.tsv", ROWS)) == []


# --- saving and merging --------------------------------------------------------------------------


def test_save_round_trips(glossary: Glossary, tmp_path: Path) -> None:
    path = save_user_glossary(glossary, tmp_path / "user" / "mine.en-ru.tsv")
    again = load_glossary(path)
    assert again.concepts == glossary.concepts
    rows = [{"id": "parole", "en": "parole", "ru": "[пароль]", "note_en": "Entry permission.",
             "note_ru": "Разрешение на въезд.", "source": "INA 212(d)(5)", "tier": "1"}]
    save_user_glossary(rows, path)
    assert [c.id for c in load_glossary(path).concepts] == ["parole"]


def test_failed_save_leaves_the_old_file_byte_identical(glossary: Glossary, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    path = save_user_glossary(glossary, folder / "mine.tsv")
    before = path.read_bytes()
    # A lone surrogate cannot be encoded, so the write fails half-way through the temporary file.
    broken = [dict(c.to_row()) for c in glossary.concepts]
    broken[-1]["note_en"] = "bad \ud800 text"
    with pytest.raises(GlossaryError, match="previous file is unchanged"):
        save_user_glossary(broken, path)
    assert path.read_bytes() == before
    assert os.listdir(folder) == ["mine.tsv"]


def test_invalid_entries_are_refused_before_writing(glossary: Glossary, tmp_path: Path) -> None:
    path = save_user_glossary(glossary, tmp_path / "mine.tsv")
    before = path.read_bytes()
    rows = [c.to_row() for c in glossary.concepts] + [glossary.concepts[0].to_row()]
    with pytest.raises(GlossaryError, match="duplicate id"):
        save_user_glossary(rows, path)
    rows = [dict(glossary.concepts[0].to_row(), note_en="two\nlines")]
    with pytest.raises(GlossaryError, match="line break"):
        save_user_glossary(rows, path)
    assert path.read_bytes() == before


def test_save_onto_a_folder_fails_cleanly(glossary: Glossary, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "taken").mkdir(parents=True)
    with pytest.raises(GlossaryError, match="Could not save"):
        save_user_glossary(glossary, folder / "taken")
    assert os.listdir(folder) == ["taken"]


def test_user_entries_override_by_id_and_by_term(glossary: Glossary, tmp_path: Path) -> None:
    user_rows = [
        ("judge", "judge", "[служитель] Фемиды", "", "", "", "Mine.", "Моё.", "me", "3"),
        ("my-work-permit", "work permit", "[разрешение] на трудоустройство", "", "", "", "Mine.", "Моё.",
         "me", "3"),
        ("my-card", "green card", "[зелёная карта]", "", "", "", "Mine.", "Моё.", "me", "3"),
    ]
    user = load_glossary(write_tsv(tmp_path / "user.tsv", user_rows))
    merged = merge(glossary, user)
    assert merged.concept("judge").rendering("ru") == "[служитель] Фемиды"
    assert merged.find("the work permit", "en")[0].concept_id == "my-work-permit"
    # The built-in concept keeps its other terms; only the claimed variant moved.
    assert merged.concept("work-permit").terms["en"] == ("employment authorization document", "EAD")
    assert merged.find("an EAD", "en")[0].target_term == "разрешение на работу"
    # Claiming the approved term replaces the built-in concept altogether.
    with pytest.raises(KeyError):
        merged.concept("green-card")
    assert merged.find("a green card", "en")[0].target_term == "зелёная карта"
    assert merged.version == f"{glossary.version}+{user.version}"
    assert merged.paths == glossary.paths + user.paths
    assert glossary.concept("judge").rendering("ru") == "[судья]"


def test_unknown_builtin_glossary(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="No built-in glossary 'astronomy'"):
        load_builtin("astronomy")


@pytest.mark.skipif(
    not (builtin_dir() / "immigration.en-ru.tsv").exists(), reason="the built-in glossary is not written yet"
)
def test_builtin_glossary_is_valid() -> None:
    assert check_glossary(builtin_dir() / "immigration.en-ru.tsv") == []
    builtin = load_builtin()
    assert builtin.concepts
    assert load_builtin(pair=("ru", "en")).concepts == builtin.concepts


def test_every_shipped_file_passes_glossary_check_and_a_broken_places_file_fails(tmp_path) -> None:
    from translit.glossary import shipped_files

    files = shipped_files()
    assert {f.name for f in files} >= {"immigration.en-ru.tsv", "places.en-ru.tsv"}
    assert all(check_glossary(f) == [] for f in files)
    broken = tmp_path / "places.en-ru.tsv"
    broken.write_text("id\ten\tru\tkind\tsource\ntexas\tTexas\t[Техас\tstate\tusage\nx\tX\tИкс\tplanet\t\n",
                      encoding="utf-8")
    problems = check_glossary(broken)
    assert any("line 2" in p and "unbalanced brackets" in p for p in problems)
    assert any("line 3" in p and "unknown kind 'planet'" in p for p in problems)
    assert any("line 3" in p and "missing required field 'source'" in p for p in problems)


def test_glossary_check_refuses_a_single_ordinary_word_without_context(tmp_path) -> None:
    row = ("bond", "bond", "[иммиграционный залог]", "[залог]", "", "", "Money.", "Деньги.", "usage", "3")
    path = write_tsv(tmp_path / "g.tsv", [row])
    assert any("'[залог]' in ru_variants is a single ordinary word" in p for p in check_glossary(path))
    load_glossary(path)  # loading accepts it: the concept is then treated as ambiguous


def test_a_number_is_matched_with_its_hyphen_and_capital_only(glossary: Glossary) -> None:
    builtin = load_builtin()
    for text in ("Write your A-Number on the form.", "Her A-number is on the notice."):
        assert [h.concept_id for h in builtin.find(text, "en")] == ["a-number"], text
    for text in ("A number of people came.", "a number of them", "a-number of them"):
        assert [h.concept_id for h in builtin.find(text, "en")] == [], text


def test_compiled_matchers_are_kept_on_disk_and_a_damaged_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    from translit import glossary as glossary_module

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    terms = [(0, "собеседование на предмет обоснованного страха"), (1, "иммиграционный судья")]
    built = glossary_module._Matcher.stored("ru", terms)
    files = list(tmp_path.glob("matcher-*.pickle"))
    assert len(files) == 1
    again = glossary_module._Matcher.stored("ru", terms)
    assert again == built and again is not built  # read back from the file
    text = "Он рассказал иммиграционному судье о собеседовании на предмет обоснованного страха."
    assert again.find(text) == built.find(text) and len(built.find(text)) == 2
    files[0].write_bytes(b"not a pickle")
    assert glossary_module._Matcher.stored("ru", terms).find(text) == built.find(text)
    other = glossary_module._Matcher.stored("ru", terms[:1])  # other terms: another file
    assert len(list(tmp_path.glob("matcher-*.pickle"))) == 2 and len(other.find(text)) == 1
