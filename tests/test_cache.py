"""translit.cache: start-up work kept on disk, keyed by its inputs, safe to damage or race."""

from __future__ import annotations

import json
import multiprocessing
import pickle

import pytest

from translit import cache


def _valid(found) -> bool:
    return isinstance(found, dict) and "value" in found


def test_built_once_then_read_back_and_a_new_key_builds_anew(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    calls = []

    def build(value):
        calls.append(value)
        return {"value": value}

    assert cache.remembered("demo", ("a", 1), lambda: build(1), _valid) == {"value": 1}
    assert cache.remembered("demo", ("a", 1), lambda: build(99), _valid) == {"value": 1}
    assert calls == [1]
    assert cache.remembered("demo", ("a", 2), lambda: build(2), _valid) == {"value": 2}
    assert calls == [1, 2] and len(list(tmp_path.glob("demo-*.pickle"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(["wrong", "kind"])])
def test_a_damaged_or_foreign_file_is_rebuilt_and_replaced(tmp_path, monkeypatch, damage) -> None:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    cache.remembered("demo", "k", lambda: {"value": 1}, _valid)
    cache.path_for("demo", "k").write_bytes(damage)
    assert cache.remembered("demo", "k", lambda: {"value": 2}, _valid) == {"value": 2}
    with open(cache.path_for("demo", "k"), "rb") as stream:
        assert pickle.load(stream) == {"value": 2}


def test_an_unwritable_cache_still_gives_the_result(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(blocker / "cache"))
    assert cache.remembered("demo", "k", lambda: {"value": 3}, _valid) == {"value": 3}


def _build_in_process(folder: str, queue) -> None:
    import os

    os.environ["TRANSLIT_CACHE_DIR"] = folder
    from translit import cache as child_cache

    queue.put(child_cache.remembered("race", "k", lambda: {"value": list(range(50_000))}, _valid)["value"][-1])


def test_processes_building_at_once_all_get_whole_results(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_build_in_process, args=(str(tmp_path), queue)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [queue.get(timeout=5) for _ in workers] == [49_999] * 4
    assert len(list(tmp_path.glob("race-*.pickle"))) == 1 and not list(tmp_path.glob(".race-*"))
    with open(cache.path_for("race", "k"), "rb") as stream:
        assert pickle.load(stream)["value"][-1] == 49_999


def test_langdetect_table_is_langdetects_own_and_detects_the_same(tmp_path, monkeypatch) -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from translit import detect

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    reference = DetectorFactory()
    reference.load_profile(PROFILES_DIRECTORY)
    for attempt in ("built", "read back"):
        monkeypatch.setattr(detect, "_factory", None)
        ours = detect._load_factory()
        assert ours.langlist == reference.langlist, attempt
        table = ours.word_lang_prob_map
        assert set(table) == set(reference.word_lang_prob_map), attempt
        assert all(table[ngram] == probabilities for ngram, probabilities in reference.word_lang_prob_map.items())
    assert len(list(tmp_path.glob("langdetect-*.pickle"))) == 1
    for text in ("The court postponed the hearing.", "Суд отложил заседание до весны.", "Der Hund schläft."):
        theirs = reference.create()
        theirs.seed = 0
        mine = ours.create()
        for detector in (theirs, mine):
            detector.append(text)
        assert [(x.lang, x.prob) for x in mine.get_probabilities()] == \
            [(x.lang, x.prob) for x in theirs.get_probabilities()], text


def test_a_glossary_is_parsed_once_and_again_when_its_file_changes(tmp_path, monkeypatch) -> None:
    from translit import glossary

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    source = glossary.builtin_path()
    copy = tmp_path / "mine.en-ru.tsv"
    copy.write_bytes(source.read_bytes())
    first = glossary.load_glossary(copy)
    assert len(list((tmp_path / "cache").glob("glossary-*.pickle"))) == 1
    monkeypatch.setattr(glossary, "_parse_text", lambda *a, **k: pytest.fail("parsed again"))
    assert glossary.load_glossary(copy).concepts == first.concepts
    monkeypatch.undo()
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    lines = copy.read_text(encoding="utf-8").splitlines(keepends=True)
    copy.write_text("".join(line for line in lines if not line.startswith("credible-fear-interview\t")),
                    encoding="utf-8")
    edited = glossary.load_glossary(copy)
    assert len(edited.concepts) == len(first.concepts) - 1
    assert "credible-fear-interview" not in {c.id for c in edited.concepts}


def test_arrays_are_kept_raw_and_read_back_mapped_and_a_cut_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    import numpy as np

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"table": np.arange(12, dtype=np.float16).reshape(3, 4) / 4, "names": np.array(["ru", "uk", "e"]),
                "moves": np.arange(100, dtype=np.uint32) * 7, "prior": np.array([-1.5, 2.25], dtype=np.float32)}

    names = ("table", "names", "moves", "prior")
    built = cache.remembered_arrays("demo", "k", build, names)
    again = cache.remembered_arrays("demo", "k", build, names)
    assert calls == [1]
    expected = {name: array.tolist() for name, array in build().items()}
    calls.pop()
    for found in (built, again):
        assert {name: array.tolist() for name, array in found.items()} == expected
    assert again["table"].row(2) == (2.0, 2.25, 2.5, 2.75) and again["table"].shape == (3, 4)
    assert again["names"].strings() == ("ru", "uk", "e")
    assert again["moves"].values()[99] == 693 and again["prior"].values().tolist() == [-1.5, 2.25]
    assert again["moves"].raw.readonly and again["table"].dtype == "<f2"
    path = cache.path_for("demo", "k", ".arrays")
    path.write_bytes(path.read_bytes()[:-200])
    rebuilt = cache.remembered_arrays("demo", "k", build, names)
    assert calls == [1, 1] and rebuilt["moves"].tolist() == expected["moves"]
    path.write_bytes(b"something else entirely")
    assert cache.remembered_arrays("demo", "k", build, names)["names"].strings() == ("ru", "uk", "e")
    assert len(calls) == 3


def test_arrays_of_a_kind_that_cannot_be_read_back_are_refused_when_kept(tmp_path, monkeypatch) -> None:
    import numpy as np

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="cannot read arrays"):
        cache.remembered_arrays("demo", "k", lambda: {"objects": np.array([{}, []], dtype=object)}, ("objects",))
    with pytest.raises(ValueError, match="cannot read arrays"):
        foreign = np.arange(3, dtype=np.dtype(np.uint32).newbyteorder())  # another machine's byte order
        cache.remembered_arrays("demo", "k", lambda: {"other": foreign}, ("other",))


def test_an_arrays_file_that_reads_but_holds_other_arrays_is_rebuilt(tmp_path, monkeypatch) -> None:
    import numpy as np

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    cache.remembered_arrays("demo", "k", lambda: {"old": np.zeros(3)}, ("old",))
    path = cache.path_for("demo", "k", ".arrays")
    assert path.is_file()
    found = cache.remembered_arrays("demo", "k", lambda: {"new": np.ones(2)}, ("new",))
    assert set(found) == {"new"} and found["new"].tolist() == [1.0, 1.0]
    assert set(cache.remembered_arrays("demo", "k", lambda: {}, ("new",))) == {"new"}  # the rebuilt file is kept
    header = json.dumps(["not", "a", "layout"]).encode()
    path.write_bytes(cache._ARRAYS_MAGIC + len(header).to_bytes(8, "little") + header)
    assert cache.remembered_arrays("demo", "k", lambda: {"new": np.ones(2)}, ("new",))["new"].tolist() == [1.0, 1.0]


def test_stored_arrays_are_read_a_slice_at_a_time_from_the_file_and_a_cut_file_is_rebuilt(tmp_path,
                                                                                       monkeypatch) -> None:
    import numpy as np

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"hashes": np.arange(0, 3000, 3, dtype=np.uint32), "steps": np.arange(1000, dtype=np.uint16) % 7}

    names = ("hashes", "steps")
    first = cache.remembered_slices("demo", "k", build, names)
    again = cache.remembered_slices("demo", "k", build, names)
    assert calls == [1] and again.names == {"hashes", "steps"} and again.length("hashes") == 1000
    assert again.read("hashes", 64, 128).tolist() == list(range(192, 384, 3))
    assert again.read("steps", 998, 1200).tolist() == [998 % 7, 999 % 7]  # a slice past the end stops there
    assert len(again.read("steps", 5, 5)) == 0 and again.read("hashes").format == "I"
    assert first.read("steps") == again.read("steps")
    path = cache.path_for("demo", "k", ".arrays")
    path.write_bytes(path.read_bytes()[:-100])
    rebuilt = cache.remembered_slices("demo", "k", build, names)
    assert calls == [1, 1] and rebuilt.read("steps").tolist() == [n % 7 for n in range(1000)]
    assert cache.remembered_slices("demo", "k", lambda: {"other": np.zeros(2)}, ("other",)).names == {"other"}


