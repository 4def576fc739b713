"""The Argos backend on the project's random-weight test packages: structure, never content."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from translit.errors import MissingModelError
from translit.mt.argos import MAX_INPUT_TOKENS, length_sorted_batches, split_long
from translit.mt.base import LanguagePair, plan_route

SENTENCES = [
    "The asylum officer scheduled a credible fear interview for Monday.",
    "He crossed the border in October.",
    "",
    "Lawyers say the policy changed without notice, and families were not told why.",
    "Short.",
]


def test_one_output_per_sentence_in_order(translator):
    outputs = translator.translate(SENTENCES, "en", "ru")
    assert len(outputs) == len(SENTENCES)
    assert outputs[2].text == ""
    assert all(o.text.strip() for i, o in enumerate(outputs) if i != 2)


def test_batched_translation_equals_one_by_one(translator):
    together = [o.text for o in translator.translate(SENTENCES, "en", "ru")]
    alone = [translator.translate([s], "en", "ru")[0].text for s in SENTENCES]
    assert together == alone


def test_translation_is_deterministic(translator):
    first = [o.text for o in translator.translate(SENTENCES, "en", "ru")]
    assert first == [o.text for o in translator.translate(SENTENCES, "en", "ru")]


def test_pairs_include_pivot_through_english(translator):
    pairs = set(translator.pairs())
    assert LanguagePair("en", "ru") in pairs
    assert LanguagePair("ru", "uk", via="en") in pairs
    assert translator.route("ru", "uk")[0].pair == ("ru", "en")
    assert [m.to_code for m in translator.models_for("ru", "uk")] == ["en", "uk"]


def test_pivot_translation_goes_through_both_packages(translator):
    sentences = ["Он подал заявление на убежище.", "Суд назначен на март."]
    via_english = [o.text for o in translator.translate(sentences, "ru", "en")]
    expected = [o.text for o in translator.translate(via_english, "en", "uk")]
    assert [o.text for o in translator.translate(sentences, "ru", "uk")] == expected


def test_missing_pair_says_what_to_do(translator):
    with pytest.raises(MissingModelError, match="models install"):
        translator.translate(["Hola."], "es", "ru")


def test_plan_route_prefers_direct_package():
    assert plan_route({("uk", "ru"), ("uk", "en"), ("en", "ru")}, "uk", "ru") == ("uk", "ru")
    assert plan_route({("uk", "en"), ("en", "ru")}, "uk", "ru") == ("uk", "en", "ru")


def test_progress_reports_every_sentence(translator):
    calls = []
    translator.translate(SENTENCES * 30, "ru", "uk", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(SENTENCES) * 30 * 2, len(SENTENCES) * 30 * 2)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_long_input_is_split_not_truncated(translator):
    tokens = [f"\u2581w{i}" if i % 3 == 0 else f"x{i}" for i in range(1000)]
    pieces = split_long(tokens)
    assert sum(pieces, []) == tokens
    assert all(len(p) <= MAX_INPUT_TOKENS for p in pieces)
    assert all(p[0].startswith("\u2581") for p in pieces)
    long_sentence = " ".join(["word"] * 2500)
    single_piece = translator.translate(["word " * 50], "en", "ru")[0].text
    output = translator.translate([long_sentence], "en", "ru")[0].text
    assert len(output.split()) > len(single_piece.split())


def test_batches_cover_all_indices_sorted_by_length():
    lengths = [5, 50, 3, 7, 200, 1, 9] * 20
    batches = length_sorted_batches(lengths, max_tokens=400, max_sentences=16)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    assert all(len(b) <= 16 and max(lengths[i] for i in b) * len(b) <= max(400, lengths[b[0]]) for b in batches)


def test_unconstrained_output_matches_argostranslate(package_dir, translator):
    """argostranslate's own apply_packaged_translation, given the same sentences, gives the same text.

    argostranslate.translate imports stanza and minisbd at import time; they are not installed
    (that is the point), so the child process gives it empty stand-ins for those two modules only.
    """
    from translit.mt.argos import ArgosTranslator, DecodingOptions

    paragraph = [s for s in SENTENCES if s]
    exact = ArgosTranslator(translator.settings, DecodingOptions(guards=False))
    ours = [o.text for o in exact.translate(paragraph, "en", "ru")]
    script = textwrap.dedent(
        f"""
        import json, sys, types
        for name in ("stanza", "minisbd", "minisbd.models"):
            sys.modules[name] = types.ModuleType(name)
        sys.modules["minisbd"].SBDetect = object
        sys.modules["minisbd"].models = sys.modules["minisbd.models"]
        import ctranslate2
        from argostranslate import translate
        from argostranslate.package import Package
        pkg = Package({str(package_dir / "translate-en_ru-1_0")!r})
        model = ctranslate2.Translator(str(pkg.package_path / "model"), compute_type="int8", intra_threads=1)
        class GivenSentences:
            def split_sentences(self, text):
                return [text]
        out = [translate.apply_packaged_translation(pkg, s, model, GivenSentences(), 1)[0].value
               for s in {paragraph!r}]
        print(json.dumps(out))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    import json

    assert json.loads(done.stdout.strip().splitlines()[-1]) == ours


