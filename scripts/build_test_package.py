"""Build deterministic random-weight Argos Translate packages for tests and benchmarks.

The packages have the real Argos layout (a zip of one folder with metadata.json, a CTranslate2
model in model/, sentencepiece.model and README.md), so the real CTranslate2 + SentencePiece
stack can load and run them. The weights are random: translations are meaningless token
sequences, but tokenization, batching, beam search and timing behave as with a trained model.

The SentencePiece model is trained on scripts/test_corpus.txt (English, Russian and Ukrainian
sentences written for this project). Nothing needs torch or the network.

Usage:
    python scripts/build_test_package.py OUT_DIR [--preset tiny|base] [--pairs en-ru,ru-en,en-uk]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import os
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SCRIPT_PATH = Path(__file__).resolve()
CORPUS_PATH = SCRIPT_PATH.with_name("test_corpus.txt")

# OpenNMT-py order of the special tokens at the start of the vocabulary.
UNK, BLANK, BOS, EOS = "<unk>", "<blank>", "<s>", "</s>"
SPECIAL_TOKENS = (UNK, BLANK, BOS, EOS)
FILLER_TEMPLATE = "▁tok{:05d}"

TEST_PAIRS = (("en", "ru"), ("ru", "en"), ("en", "uk"), ("uk", "en"))
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}
ARGOS_VERSION = "1.11"
DESCRIPTION = "Random-weight test package: it runs like a real model but produces meaningless output."

# Output-layer shaping, so that random decoding gives short outputs made of real pieces:
# - ordinary tokens get wide logits (std OUTPUT_LOGIT_STD): the decoder is confident in its next
#   token, so beam search keeps one dominant hypothesis instead of preferring to stop;
# - the last dimension of the decoder position encoding is a length ramp (token embeddings and
#   decoder sublayers write nothing there), and the `</s>` row weighs it heavily: the `</s>` logit
#   rises with every step, so each hypothesis ends, mostly after 5-40 tokens;
# - a random part of the `</s>` row (std EOS_LOGIT_STD) makes the stopping step vary with the input;
# - <unk>, <blank>, <s>, a target prefix and filler tokens get a large negative bias.
OUTPUT_LOGIT_STD = 4.0
EOS_LOGIT_STD = 3.0
EOS_BIAS = 0.0
EOS_RAMP_WEIGHT = 4.0
LENGTH_RAMP_PER_STEP = 0.2
RAMP_DIMENSION = -1  # replaces the slowest cosine of the position encoding, nearly constant anyway
SUPPRESSED_BIAS = -30.0
# A random decoder whose state is dominated by the previous token falls into short token cycles;
# small decoder token embeddings and damped sublayer outputs let position drive the state.
DECODER_EMBEDDING_STD = 0.5
DECODER_BRANCH_SCALE = 0.5
DECODER_BRANCH_OUTPUTS = (
    "self_attention/linear_1/weight",
    "attention/linear_2/weight",
    "ffn/linear_1/weight",
)
# Explicit position tables as in OpenNMT-py models; CTranslate2 cuts inputs at 1024 tokens by default.
MAX_POSITIONS = 2048
SPM_SEED = 1234
KEY_LIBRARIES = ("ctranslate2", "sentencepiece", "numpy")  # their versions can change the bytes built


@dataclass(frozen=True)
class Preset:
    name: str
    encoder_layers: int
    decoder_layers: int
    d_model: int
    num_heads: int
    ffn_dim: int
    spm_vocab_size: int  # upper bound: the corpus may allow fewer pieces
    model_vocab_size: int  # CTranslate2 vocabularies are padded with filler tokens up to this; 0 = no padding
    quantization: str | None


PRESETS = {
    "tiny": Preset("tiny", 2, 2, 64, 4, 128, spm_vocab_size=1000, model_vocab_size=0, quantization="int8"),
    # transformer-base; SentencePiece gets what the corpus allows (~2.2k pieces), fillers pad to 32k
    "base": Preset(
        "base", 6, 6, 512, 8, 2048, spm_vocab_size=8000, model_vocab_size=32000, quantization="int8"
    ),
}


@dataclass(frozen=True)
class BuildRequest:
    from_code: str
    to_code: str
    preset: str
    version: str
    seed: int
    target_prefix: str


# ---------------------------------------------------------------- cache key and naming


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_key(request: BuildRequest) -> str:
    """Content hash of everything a build depends on: arguments, this script, the corpus, libraries."""
    parts = {
        "request": asdict(request),
        "script": _sha256(SCRIPT_PATH.read_bytes()),
        "corpus": _sha256(CORPUS_PATH.read_bytes()),
        "libraries": {name: importlib_metadata.version(name) for name in KEY_LIBRARIES},
    }
    return _sha256(json.dumps(parts, sort_keys=True).encode("utf-8"))


def package_folder_name(request: BuildRequest) -> str:
    return f"translate-{request.from_code}_{request.to_code}-{request.version.replace('.', '_')}"


def package_file_name(request: BuildRequest, key: str) -> str:
    return f"{package_folder_name(request)}-{request.preset}-{key[:12]}.argosmodel"


# ---------------------------------------------------------------- SentencePiece


@functools.lru_cache(maxsize=4)
def train_sentencepiece(corpus_sha: str, vocab_size: int) -> bytes:
    """Serialized SentencePiece model trained on the test corpus (cached per process)."""
    import sentencepiece as spm

    del corpus_sha  # only part of the cache key
    spm.set_random_generator_seed(SPM_SEED)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        input=str(CORPUS_PATH),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    return model.getvalue()


@dataclass(frozen=True)
class Vocabulary:
    """CTranslate2 vocabulary: OpenNMT specials, the SentencePiece pieces, a target prefix, fillers."""

    tokens: tuple[str, ...]
    piece_count: int  # the SentencePiece pieces follow the specials; the decoder may emit only these and EOS

    @property
    def emittable(self) -> range:
        return range(len(SPECIAL_TOKENS), len(SPECIAL_TOKENS) + self.piece_count)


def model_vocabulary(spm_model: bytes, size: int, target_prefix: str) -> Vocabulary:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=spm_model)
    pieces = [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]
    tokens = list(SPECIAL_TOKENS) + pieces
    if target_prefix and target_prefix not in tokens:
        tokens.append(target_prefix)
    fillers = (FILLER_TEMPLATE.format(i) for i in range(max(0, size - len(tokens))))
    return Vocabulary(tuple(tokens) + tuple(fillers), len(pieces))


# ---------------------------------------------------------------- CTranslate2 model


def _variable_shape(name: str, preset: Preset, vocab_size: int) -> tuple[int, ...]:
    """Shape of a required Transformer variable, from its name in TransformerSpec.variables()."""
    d, ffn = preset.d_model, preset.ffn_dim
    scope, leaf = name.rsplit("/", 1)
    if leaf in ("gamma", "beta"):
        return (d,)
    if scope.endswith(("embeddings", "embeddings_0", "projection")):
        return (vocab_size, d)
    linear_shapes = {
        "self_attention/linear_0": (3 * d, d),  # fused query, key, value
        "self_attention/linear_1": (d, d),
        "attention/linear_0": (d, d),  # query
        "attention/linear_1": (2 * d, d),  # fused key, value over the encoder output
        "attention/linear_2": (d, d),
        "ffn/linear_0": (ffn, d),
        "ffn/linear_1": (d, ffn),
    }
    for suffix, shape in linear_shapes.items():
        if scope.endswith(suffix):
            return shape
    raise ValueError(f"no shape rule for model variable {name}")


def _initial_value(name: str, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    import numpy as np

    leaf = name.rsplit("/", 1)[1]
    if leaf == "gamma":
        return (1.0 + 0.1 * rng.standard_normal(shape)).astype(np.float32)
    if leaf == "beta":
        return (0.1 * rng.standard_normal(shape)).astype(np.float32)
    value = rng.standard_normal(shape) / np.sqrt(shape[1])
    if name == "decoder/embeddings/weight":
        value *= DECODER_EMBEDDING_STD
        value[:, RAMP_DIMENSION] = 0.0  # only the position encoding writes the length ramp
    elif name.startswith("decoder/layer_") and name.endswith(DECODER_BRANCH_OUTPUTS):
        value *= DECODER_BRANCH_SCALE
        value[RAMP_DIMENSION, :] = 0.0
    return value.astype(np.float32)


def sinusoidal_positions(count: int, d_model: int) -> np.ndarray:
    """OpenNMT-py position encodings: sine in even dimensions, cosine in odd ones."""
    import numpy as np

    frequencies = np.exp(np.arange(0, d_model, 2) * -(np.log(10000.0) / d_model))
    angles = np.arange(count)[:, None] * frequencies[None, :]
    encodings = np.zeros((count, d_model))
    encodings[:, 0::2] = np.sin(angles)
    encodings[:, 1::2] = np.cos(angles)
    return encodings.astype(np.float32)


def decoder_positions(count: int, d_model: int) -> np.ndarray:
    """Sinusoidal encodings whose last dimension (a nearly constant cosine) becomes the length ramp."""
    import numpy as np

    encodings = sinusoidal_positions(count, d_model)
    encodings[:, RAMP_DIMENSION] = LENGTH_RAMP_PER_STEP * np.arange(count)
    return encodings


def output_projection(
    vocab: Vocabulary, d_model: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Decoder output weight and bias (see the output-layer notes at the top)."""
    import numpy as np

    size = len(vocab.tokens)
    weight = rng.standard_normal((size, d_model)) * (OUTPUT_LOGIT_STD / np.sqrt(d_model))
    weight[:, RAMP_DIMENSION] = 0.0
    bias = np.full(size, SUPPRESSED_BIAS)
    bias[vocab.emittable.start : vocab.emittable.stop] = 0.0
    eos = vocab.tokens.index(EOS)
    weight[eos] = rng.standard_normal(d_model) * (EOS_LOGIT_STD / np.sqrt(d_model))
    weight[eos, RAMP_DIMENSION] = EOS_RAMP_WEIGHT
    bias[eos] = EOS_BIAS
    return weight.astype(np.float32), bias.astype(np.float32)