def test_stored_arrays_without_a_usable_cache_folder_are_read_from_memory(tmp_path, monkeypatch) -> None:
    import numpy as np

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(blocker))
    stored = cache.remembered_slices("demo", "k", lambda: {"values": np.arange(10, dtype=np.int64)}, ("values",))
    assert stored.names == {"values"} and stored.length("values") == 10
    assert stored.read("values", 2, 5).tolist() == [2, 3, 4]


def test_stored_arrays_reads_leave_the_file_position_alone_for_forked_processes(tmp_path, monkeypatch) -> None:
    import os

    import numpy as np

    if not hasattr(os, "pread"):
        pytest.skip("no os.pread here: reads take a lock and seek instead")
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    stored = cache.remembered_slices("demo", "k", lambda: {"values": np.arange(500, dtype=np.uint32)}, ("values",))
    stored.read("values")
    stored = cache.remembered_slices("demo", "k", lambda: {}, ("values",))  # read back from the file
    position = os.lseek(stored._stream.fileno(), 0, os.SEEK_CUR)
    assert stored.read("values", 100, 103).tolist() == [100, 101, 102]
    # A forked process shares the file's position: a read that moved it would race with the parent's.
    assert os.lseek(stored._stream.fileno(), 0, os.SEEK_CUR) == position


@pytest.mark.parametrize("garbage", [b"X" * 16 + (2**62).to_bytes(8, "little"), b"\xff" * 40,
                                     cache._ARRAYS_MAGIC + (2**40).to_bytes(8, "little") + b"{}"])
def test_stored_arrays_with_a_damaged_header_are_rebuilt(tmp_path, monkeypatch, garbage) -> None:
    import numpy as np

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    path = cache.path_for("demo", "k", ".arrays")
    path.write_bytes(garbage)
    stored = cache.remembered_slices("demo", "k", lambda: {"values": np.arange(4, dtype=np.int32)}, ("values",))
    assert stored.read("values").tolist() == [0, 1, 2, 3]
    assert path.read_bytes().startswith(cache._ARRAYS_MAGIC) and path.read_bytes() != garbage