def test_guards_decode_again_only_what_looped_or_hit_the_limit_and_flag_it(translator):
    """The random-weight model loops and runs to the length limit by nature: the guard's home ground."""
    from translit.mt.argos import ArgosTranslator, DecodingOptions
    from translit.mt.ct2 import looping

    paragraph = [s for s in SENTENCES if s] * 2
    exact = ArgosTranslator(translator.settings, DecodingOptions(guards=False))
    plain = exact.translate(paragraph, "en", "ru")
    guarded = translator.translate(paragraph, "en", "ru")
    model = exact.model(exact.route("en", "ru")[0])
    flagged = [i for i, out in enumerate(guarded) if out.qa]
    assert flagged, "the random model should loop or run long on some sentence"
    for before, after in zip(plain, guarded):
        if not after.qa:
            assert after.text == before.text  # nothing else is touched
        else:
            assert set(after.qa) <= {"repetition", "length_limit"}
            if after.qa == ("repetition",):
                assert looping(model.encode([before.text])[0]) or before.text != after.text
    assert all(plain[i].qa == () for i in range(len(plain)))


def test_looping_finds_runs_of_repeated_ngrams():
    from translit.mt.ct2 import halves, looping

    assert looping(["▁З"] * 4) and looping(["▁pre", "-"] * 4)
    assert not looping(["▁a", "▁b", "▁a", "▁b", "▁a", "▁c"]) and not looping(["▁З"] * 3)
    first, second = halves(["▁one", "▁two", "▁three", "▁four", "▁five", "▁six", "▁seven", "▁eight", "▁nine"])
    assert first and second and second[0].startswith("▁")


def test_guard_flags_reach_the_result_and_every_export(translator):
    import json

    from translit.document import Document
    from translit.export import export
    from translit.pipeline import Options, run

    text = "\n".join(s for s in SENTENCES if s) + "\n"
    result = run(Document.from_text(text), Options(source_lang="en", target_lang="ru", summary_sentences=None),
                 translator)
    flagged = [p for p in result.pairs if p.qa]
    assert flagged
    payload = json.loads(export(result, "json"))
    sentences = [s for p in payload["paragraphs"] for s in p["sentences"]]
    assert any(s.get("qa") and s.get("flags") for s in sentences)
    assert "asked again" in export(result, "md").decode() or "two parts" in export(result, "md").decode()


def test_an_output_cut_at_the_length_limit_is_translated_again_in_halves(translator):
    from translit.mt.argos import ArgosTranslator, DecodingOptions

    long_sentence = "The immigration judge said that the family could stay while the court heard the case again."
    limit = 6  # far shorter than any translation of this sentence: the first output is cut
    cut = ArgosTranslator(translator.settings, DecodingOptions(max_decoding_length=limit, guards=False))
    guarded = ArgosTranslator(translator.settings, DecodingOptions(max_decoding_length=limit))
    (before,) = cut.translate([long_sentence], "en", "ru")
    (after,) = guarded.translate([long_sentence], "en", "ru")
    assert before.qa == () and after.qa == ("length_limit",)
    assert len(after.text) > len(before.text)  # two halves, each up to the limit


def test_a_model_runs_one_thread_per_replica_and_splits_calls_between_them(package_dir):
    """threads=2: two CTranslate2 replicas of one thread; a call is cut into one sub-batch per replica,
    and the outputs are those of a single one-thread translator given the whole batch."""
    import ctranslate2

    from translit.config import Settings
    from translit.mt.argos import ArgosTranslator

    argos = ArgosTranslator(Settings(package_dir=package_dir, threads=2))
    package = argos.route("en", "ru")[0]
    model = argos.model(package)
    assert model.replicas == 2
    assert model.parallel(5, {})["max_batch_size"] == 3
    assert model.parallel(1, {})["max_batch_size"] == 1
    assert model.parallel(1000, {})["max_batch_size"] == 64
    assert model.parallel(10, {"max_batch_size": 4})["max_batch_size"] == 4
    tokens = model.encode([s for s in SENTENCES if s] * 3)
    single = ctranslate2.Translator(str(package.model_dir), compute_type="int8", intra_threads=1)
    expected = [r.hypotheses[0] for r in single.translate_batch(tokens, beam_size=4, max_decoding_length=20)]
    found = [r.hypotheses[0] for r in model.translate_batch(tokens, beam_size=4, max_decoding_length=20)]
    assert found == expected
    scores = model.score_batch(tokens, expected)
    assert len(scores) == len(tokens) and all(len(s.log_probs) == len(t) + 1 for s, t in zip(scores, expected))


def test_default_replicas_follow_the_cores_this_process_may_use(monkeypatch):
    from translit.mt.argos import translator as module

    monkeypatch.setattr(module.os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert module.default_replicas() == 3
    monkeypatch.setattr(module.os, "sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    assert module.default_replicas() == module.DEFAULT_MAX_REPLICAS
