"""Glossary enforcement on the random-weight test model: the guarantee, in both directions.

A random model never produces a legal term by itself, so nearly every term here has to be forced:
this is the hardest case for the mechanism. The sentences are generated from the built-in
glossary itself, so every concept is exercised.
"""

from __future__ import annotations

import pytest
from guarantee import check_guarantee, english_sentences, inflected_sentences

from translit.document import Document
from translit.glossary import load_builtin
from translit.mt.enforce import placement, source_token_range
from translit.pairs.morph import morphology
from translit.pipeline import Options, run

inflect_term = morphology("ru").inflect_term

RU_TEMPLATES = {
    "nomn": "{Term} упоминается в статье.",
    "gent": "Статья не касается {term}.",
    "datv": "Он долго готовился к {term}.",
    "accs": "Журналисты обсуждали {term} весь день.",
    "ablt": "Адвокат занимается {term} уже год.",
    "loct": "Речь шла о {term} на встрече.",
}


@pytest.fixture(scope="module")
def glossary():
    return load_builtin()


def russian_sentences(glossary) -> list[str]:
    return inflected_sentences(glossary, "ru", RU_TEMPLATES)


def test_glossary_is_large_enough(glossary):
    assert len(glossary.concepts) >= 150


def test_every_english_term_is_enforced_in_russian(glossary, translator):
    sentences = english_sentences(glossary)
    assert len(sentences) >= 200
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="en", target_lang="ru", summary_sentences=None), translator)
    found = sum(len(p.terms) for p in result.pairs)
    assert found >= len(sentences) * 0.95
    statuses = [u.status for p in result.pairs for u in p.terms]
    # One concept per sentence, all of them in one article: the topic is immigration, so every
    # ambiguous term is enforced too.
    assert statuses.count("suggestion") == 0
    assert check_guarantee(result, glossary, "ru") == found
    assert statuses.count("forced") > 4 * statuses.count("flagged")


def test_every_russian_term_is_enforced_in_english(glossary, translator):
    sentences = russian_sentences(glossary)
    document = Document.from_text("\n".join(sentences))
    result = run(document, Options(source_lang="ru", target_lang="en", summary_sentences=None), translator)
    found = sum(len(p.terms) for p in result.pairs)
    assert found >= len(sentences) * 0.95
    assert check_guarantee(result, glossary, "en") == found
    statuses = [u.status for p in result.pairs for u in p.terms]
    assert statuses.count("forced") > 4 * statuses.count("flagged")


def test_community_calque_translates_back_to_the_approved_term(glossary, translator):
    document = Document.from_text("Мой брат не прошёл интервью на страх в Техасе.\n")
    result = run(document, Options(source_lang="ru", target_lang="en", summary_sentences=None), translator)
    assert [u.hit.concept_id for u in result.pairs[0].terms] == ["credible-fear-interview"]
    assert "credible fear interview" in result.pairs[0].target.lower()


def test_without_glossary_nothing_is_enforced(translator):
    document = Document.from_text("Two men failed their credible fear interviews.\n")
    options = Options(source_lang="en", target_lang="ru", summary_sentences=None, use_glossary=False)
    result = run(document, options, translator)
    assert result.pairs[0].terms == () and result.glossary_version == ""


def test_terms_are_found_before_translation(glossary):
    document = Document.from_text("Two men failed their credible fear interviews.\n")
    result = run(document, Options(source_lang="en", target_lang=None, summary_sentences=None))
    assert [(u.hit.source_text, u.status) for u in result.pairs[0].terms] == [
        ("credible fear interviews", "found")
    ]


def test_source_token_range_covers_the_term():
    tokens = ["\u2581Two", "\u2581men", "\u2581fail", "ed", "\u2581cred", "ible", "\u2581fear"]
    text = "Two men failed credible fear"
    start = text.index("credible")
    assert source_token_range(tokens, start, len(text)) == (4, 7)
    assert source_token_range(tokens, 0, 3) == (0, 1)