def _pair_seed(request: BuildRequest) -> list[int]:
    pair_digest = hashlib.sha256(f"{request.from_code}->{request.to_code}".encode()).digest()
    return [request.seed, int.from_bytes(pair_digest[:8], "little")]


def build_model_spec(request: BuildRequest, vocab: Vocabulary):
    """A validated, optimized (quantized) ctranslate2 TransformerSpec with seeded random weights."""
    import numpy as np
    from ctranslate2.specs import TransformerSpec, common_spec
    from ctranslate2.specs.model_spec import index_spec

    preset = PRESETS[request.preset]
    rng = np.random.default_rng(_pair_seed(request))
    spec = TransformerSpec.from_config(
        (preset.encoder_layers, preset.decoder_layers),
        preset.num_heads,
        activation=common_spec.Activation.RELU,
    )
    spec.encoder.position_encodings.encodings = sinusoidal_positions(MAX_POSITIONS, preset.d_model)
    spec.decoder.position_encodings.encodings = decoder_positions(MAX_POSITIONS, preset.d_model)
    for name, value in spec.variables(ordered=True):
        if value is not None:
            continue
        scope, leaf = name.rsplit("/", 1)
        layer = index_spec(spec, scope)
        if scope == "decoder/projection":
            weight, bias = output_projection(vocab, preset.d_model, rng)
            layer.weight, layer.bias = weight, bias
            continue
        shape = _variable_shape(name, preset, len(vocab.tokens))
        setattr(layer, leaf, _initial_value(name, shape, rng))
        if isinstance(layer, common_spec.LinearSpec) and leaf == "weight":
            bias = 0.02 * rng.standard_normal(shape[0])
            if name.startswith("decoder/layer_") and name.endswith(DECODER_BRANCH_OUTPUTS):
                bias[RAMP_DIMENSION] = 0.0
            layer.bias = bias.astype(np.float32)
    spec.register_source_vocabulary(list(vocab.tokens))
    spec.register_target_vocabulary(list(vocab.tokens))
    spec.validate()
    spec.optimize(quantization=preset.quantization)
    return spec


