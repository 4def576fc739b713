"""The random-weight Argos package builder (scripts/build_test_package.py) that other tests rely on."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_test_package  # noqa: E402

SENTENCES = [
    "The court postponed the asylum hearing until April.",
    "Заявители должны подать документы до 1 марта.",
    "Служба оновила інструкції до форми I-131.",
    "USCIS raised the fee to $760 (paper filing).",
]
MAX_TEST_OUTPUT_TOKENS = 80  # CTranslate2 stops at 256 by default; the package is shaped to end far sooner


@pytest.fixture(scope="module")
def argos_env(tmp_path_factory):
    """argostranslate.settings creates its directories at import: point them at a temporary place."""
    if "argostranslate.settings" not in sys.modules:
        home = tmp_path_factory.mktemp("argos-home")
        with pytest.MonkeyPatch.context() as patch:
            for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
                patch.setenv(variable, str(home / variable.lower()))
            import argostranslate.settings  # noqa: F401
    from argostranslate import package

    return package


@pytest.fixture(scope="module")
def en_ru_package(tmp_path_factory) -> Path:
    return build_test_package.build_package(tmp_path_factory.mktemp("packages"), "en", "ru")


@pytest.fixture(scope="module")
def en_ru_folder(en_ru_package, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(en_ru_package) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


def _model_bin(package_path: Path) -> bytes:
    with zipfile.ZipFile(package_path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("/model/model.bin")]
        return archive.read(name)


def test_zip_holds_one_folder_with_the_argos_layout(en_ru_package):
    with zipfile.ZipFile(en_ru_package) as archive:
        names = set(archive.namelist())
        top_folders = {name.split("/", 1)[0] for name in names}
        assert top_folders == {"translate-en_ru-1_0"}
        folder = "translate-en_ru-1_0/"
        for required in (
            "metadata.json",
            "README.md",
            "sentencepiece.model",
            "model/model.bin",
            "model/config.json",
        ):
            assert folder + required in names
        assert folder + "model/shared_vocabulary.json" in names
        metadata = json.loads(archive.read(folder + "metadata.json"))
        readme = archive.read(folder + "README.md").decode()
    assert metadata["from_code"] == "en" and metadata["to_code"] == "ru"
    assert metadata["type"] == "translate"
    assert metadata["package_version"] == "1.0"
    assert "target_prefix" not in metadata
    assert "random-weight" in metadata["description"].lower()
    assert "meaningless" in readme


def test_vocabulary_starts_with_opennmt_specials_and_holds_the_pieces(en_ru_folder):
    import sentencepiece

    vocabulary = json.loads((en_ru_folder / "model" / "shared_vocabulary.json").read_text())
    assert vocabulary[:4] == ["<unk>", "<blank>", "<s>", "</s>"]
    processor = sentencepiece.SentencePieceProcessor(model_file=str(en_ru_folder / "sentencepiece.model"))
    pieces = processor.encode("Иммиграционный суд перенёс слушание.", out_type=str)
    assert set(pieces) <= set(vocabulary)


def test_argos_package_class_loads_the_unzipped_folder(argos_env, en_ru_folder):
    loaded = argos_env.Package(en_ru_folder)
    assert (loaded.from_code, loaded.to_code) == ("en", "ru")
    assert (loaded.from_name, loaded.to_name) == ("English", "Russian")
    assert loaded.tokenizer.encode("The hearing was postponed.")
    assert "meaningless" in loaded.get_readme()


def test_translit_reads_a_package_as_argostranslate_does_without_importing_it(argos_env, en_ru_folder, tmp_path):
    import json
    import shutil

    from translit.errors import ModelError
    from translit.mt.argos.packages import installed_packages

    theirs = argos_env.Package(en_ru_folder)
    (ours,) = installed_packages(en_ru_folder.parent)
    assert (ours.from_code, ours.to_code, ours.from_name, ours.to_name, ours.target_prefix) == (
        theirs.from_code, theirs.to_code, theirs.from_name, theirs.to_name, theirs.target_prefix)
    assert ours.version == str(theirs.package_version) and ours.path == en_ru_folder
    copy = tmp_path / "packages" / en_ru_folder.name
    shutil.copytree(en_ru_folder, copy, ignore=shutil.ignore_patterns("model"))
    metadata = json.loads((copy / "metadata.json").read_text(encoding="utf-8"))
    (copy / "metadata.json").write_text(json.dumps({**metadata, "type": "sbd"}), encoding="utf-8")
    assert installed_packages(copy.parent) == ()  # not a translation package
    (copy / "metadata.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelError, match="not an object"):
        installed_packages(copy.parent)
    (copy / "metadata.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="unreadable metadata.json"):
        installed_packages(copy.parent)


def test_translation_is_non_empty_and_ends_well_before_max_length(argos_env, en_ru_folder):
    import ctranslate2

    loaded = argos_env.Package(en_ru_folder)
    translator = ctranslate2.Translator(str(en_ru_folder / "model"), compute_type="int8")
    batch = [loaded.tokenizer.encode(sentence) for sentence in SENTENCES]
    results = translator.translate_batch(batch, beam_size=4, length_penalty=0.2, replace_unknowns=True)
    for result in results:
        tokens = result.hypotheses[0]
        assert 0 < len(tokens) <= MAX_TEST_OUTPUT_TOKENS
        assert not {"<unk>", "<blank>", "<s>", "</s>"} & set(tokens)
        assert loaded.tokenizer.decode(tokens).strip()
    assert len({tuple(result.hypotheses[0]) for result in results}) > 1  # output depends on the input


def test_builds_are_deterministic_and_the_seed_changes_the_weights(tmp_path, en_ru_package):
    rebuilt = build_test_package.build_package(tmp_path / "again", "en", "ru")
    assert rebuilt != en_ru_package
    assert _model_bin(rebuilt) == _model_bin(en_ru_package)
    assert rebuilt.read_bytes() == en_ru_package.read_bytes()
    reseeded = build_test_package.build_package(tmp_path / "again", "en", "ru", seed=1)
    assert _model_bin(reseeded) != _model_bin(en_ru_package)


def test_a_finished_build_is_reused(en_ru_package):
    modified = en_ru_package.stat().st_mtime_ns
    again = build_test_package.build_package(en_ru_package.parent, "en", "ru")
    assert again == en_ru_package
    assert again.stat().st_mtime_ns == modified


def test_target_prefix_is_in_metadata_and_vocabulary(tmp_path):
    path = build_test_package.build_package(tmp_path, "en", "uk", target_prefix="__uk__")
    with zipfile.ZipFile(path) as archive:
        metadata = json.loads(archive.read("translate-en_uk-1_0/metadata.json"))
        vocabulary = json.loads(archive.read("translate-en_uk-1_0/model/shared_vocabulary.json"))
    assert metadata["target_prefix"] == "__uk__"
    assert "__uk__" in vocabulary


def test_test_package_set_covers_both_pairs_both_ways(tmp_path):
    pairs = []
    for path in build_test_package.build_test_packages(tmp_path):
        with zipfile.ZipFile(path) as archive:
            (name,) = [n for n in archive.namelist() if n.endswith("/metadata.json")]
            metadata = json.loads(archive.read(name))
        pairs.append((metadata["from_code"], metadata["to_code"]))
    assert pairs == [("en", "ru"), ("ru", "en"), ("en", "uk"), ("uk", "en")]


def test_unknown_preset_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown preset"):
        build_test_package.build_package(tmp_path, "en", "ru", preset="huge")