def test_placement_follows_attention_to_a_word_start():
    target = ["\u2581a", "\u2581b", "c", "\u2581d"]
    attention = [[1, 0], [0, 0.2], [0, 0.9], [0.5, 0]]
    assert placement(target, attention, (1, 2)) == 1
    assert placement(target, None, (0, 1)) == len(target)


def test_forced_terms_keep_the_source_number(translator):
    document = Document.from_text(
        "The immigration judges heard the cases.\nThe immigration judge heard the case.\n"
        "Иммиграционные судьи рассмотрели дела.\n"
    )
    english = run(document, Options(source_lang="en", target_lang="ru", summary_sentences=None), translator)
    plural, singular = (p.terms[0].target_text for p in english.pairs[:2])
    assert plural in {inflect_term("[иммиграционный судья]", c, "plur") for c in RU_TEMPLATES}
    assert singular in {inflect_term("[иммиграционный судья]", c, "sing") for c in RU_TEMPLATES}
    russian = Document.from_text("Иммиграционные судьи рассмотрели дела.\n")
    result = run(russian, Options(source_lang="ru", target_lang="en", summary_sentences=None), translator)
    assert result.pairs[0].terms[0].target_text.lower() == "immigration judges"


def test_a_term_that_cannot_be_forced_is_flagged_and_the_text_left_alone():
    from translit.document import TermHit
    from translit.mt.base import TermConstraint, TranslatedSentence
    from translit.mt.enforce import FLAG_PIVOT, enforce

    judge = TermConstraint(TermHit("immigration-judge", 10, 27, "immigration judge", "иммиграционный судья"),
                           ("иммиграционном судье", "иммиграционный судья"))
    url = TermConstraint(TermHit("protected-url", 40, 60, "https://uscis.gov/x", "https://uscis.gov/x"),
                         ("https://uscis.gov/x",))
    source = "A federal immigration judge ruled on https://uscis.gov/x yesterday."
    model_text = "в иммиграционном судье суд"

    def no_repair(text, constraints):
        return text, frozenset()

    out = enforce([source], [TranslatedSentence(model_text)], [(judge, url)], None, no_repair)[0]
    assert out.text == model_text
    assert [u.status for u in out.terms] == ["present", "flagged"]
    assert out.terms[1].flag == FLAG_PIVOT and "through English" in out.terms[1].reason
    assert out.terms[1].target_text == ""


def test_many_documents_translated_together_give_what_each_gives_alone(translator):
    """run_many sends the sentences of every document of a language in one call: same results."""
    from translit.errors import TranslitError
    from translit.pipeline import run_many

    texts = [
        "Two men failed their credible fear interviews.\nThe immigration judge postponed the hearing.\n",
        "Иммиграционный судья отложил слушание.\n",
        "The asylum office in Houston closed early.\n",
        "Это уже на русском.\n",
    ]
    documents = [Document.from_text(text) for text in texts]
    options = Options(target_lang="ru", summary_sentences=None)
    together = run_many(documents, options, translator)
    for document, result in zip(documents, together):
        try:
            alone = run(document, options, translator)
        except TranslitError as error:
            assert isinstance(result, TranslitError) and str(result) == str(error)
            continue
        assert not isinstance(result, TranslitError)
        assert [p.target for p in result.pairs] == [p.target for p in alone.pairs]
        assert [[u.status for u in p.terms] for p in result.pairs] == [[u.status for u in p.terms] for p in alone.pairs]
    assert isinstance(together[1], TranslitError) and isinstance(together[3], TranslitError)  # already Russian