# ---------------------------------------------------------------- package assembly


def package_metadata(request: BuildRequest, key: str) -> dict:
    metadata = {
        "package_version": request.version,
        "argos_version": ARGOS_VERSION,
        "from_code": request.from_code,
        "from_name": LANGUAGE_NAMES.get(request.from_code, request.from_code),
        "to_code": request.to_code,
        "to_name": LANGUAGE_NAMES.get(request.to_code, request.to_code),
        "type": "translate",
        "description": DESCRIPTION,
        "test_package": {"preset": request.preset, "seed": request.seed, "build_key": key[:12]},
    }
    if request.target_prefix:
        metadata["target_prefix"] = request.target_prefix
    return metadata


def package_readme(request: BuildRequest) -> str:
    preset = PRESETS[request.preset]
    return (
        f"# Test package {request.from_code} -> {request.to_code} (random weights)\n\n"
        f"{DESCRIPTION}\n\n"
        "Built by translit's `scripts/build_test_package.py` for tests and speed benchmarks. "
        "Do not use it to translate anything.\n\n"
        f"Preset `{preset.name}`: {preset.encoder_layers}+{preset.decoder_layers} layers, "
        f"d_model {preset.d_model}, {preset.num_heads} heads, ffn {preset.ffn_dim}, "
        f"weights {preset.quantization or 'float32'}, seed {request.seed}.\n"
    )


