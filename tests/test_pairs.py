"""Language pairs: the seam (translit.pairs), and English<->Ukrainian proved through it.

The Ukrainian guarantee tests mirror the Russian ones of test_enforcement.py: sentences generated
from every concept of the built-in en-uk glossary, translated by the random-weight test model (so
nearly every term must be forced), each term then present in an accepted form or flagged, never
pasted in, and no wrong rendering left.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from guarantee import check_guarantee, english_sentences, inflected_sentences

from translit.document import Document
from translit.glossary import load_builtin, load_glossary
from translit.pairs import pair_for, pairs, rules_for
from translit.pairs.morph import CASES, morphology
from translit.pipeline import Options, glossary_for, run

UKRAINIAN = morphology("uk")

# One sentence per case, each with a word that calls for that case in Ukrainian.
UK_TEMPLATES = {
    "nomn": "{Term} згадується в статті.",
    "gent": "Стаття не стосується {term}.",
    "datv": "Адвокат приділив увагу {term}.",
    "accs": "Журналісти обговорювали {term} цілий день.",
    "ablt": "Адвокат займається {term} вже рік.",
    "loct": "Про це йшлося в {term}.",
}


@pytest.fixture(scope="module")
def glossary():
    return load_builtin(pair=("en", "uk"))


# --- the seam ------------------------------------------------------------------------------------------------


def test_pairs_are_found_as_modules_and_cover_both_directions():
    assert {pair.code for pair in pairs()} >= {"en-ru", "en-uk"}
    assert pair_for("uk", "en") == pair_for("en", "uk")
    forward, backward = rules_for("en", "uk"), rules_for("uk", "en")
    assert forward is not None and backward is not None
    assert (forward.source.code, forward.target.code) == ("en", "uk")
    assert (backward.source.code, backward.target.code) == ("uk", "en")
    assert rules_for("ru", "uk") is None and rules_for("en", "de") is None and rules_for("en", "en") is None


def test_the_pipeline_picks_the_glossary_of_the_pair():
    assert glossary_for(Options(), "en", "uk").langs == ("en", "uk")
    assert glossary_for(Options(), "uk", "en").langs == ("en", "uk")
    assert glossary_for(Options(), "en", "ru").langs == ("en", "ru")
    assert glossary_for(Options(), "ru", "uk") is None
    assert glossary_for(Options(use_glossary=False), "en", "uk") is None


def test_a_user_glossary_of_another_pair_is_not_used(tmp_path):
    russian = tmp_path / "mine.en-ru.tsv"
    russian.write_text(
        "id\ten\tru\tnote_en\tnote_ru\tsource\ttier\n"
        "my-term\tsponsor letter\t[письмо] спонсора\tA letter.\tПисьмо.\tusage\t3\n",
        encoding="utf-8",
    )
    assert "my-term" not in {c.id for c in glossary_for(Options(glossary_paths=(str(russian),)), "en", "uk").concepts}
    assert "my-term" in {c.id for c in glossary_for(Options(glossary_paths=(str(russian),)), "en", "ru").concepts}


# --- Ukrainian inflection, against forms written out by hand ---------------------------------------------------

TABLE = {
    "[імміграційний суддя]": (
        ("імміграційний суддя", "імміграційного судді", "імміграційному судді", "імміграційного суддю",
         "імміграційним суддею", "імміграційному судді"),
        ("імміграційні судді", "імміграційних суддів", "імміграційним суддям", "імміграційних суддів",
         "імміграційними суддями", "імміграційних суддях"),
    ),
    "[співбесіда] щодо обґрунтованого страху": (
        ("співбесіда щодо обґрунтованого страху", "співбесіди щодо обґрунтованого страху",
         "співбесіді щодо обґрунтованого страху", "співбесіду щодо обґрунтованого страху",
         "співбесідою щодо обґрунтованого страху", "співбесіді щодо обґрунтованого страху"),
        ("співбесіди щодо обґрунтованого страху", "співбесід щодо обґрунтованого страху",
         "співбесідам щодо обґрунтованого страху", "співбесіди щодо обґрунтованого страху",
         "співбесідами щодо обґрунтованого страху", "співбесідах щодо обґрунтованого страху"),
    ),
    "[особа] без громадянства": (
        ("особа без громадянства", "особи без громадянства", "особі без громадянства", "особу без громадянства",
         "особою без громадянства", "особі без громадянства"),
        ("особи без громадянства", "осіб без громадянства", "особам без громадянства", "осіб без громадянства",
         "особами без громадянства", "особах без громадянства"),
    ),
    "[тимчасовий захищений статус]": (
        ("тимчасовий захищений статус", "тимчасового захищеного статусу", "тимчасовому захищеному статусові",
         "тимчасовий захищений статус", "тимчасовим захищеним статусом", "тимчасовому захищеному статусі"),
        ("тимчасові захищені статуси", "тимчасових захищених статусів", "тимчасовим захищеним статусам",
         "тимчасові захищені статуси", "тимчасовими захищеними статусами", "тимчасових захищених статусах"),
    ),
}


@pytest.mark.parametrize("rendering", sorted(TABLE))
def test_ukrainian_inflection_matches_the_hand_written_table(rendering):
    singular, plural = TABLE[rendering]
    assert tuple(UKRAINIAN.inflect_term(rendering, case, "sing") for case in CASES) == singular
    assert tuple(UKRAINIAN.inflect_term(rendering, case, "plur") for case in CASES) == plural


def test_ukrainian_numerals_and_prepositions_call_for_their_cases():
    # два судді (nominative plural), not the Russian два судьи (genitive singular)
    assert UKRAINIAN.quantity_form("два") == ("nomn", "plur")
    assert UKRAINIAN.quantity_form("3") == ("nomn", "plur")
    assert UKRAINIAN.quantity_form("п'ять") == ("gent", "plur")
    assert UKRAINIAN.quantity_form("21") == ("nomn", "sing")
    assert UKRAINIAN.case_after("з")[0] == "ablt"
    assert UKRAINIAN.case_after("щодо") == ("gent",)
    assert morphology("ru").quantity_form("два") == ("gent", "sing")


def test_apostrophes_are_one_letter_for_the_dictionary():
    assert UKRAINIAN.lemmas("інтерв’ю") == UKRAINIAN.lemmas("інтерв'ю") == UKRAINIAN.lemmas("інтервʼю")


def test_both_dictionaries_work_in_one_process_in_either_order():
    """pymorphy3 shares one tag class between its dictionaries; loading one must not break the other."""
    code = (
        "from translit.pairs.morph import morphology\n"
        "first, second = {order}\n"
        "a = morphology(first).inflect_term('{first}', 'ablt')\n"
        "b = morphology(second).inflect_term('{second}', 'ablt')\n"
        "from translit.names import NameBook\n"
        "book = NameBook.from_sentences(['Москва и Анна Петрова приехали.'], 'ru')\n"
        "print(a, '|', b, '|', len(book.people))\n"
    )
    russian = ("[иммиграционный судья]", "иммиграционным судьёй")
    ukrainian = ("[імміграційний суддя]", "імміграційним суддею")
    for order, (first, first_form), (second, second_form) in (
        (("ru", "uk"), russian, ukrainian), (("uk", "ru"), ukrainian, russian),
    ):
        expected = f"{first_form} | {second_form}"
        done = subprocess.run(
            [sys.executable, "-c", code.format(order=order, first=first, second=second)],
            capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(expected), done.stdout


# --- the en-uk glossary -------------------------------------------------------------------------------------------


def test_the_ukrainian_glossary_covers_the_core_concepts_with_sources(glossary):
    assert len(glossary.concepts) >= 80
    ids = {c.id for c in glossary.concepts}
    assert {"asylum", "refugee", "credible-fear-interview", "immigration-judge"} <= ids
    assert sum(c.tier <= 2 for c in glossary.concepts) >= 50
    for concept in glossary.concepts:
        assert concept.note("uk") and concept.note("en") and concept.source, concept.id
        assert "’" not in concept.rendering("uk"), concept.id  # the dictionary's apostrophe is '


def test_ukrainian_terms_are_found_in_every_case_and_with_either_apostrophe(glossary):
    concept = glossary.concept("credible-fear-interview")
    rendering = concept.rendering("uk")
    for case in CASES:
        for number in ("sing", "plur"):
            form = UKRAINIAN.inflect_term(rendering, case, number)
            hits = glossary.find(f"Адвокат говорив про {form} учора.", "uk")
            assert [h.concept_id for h in hits] == ["credible-fear-interview"], form
    typographic = [c for c in glossary.concepts if "'" in c.approved("uk")]
    for concept in typographic[:5]:
        text = "Він згадав " + concept.approved("uk").replace("'", "’") + " у листі."
        assert concept.id in {h.concept_id for h in glossary.find(text, "uk")}, text


def test_a_russian_text_finds_nothing_in_the_ukrainian_glossary(glossary):
    assert glossary.find("Иммиграционный судья отклонил просьбу об убежище.", "ru") == ()


def ukrainian_sentences(glossary) -> list[str]:
    return inflected_sentences(glossary, "uk", UK_TEMPLATES)


def test_every_english_term_is_enforced_in_ukrainian(glossary, translator):
    sentences = english_sentences(glossary)
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="en", target_lang="uk", summary_sentences=None), translator)
    found = sum(len(p.terms) for p in result.pairs)
    assert found >= len(sentences) * 0.95
    statuses = [u.status for p in result.pairs for u in p.terms]
    assert statuses.count("suggestion") == 0
    assert check_guarantee(result, glossary, "uk") == found
    assert statuses.count("forced") > 4 * statuses.count("flagged")
    assert result.glossary_version.startswith("immigration.en-uk")


def test_every_ukrainian_term_is_enforced_in_english(glossary, translator):
    sentences = ukrainian_sentences(glossary)
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="uk", target_lang="en", summary_sentences=None), translator)
    found = sum(len(p.terms) for p in result.pairs)
    assert found >= len(sentences) * 0.95
    assert check_guarantee(result, glossary, "en") == found
    statuses = [u.status for p in result.pairs for u in p.terms]
    assert statuses.count("forced") > 4 * statuses.count("flagged")


def test_forced_ukrainian_terms_keep_the_source_number(translator):
    document = Document.from_text(
        "The immigration judges heard the cases.\nThe immigration judge heard the case.\n"
    )
    result = run(document, Options(source_lang="en", target_lang="uk", summary_sentences=None), translator)
    plural, singular = (p.terms[0] for p in result.pairs)
    if plural.status == "forced":
        assert plural.target_text in {UKRAINIAN.inflect_term("[імміграційний суддя]", c, "plur") for c in CASES}
    if singular.status == "forced":
        assert singular.target_text in {UKRAINIAN.inflect_term("[імміграційний суддя]", c, "sing") for c in CASES}
    assert {plural.status, singular.status} <= {"forced", "present", "flagged"}
    assert "forced" in {plural.status, singular.status}


def test_a_human_ukrainian_translation_comes_out_unchanged(glossary, translator):
    """Do no harm, in Ukrainian: a correct human translation given as the model's is not changed."""
    from translit.mt.given import GivenTranslation

    source = Document.from_text(
        "The immigration judge postponed the credible fear interview.\n"
        "Her asylum application is still pending.\n"
    )
    judge = glossary.concept("immigration-judge").rendering("uk")
    interview = glossary.concept("credible-fear-interview").rendering("uk")
    asylum = glossary.concept("asylum").rendering("uk")
    human = (
        f"{UKRAINIAN.inflect_term(judge, 'nomn').capitalize()} переніс "
        f"{UKRAINIAN.inflect_term(interview, 'accs')}.\n"
        f"Її заява про {UKRAINIAN.inflect_term(asylum, 'accs')} досі розглядається.\n"
    )
    given = GivenTranslation(source, Document.from_text(human), "uk")
    result = run(source, Options(source_lang="en", target_lang="uk", summary_sentences=None), given)
    assert [p.target for p in result.pairs] == human.strip().split("\n")
    statuses = {u.hit.concept_id: u.status for p in result.pairs for u in p.terms}
    assert statuses.get("immigration-judge") == "present" and statuses.get("credible-fear-interview") == "present"


