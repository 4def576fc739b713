"""What every translation backend offers, and how a language pair is routed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from translit.document import ModelInfo, TermHit, TermUse
from translit.errors import MissingModelError

PIVOT_LANGUAGE = "en"

Progress = Callable[[int, int], None]
"""progress(done, total): called after each batch with sentences done so far."""


@dataclass(frozen=True)
class LanguagePair:
    source: str
    target: str
    via: str = ""

    @property
    def label(self) -> str:
        hop = f" (via {self.via})" if self.via else ""
        return f"{self.source} -> {self.target}{hop}"


@dataclass(frozen=True)
class TermConstraint:
    """A glossary term the translation of one sentence must contain.

    forms: acceptable target renderings, the base form first (inflected forms of the approved term);
    wrong: renderings that must not appear (suppressed while decoding).
    """

    hit: TermHit
    forms: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    """Forms to choose among when forcing (those agreeing in number with the source); empty: all forms."""


Repair = Callable[[str, Sequence[TermConstraint]], tuple[str, frozenset[int]]]
"""repair(text, constraints) -> (text, indices of the constraints whose wrong rendering was replaced)."""


def no_repair(text: str, constraints: Sequence[TermConstraint]) -> tuple[str, frozenset[int]]:
    """The Repair that changes nothing (no glossary, or a sentence whose translation it shares)."""
    return text, frozenset()


@dataclass(frozen=True)
class Constraints:
    """What glossary enforcement needs from the glossary, for one document.

    per_sentence: the constraints of each sentence, in sentence order;
    repair(text, constraints): listed wrong renderings of the sentence's terms replaced in place;
    preferred_forms(prefix, constraint): the term's forms the words before it call for, best first.
    """

    per_sentence: tuple[tuple[TermConstraint, ...], ...]
    repair: Repair
    preferred_forms: Callable[[str, TermConstraint], tuple[str, ...]]


@dataclass(frozen=True)
class TranslatedSentence:
    """One sentence's translation and how its constrained terms and spans came through.

    checked_text: what the checks read when the sentence shares its translation with a neighbour
    (a given translation that joined two sentences); empty means `text`.
    """

    text: str
    terms: tuple[TermUse, ...] = ()
    checked_text: str = ""
    qa: tuple[str, ...] = ()
    """What the decoder had to do again ("repetition", "length_limit"): shown as flags for a person."""

    @property
    def checked(self) -> str:
        return self.checked_text or self.text


class Translator(Protocol):
    """A translation backend: what it can translate, what it has installed, and the translation itself."""

    def pairs(self) -> tuple[LanguagePair, ...]: ...

    def installed(self) -> tuple[ModelInfo, ...]:
        """The models the backend has, for the UI's inventory (and for cache keys)."""
        ...

    def refresh(self) -> None:
        """Look again at what is installed (after an install or a removal)."""
        ...

    def models_for(self, source: str, target: str) -> tuple[ModelInfo, ...]: ...

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        *,
        constraints: Constraints | None = None,
        progress: Progress | None = None,
    ) -> list[TranslatedSentence]: ...


class ModelStore(Protocol):
    """A backend's models on disk, for the app's Models panel and `translit models`."""

    def installed(self) -> tuple[Any, ...]:
        """The installed models, each with from_code, to_code, version, name, path and size_bytes."""
        ...

    def install(self, path: Path, *, force: bool = False) -> Any: ...

    def remove(self, source: str, target: str) -> Any: ...

    def available(self, index_url: str | None = None) -> Any:
        """What the backend's model index offers (needs the network)."""
        ...

    def download(
        self, source: str, target: str, *, progress: Callable[[int, int | None], None] | None = None,
        index_url: str | None = None, force: bool = False,
    ) -> Any: ...


def plan_route(direct: set[tuple[str, str]], source: str, target: str) -> tuple[str, ...]:
    """Languages visited from source to target: direct if a package exists, else through English."""
    if (source, target) in direct:
        return (source, target)
    pivot = PIVOT_LANGUAGE
    if source != pivot and target != pivot and (source, pivot) in direct and (pivot, target) in direct:
        return (source, pivot, target)
    available = ", ".join(f"{s}->{t}" for s, t in sorted(direct)) or "none"
    raise MissingModelError(
        f"No Argos package translates {source} -> {target} (installed: {available}). "
        f"Install one with `translit models install FILE.argosmodel`, or "
        f"`translit models download {source} {target}` when online."
    )


def available_pairs(direct: set[tuple[str, str]]) -> tuple[LanguagePair, ...]:
    """Direct pairs plus those reachable through English."""
    pairs = {(s, t): LanguagePair(s, t) for s, t in direct}
    for s, p in direct:
        if p != PIVOT_LANGUAGE:
            continue
        for p2, t in direct:
            if p2 == PIVOT_LANGUAGE and s != t and (s, t) not in pairs:
                pairs[(s, t)] = LanguagePair(s, t, via=PIVOT_LANGUAGE)
    return tuple(pairs[k] for k in sorted(pairs))