def _zip_entry(name: str, is_dir: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    if is_dir:
        info.external_attr = (0o40755 << 16) | 0x10
    else:
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_package_zip(destination: Path, folder: str, files: dict[str, bytes]) -> None:
    """Zip with fixed timestamps and order, so equal contents give equal bytes."""
    with zipfile.ZipFile(destination, "w") as archive:
        archive.writestr(_zip_entry(f"{folder}/", is_dir=True), b"")
        archive.writestr(_zip_entry(f"{folder}/model/", is_dir=True), b"")
        for relative_path in sorted(files):
            archive.writestr(_zip_entry(f"{folder}/{relative_path}"), files[relative_path])


def package_files(request: BuildRequest, key: str) -> dict[str, bytes]:
    """Relative path inside the package folder -> file bytes."""
    preset = PRESETS[request.preset]
    spm_model = train_sentencepiece(_sha256(CORPUS_PATH.read_bytes()), preset.spm_vocab_size)
    vocab = model_vocabulary(spm_model, preset.model_vocab_size, request.target_prefix)
    spec = build_model_spec(request, vocab)
    metadata = json.dumps(package_metadata(request, key), indent=2, ensure_ascii=False) + "\n"
    files = {
        "metadata.json": metadata.encode(),
        "README.md": package_readme(request).encode(),
        "sentencepiece.model": spm_model,
    }
    with tempfile.TemporaryDirectory(prefix="translit-test-model-") as model_dir:
        spec.save(model_dir)
        for path in sorted(Path(model_dir).iterdir()):
            files[f"model/{path.name}"] = path.read_bytes()
    return files


def build_package(
    out_dir: Path,
    from_code: str,
    to_code: str,
    preset: str = "tiny",
    version: str = "1.0",
    seed: int = 0,
    target_prefix: str = "",
) -> Path:
    """Build (or reuse from out_dir) a random-weight .argosmodel file and return its path."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    request = BuildRequest(from_code, to_code, preset, version, seed, target_prefix)
    key = build_key(request)
    out_dir = Path(out_dir)
    destination = out_dir / package_file_name(request, key)
    if destination.exists():
        return destination
    out_dir.mkdir(parents=True, exist_ok=True)
    files = package_files(request, key)
    partial = out_dir / f".{destination.name}.{os.getpid()}.partial"
    write_package_zip(partial, package_folder_name(request), files)
    os.replace(partial, destination)  # atomic: a concurrent reader never sees half a zip
    return destination


def build_test_packages(out_dir: Path, preset: str = "tiny") -> list[Path]:
    """en->ru, ru->en, en->uk and uk->en (Russian and Ukrainian reach each other through English)."""
    return [build_package(out_dir, source, target, preset=preset) for source, target in TEST_PAIRS]


# ---------------------------------------------------------------- CLI


def parse_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        source, separator, target = item.strip().partition("-")
        if not separator or not source or not target:
            raise argparse.ArgumentTypeError(f"bad pair {item!r}; write pairs like en-ru,ru-en")
        pairs.append((source, target))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build random-weight Argos test packages (their output is meaningless)."
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="tiny")
    parser.add_argument("--pairs", type=parse_pairs, default=list(TEST_PAIRS), help="e.g. en-ru,ru-en,en-uk")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for source, target in args.pairs:
        started = time.perf_counter()
        path = build_package(args.out_dir, source, target, preset=args.preset, seed=args.seed)
        elapsed = time.perf_counter() - started
        print(f"{source}->{target}  {path}  {path.stat().st_size / 1e6:.1f} MB  {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