def test_a_user_ukrainian_glossary_overrides_the_built_in_one(tmp_path, glossary):
    mine = tmp_path / "mine.en-uk.tsv"
    mine.write_text(
        "id\ten\tuk\tnote_en\tnote_uk\tsource\ttier\n"
        "immigration-judge\timmigration judge\t[суддя] з імміграційних справ\tA judge.\tСуддя.\tusage\t3\n",
        encoding="utf-8",
    )
    assert load_glossary(mine).langs == ("en", "uk")
    merged = glossary_for(Options(glossary_paths=(str(mine),)), "en", "uk")
    assert merged.concept("immigration-judge").approved("uk") == "суддя з імміграційних справ"


@pytest.mark.parametrize("text", [
    "Польща надала притулок біженцям з Харкова.",
    "Росія депортувала українських дітей з окупованих територій.",
    "Поліс Зелена карта потрібен для виїзду авто за кордон.",
    "Суд призначив слухання щодо застави для підозрюваного.",
    "Закінчився строк дії пароля до вашого акаунта.",
    "Йому повідомили про підозру в особливо тяжкому злочині.",
    "Біженці знайшли притулок у родичів.",
])
def test_everyday_ukrainian_senses_enforce_nothing(glossary, text):
    """Do no harm in Ukrainian: shelter, a password, bail, a car-insurance green card, Ukraine's own
    criminal law and the deportation of children are not US immigration terms."""
    assert not [hit for row in glossary.find_in_document([text], "uk") for hit in row if hit.enforced]