class _CountingDecoder:
    """A Decoder over whitespace tokens that continues any prefix with "▁x" up to max_decoding_length,
    puts all attention on the first source token, and counts its calls."""

    target_prefix = ""

    def __init__(self) -> None:
        self.decodes: list[list[list[str]]] = []
        self.scored = 0

    def encode(self, sentences):
        return [["\u2581" + word for word in sentence.split()] for sentence in sentences]

    def decode(self, tokens):
        return "".join(tokens).replace("\u2581", " ").strip()

    def known(self, token):
        return True

    def translate_batch(self, sources, target_prefix, max_decoding_length=8, **options):
        from types import SimpleNamespace

        self.decodes.append(target_prefix)
        results = []
        for source, prefix in zip(sources, target_prefix):
            tokens = (list(prefix) + ["\u2581x"] * max_decoding_length)[:max_decoding_length]
            attention = [[1.0] + [0.0] * (len(source) - 1) for _ in tokens]
            results.append(SimpleNamespace(hypotheses=[tokens], attention=[attention]))
        return results

    def score_batch(self, sources, targets, **options):
        from types import SimpleNamespace

        self.scored += len(targets)
        # Every form scores the same: the first one listed is chosen.
        return [SimpleNamespace(log_probs=[0.0] * len(target)) for target in targets]


def _forced(forms, model_text, max_decoding_length):
    from translit.document import TermHit
    from translit.mt.base import TermConstraint, TranslatedSentence, no_repair
    from translit.mt.enforce import Enforcer, enforce

    decoder = _CountingDecoder()
    constraint = TermConstraint(TermHit("t", 0, 4, "term", forms[0]), forms)
    tokens = decoder.encode([model_text])[0]
    attention = [[1.0] for _ in tokens]
    enforcer = Enforcer(decoder, {"max_decoding_length": max_decoding_length})
    out = enforce(["term here"], [TranslatedSentence(model_text)], [(constraint,)], enforcer, no_repair,
                  decodings=[(tokens, attention)])[0]
    return out, decoder


def test_a_term_with_one_form_is_forced_without_scoring():
    out, decoder = _forced(("alpha",), "x y z", 8)
    assert out.terms[0].status == "forced" and out.text.startswith("alpha")
    assert decoder.scored == 0 and len(decoder.decodes) == 1


def test_a_term_past_the_decoding_limit_is_flagged_without_decoding():
    from translit.mt.enforce import FLAG_NOT_PLACED

    out, decoder = _forced(("alpha beta gamma",), "x y z", 2)
    assert out.text == "x y z" and out.terms[0].status == "flagged" and out.terms[0].flag == FLAG_NOT_PLACED
    assert decoder.decodes == [] and decoder.scored == 0


def test_the_chosen_form_is_not_swapped_for_a_shorter_one_that_fits():
    # "alpha beta gamma" is chosen (listed first); it does not fit in 2 tokens, "alpha" would: flagged.
    out, decoder = _forced(("alpha beta gamma", "alpha"), "x y z", 2)
    assert decoder.scored == 2
    assert out.text == "x y z" and out.terms[0].status == "flagged" and decoder.decodes == []


def test_find_form_finds_what_a_whole_word_regex_of_each_form_finds():
    import random
    import re

    from translit.mt.enforce import find_form, fold

    def by_regex(text, forms):
        folded, best = fold(text), None
        for form in sorted(forms, key=len, reverse=True):
            if form and (m := re.search(r"(?<!\w)" + re.escape(fold(form)) + r"(?!\w)", folded)):
                if best is None or m.start() < best[0]:
                    best = (m.start(), m.end(), text[m.start():m.end()])
        return best

    pieces = ["суд", "Суд", "суда", "судья", "ёлка", "елка", "U.S.", "a", "aa", "_", "-", "'", "7", " ", " ", ", ",
              "Credible fear", "credible", "fear", "е", "Ё"]
    generator = random.Random(11)
    hits = 0
    for _ in range(4000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        forms = [generator.choice(pieces).strip() for _ in range(generator.randint(1, 4))]
        expected = by_regex(text, forms)
        assert find_form(text, forms) == expected, (text, forms)
        hits += expected is not None
    assert 300 < hits < 3000  # both found and not found, many times
