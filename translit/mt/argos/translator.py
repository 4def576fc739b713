"""Argos packages run through CTranslate2 + SentencePiece, a whole document at a time.

Decoding follows argostranslate 1.11 (beam 4, length_penalty 0.2, replace_unknowns, the package's
target_prefix, CTranslate2's default maximum length), so for the same package and sentence the
unconstrained output is Argos's. What differs is the calling pattern: all sentences of a document go
through a few large batches sorted by length, instead of one small call per paragraph, and each model
is loaded once per process.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from translit.config import Settings
from translit.document import ModelInfo
from translit.errors import ModelError
from translit.mt.argos.packages import InstalledPackage, installed_packages
from translit.mt.base import (
    Constraints,
    LanguagePair,
    Progress,
    TranslatedSentence,
    available_pairs,
    plan_route,
)
from translit.mt.ct2 import (
    BATCH_SENTENCES,
    BATCH_TOKENS,
    DEFAULT_MAX_DECODING_LENGTH,
    MAX_INPUT_TOKENS,
    REPETITION_OPTIONS,
    SPACE_MARK,
    halves,
    looping,
)


@dataclass(frozen=True)
class DecodingOptions:
    beam_size: int = 4
    length_penalty: float = 0.2
    replace_unknowns: bool = True
    min_decoding_length: int | None = None
    max_decoding_length: int | None = None
    """Left to CTranslate2 (as Argos does) unless set; benchmarks fix both to compare like with like."""
    guards: bool = True
    """Decode again a sentence that looped or hit the length limit (and flag it); off: exactly Argos."""


@dataclass
class LoadedModel:
    package: InstalledPackage
    translator: Any
    tokenizer: Any
    replicas: int = 1
    """CTranslate2 workers (inter_threads), one CPU thread each."""

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        return self.tokenizer.encode(list(sentences), out_type=str)

    def known(self, token: str) -> bool:
        """Whether the token is in the model's vocabulary (SentencePiece emits unknown characters as-is)."""
        return self.tokenizer.piece_to_id(token) != self.tokenizer.unk_id()

    def decode(self, tokens: Sequence[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        return self.tokenizer.decode_pieces(list(tokens)).replace(SPACE_MARK, " ").strip()

    @property
    def target_prefix(self) -> str:
        return self.package.target_prefix or ""

    def parallel(self, count: int, options: dict[str, Any]) -> dict[str, Any]:
        """Options that split a call of `count` sentences between the replicas: CTranslate2 runs the
        sub-batches of max_batch_size in parallel, one per replica."""
        most = options.get("max_batch_size") or BATCH_SENTENCES
        return {**options, "max_batch_size": max(1, min(most, -(-count // self.replicas)))}

    def translate_batch(self, sources: list[list[str]], **options: Any) -> list[Any]:
        return self.translator.translate_batch(sources, **self.parallel(len(sources), options))

    def score_batch(self, sources: list[list[str]], targets: list[list[str]], **options: Any) -> list[Any]:
        return self.translator.score_batch(sources, targets, **self.parallel(len(sources), options))

    def target_prefixes(self, count: int) -> list[list[str]] | None:
        prefix = self.package.target_prefix
        return [[prefix] for _ in range(count)] if prefix else None


_models: dict[tuple, LoadedModel] = {}
_models_lock = threading.Lock()


def load_model(package: InstalledPackage, threads: int = 0, compute_type: str = "int8") -> LoadedModel:
    """The package's model and tokenizer, loaded once per process and shared."""
    key = (str(package.path), package.version, threads, compute_type)
    with _models_lock:
        if key in _models:
            return _models[key]
        if not package.sentencepiece_model.is_file():
            raise ModelError(
                f"The package {package.path.name} has no sentencepiece.model (an old BPE package?); "
                f"install a current package for {package.from_code} -> {package.to_code}."
            )
        import ctranslate2
        import sentencepiece

        try:
            translator = ctranslate2.Translator(
                str(package.model_dir),
                device="cpu",
                compute_type=compute_type,
                # One thread per replica, replicas sharing the weights: a small batch (a sentence being
                # forced, a title) decodes several times faster than on threads that must synchronise
                # every step, and a large one is split between the replicas (see LoadedModel.parallel).
                inter_threads=threads or default_replicas(),
                intra_threads=1,
            )
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_model))
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(
                f"Could not load the model in {package.path} ({exc}); reinstall the package."
            ) from None
        _models[key] = LoadedModel(package, translator, tokenizer, translator.num_translators)
        return _models[key]


DEFAULT_MAX_REPLICAS = 8
"""Replicas when the user sets no thread count: each holds its own working memory."""


def default_replicas() -> int:
    """The cores this process may run on (a container's or taskset's limit), at most DEFAULT_MAX_REPLICAS."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return max(1, min(usable, DEFAULT_MAX_REPLICAS))


def split_long(tokens: list[str], limit: int = MAX_INPUT_TOKENS) -> list[list[str]]:
    """Cut a token sequence into pieces of at most `limit` tokens, preferring word starts."""
    pieces: list[list[str]] = []
    rest = tokens
    while len(rest) > limit:
        cut = max((i for i in range(limit // 2, limit + 1) if rest[i].startswith(SPACE_MARK)), default=limit)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def length_sorted_batches(
    lengths: Sequence[int], max_tokens: int = BATCH_TOKENS, max_sentences: int = BATCH_SENTENCES
) -> list[list[int]]:
    """Indices grouped into batches of similar length, so little compute goes to padding."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = max(lengths[i], *(lengths[j] for j in current[-1:])) if current else lengths[i]
        if current and (len(current) >= max_sentences or longest * (len(current) + 1) > max_tokens):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


@dataclass(frozen=True)
class Decoded:
    """One package's output for many sentences: texts, first-pass tokens and attention, guard codes."""

    texts: list[str]
    decodings: list[tuple[list[str], Any] | None]
    guards: list[tuple[str, ...]]


class ArgosTranslator:
    """Translates with the Argos packages installed in settings.package_dir."""

    def __init__(
        self,
        settings: Settings | None = None,
        decoding: DecodingOptions | None = None,
        packages: Sequence[InstalledPackage] | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.decoding = decoding or DecodingOptions(beam_size=self.settings.beam_size)
        self._packages = tuple(packages) if packages is not None else None

    @property
    def packages(self) -> tuple[InstalledPackage, ...]:
        if self._packages is None:
            self._packages = installed_packages(self.settings.package_dir)
        return self._packages

    def refresh(self) -> None:
        self._packages = None

    def installed(self) -> tuple[ModelInfo, ...]:
        return tuple(ModelInfo(p.from_code, p.to_code, p.version, str(p.path)) for p in self.packages)

    def _direct(self) -> dict[tuple[str, str], InstalledPackage]:
        return {p.pair: p for p in self.packages}

    def pairs(self) -> tuple[LanguagePair, ...]:
        return available_pairs(set(self._direct()))

    def route(self, source: str, target: str) -> tuple[InstalledPackage, ...]:
        direct = self._direct()
        langs = plan_route(set(direct), source, target)
        return tuple(direct[(a, b)] for a, b in zip(langs, langs[1:]))

    def models_for(self, source: str, target: str) -> tuple[ModelInfo, ...]:
        return tuple(
            ModelInfo(p.from_code, p.to_code, p.version, str(p.path)) for p in self.route(source, target)
        )

    def model(self, package: InstalledPackage) -> LoadedModel:
        return load_model(package, self.settings.threads, self.settings.compute_type)

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        *,
        constraints: Constraints | None = None,
        progress: Progress | None = None,
    ) -> list[TranslatedSentence]:
        hops = self.route(source, target)
        texts = list(sentences)
        guards: list[tuple[str, ...]] = [() for _ in texts]
        total = len(texts) * len(hops)
        for hop_index, package in enumerate(hops):
            offset = hop_index * len(texts)

            def hop_progress(done: int, _total: int, offset: int = offset) -> None:
                if progress is not None:
                    progress(offset + done, total)

            # Attention and re-decoding need the source the last model saw: enforcement runs on a direct route.
            keep = constraints is not None and len(hops) == 1 and any(constraints.per_sentence)
            decoded = self.decode_texts(self.model(package), texts, progress=hop_progress, attention=keep)
            texts, decodings = decoded.texts, decoded.decodings
            for i, codes in enumerate(decoded.guards):
                guards[i] = tuple(dict.fromkeys((*guards[i], *codes)))
        outputs = [TranslatedSentence(t) for t in texts]
        if constraints is not None:
            from translit.mt.enforce import Enforcer, enforce

            enforcer = None
            if len(hops) == 1:
                enforcer = Enforcer(self.model(hops[0]), self.decode_options(), constraints.preferred_forms)
            outputs = enforce(
                sentences, outputs, constraints.per_sentence, enforcer, constraints.repair, decodings=decodings
            )
        return [replace(out, qa=codes) if codes else out for out, codes in zip(outputs, guards)]

    def decode_options(self) -> dict[str, Any]:
        options = self.decoding
        chosen = {
            "beam_size": options.beam_size,
            "length_penalty": options.length_penalty,
            "replace_unknowns": options.replace_unknowns,
        }
        for name in ("min_decoding_length", "max_decoding_length"):
            if getattr(options, name) is not None:
                chosen[name] = getattr(options, name)
        return chosen

    def translate_texts(
        self, model: LoadedModel, texts: Sequence[str], *, progress: Progress | None = None
    ) -> list[str]:
        """One package, many sentences: encode, batch by length, decode; order preserved."""
        return self.decode_texts(model, texts, progress=progress).texts

    def decode_texts(
        self, model: LoadedModel, texts: Sequence[str], *, progress: Progress | None = None, attention: bool = False
    ) -> Decoded:
        """Translations, plus (with attention=True) each sentence's output tokens and attention.

        Sentences cut into pieces (too long for the model), and sentences a guard decoded again, get
        no tokens/attention: None.
        """
        wanted = [i for i, t in enumerate(texts) if t.strip()]
        chunks: list[list[str]] = []
        owner: list[int] = []
        for i, tokens in zip(wanted, model.encode([texts[i] for i in wanted])):
            for piece in split_long(tokens):
                chunks.append(piece)
                owner.append(i)
        results: list[list[str]] = [[] for _ in texts]
        translated_chunks: list[str] = [""] * len(chunks)
        hypotheses: list[list[str]] = [[] for _ in chunks]
        decodings: list[tuple[list[str], Any] | None] = [None] * len(texts)
        finished_owners: set[int] = set()
        pieces = Counter(owner)
        remaining = Counter(owner)
        for batch in length_sorted_batches([len(c) for c in chunks]):
            decoded = self.decode_batch(model, [chunks[i] for i in batch], return_attention=attention)
            for chunk_index, result in zip(batch, decoded):
                tokens = result.hypotheses[0]
                hypotheses[chunk_index] = tokens
                translated_chunks[chunk_index] = model.decode(tokens)
                if attention and pieces[owner[chunk_index]] == 1:
                    decodings[owner[chunk_index]] = (tokens, result.attention[0] if result.attention else None)
                remaining[owner[chunk_index]] -= 1
                if remaining[owner[chunk_index]] == 0:
                    finished_owners.add(owner[chunk_index])
            if progress is not None:
                skipped = len(texts) - len(wanted)
                progress(skipped + len(finished_owners), len(texts))
        guards: list[tuple[str, ...]] = [() for _ in texts]
        redone = self.guarded(model, chunks, hypotheses) if self.decoding.guards else {}
        for chunk_index, (text, codes) in redone.items():
            translated_chunks[chunk_index] = text
            guards[owner[chunk_index]] = tuple(dict.fromkeys((*guards[owner[chunk_index]], *codes)))
            decodings[owner[chunk_index]] = None
        for chunk_index, text in enumerate(translated_chunks):
            results[owner[chunk_index]].append(text)
        joined = [" ".join(parts) if parts else texts[i] for i, parts in enumerate(results)]
        return Decoded(joined, decodings, guards)

    def guarded(
        self, model: LoadedModel, chunks: list[list[str]], hypotheses: list[list[str]]
    ) -> dict[int, tuple[str, tuple[str, ...]]]:
        """Chunks decoded again because the first output looped or stopped at the length limit.

        A loop the source does not have is decoded again with a repetition penalty; an output cut at
        the length limit is decoded again in two halves. Returns, per such chunk, the new text and
        what happened ("repetition", "length_limit"), which the sentence records as a QA flag.
        """
        limit = self.decoding.max_decoding_length or DEFAULT_MAX_DECODING_LENGTH
        loops = [i for i, tokens in enumerate(hypotheses) if looping(tokens) and not looping(chunks[i])]
        cut = [i for i, tokens in enumerate(hypotheses) if i not in loops and len(tokens) >= limit]
        redone: dict[int, tuple[str, tuple[str, ...]]] = {}
        if loops:
            again = self.decode_batch(model, [chunks[i] for i in loops], **REPETITION_OPTIONS)
            for i, result in zip(loops, again):
                redone[i] = (model.decode(result.hypotheses[0]), ("repetition",))
        for i in cut:
            split = halves(chunks[i])
            if split is None:
                redone[i] = (model.decode(hypotheses[i]), ("length_limit",))
                continue
            parts = self.decode_batch(model, list(split))
            redone[i] = (" ".join(model.decode(r.hypotheses[0]) for r in parts), ("length_limit",))
        return redone

    def decode_batch(self, model: LoadedModel, batch: list[list[str]], **extra: Any) -> list[Any]:
        """CTranslate2's results for one batch (hypotheses, and attention when asked for)."""
        return model.translate_batch(
            batch, target_prefix=model.target_prefixes(len(batch)), **{**self.decode_options(), **extra}
        )
