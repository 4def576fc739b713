"""A translation the user already has, used in place of a model's output ("bring your own translation").

The translation is line-aligned with the article: line i of it translates line i (paragraph i) of
the article, and a line may hold several sentences. Within a line, its sentences are aligned to the
article's sentences by length (1:1, or one sentence to two or three), so terms, names and numbers are
checked sentence by sentence exactly as for a model. Nothing can be forced: a missing term is flagged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from translit.document import Document, ModelInfo
from translit.errors import InputError
from translit.mt.base import Constraints, LanguagePair, Progress, TranslatedSentence, no_repair

# (article sentences, translation sentences) a bead may join, and what an uneven bead costs.
_BEADS = {(1, 1): 0.0, (1, 2): 1.0, (2, 1): 1.0, (1, 3): 2.0, (3, 1): 2.0, (2, 2): 1.5}


class GivenTranslation:
    """The Translator for a translation the user supplies for one article."""

    def __init__(self, document: Document, translation: Document, target: str) -> None:
        lines = [p.text for _, p in translation.content_paragraphs]
        wanted = len(document.content_paragraphs)
        if len(lines) != wanted:
            raise InputError(
                f"The translation has {len(lines)} non-empty lines but the article has {wanted}: line i of the "
                "translation must translate line i of the article. Join or split lines until they match."
            )
        self.document = document
        self.lines = dict(zip((i for i, _ in document.content_paragraphs), lines))
        self.target = target

    def pairs(self) -> tuple[LanguagePair, ...]:
        return ()

    def models_for(self, source: str, target: str) -> tuple[ModelInfo, ...]:
        return ()

    def installed(self) -> tuple[ModelInfo, ...]:
        return ()

    def refresh(self) -> None:
        """Nothing to look at again: the translation is the user's."""

    def aligned(self, source: str) -> list[tuple[str, str]]:
        """Per article sentence: its part of the translation, and the text its checks read (the whole
        bead when several article sentences share one translated sentence)."""
        from translit.segment import segment, split_sentences

        sentences = segment(self.document, source)
        by_paragraph: dict[int, list[str]] = {}
        for sentence in sentences:
            by_paragraph.setdefault(sentence.paragraph, []).append(sentence.text)
        out: list[tuple[str, str]] = []
        for paragraph, texts in by_paragraph.items():
            line = self.lines[paragraph]
            pieces = [line[a:b] for a, b in split_sentences(line, self.target)]
            out += align(texts, pieces)
        return out

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        *,
        constraints: Constraints | None = None,
        progress: Progress | None = None,
    ) -> list[TranslatedSentence]:
        from translit.mt.enforce import FLAG_GIVEN, enforce

        aligned = self.aligned(source)
        if len(aligned) != len(sentences):
            raise InputError("The article changed while its translation was being read; run the command again.")
        outputs = [TranslatedSentence(text, checked_text=checked) for text, checked in aligned]
        if constraints is not None:
            # A sentence that shares its translation with a neighbour is checked, never repaired: the
            # repair would land in the neighbour's text.
            own = [i for i, (text, checked) in enumerate(aligned) if text == checked]
            shared = [i for i, (text, checked) in enumerate(aligned) if text != checked]
            for indices, repair in ((own, constraints.repair), (shared, no_repair)):
                checked = enforce(
                    [sentences[i] for i in indices],
                    [TranslatedSentence(aligned[i][1]) for i in indices],
                    [constraints.per_sentence[i] for i in indices],
                    None, repair, unforced_reason=FLAG_GIVEN,
                )
                for i, result in zip(indices, checked):
                    text = aligned[i][0] if repair is no_repair else result.text
                    outputs[i] = TranslatedSentence(text, result.terms, checked_text=result.text)
        if progress is not None:
            progress(len(sentences), len(sentences))
        return outputs


def align(sources: Sequence[str], targets: Sequence[str]) -> list[tuple[str, str]]:
    """Each source sentence with its translation, by length (a Gale-Church style dynamic programme).

    Returns (translation, checked text) per source sentence. Where several source sentences share
    one translated sentence, the first gets it and the others get "", all checked against it.
    """
    if len(sources) == len(targets):
        return [(t, t) for t in targets]
    if not targets:
        return [("", "") for _ in sources]
    ratio = sum(map(len, targets)) / max(sum(map(len, sources)), 1)
    n, m = len(sources), len(targets)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) not in best:
                continue
            for (di, dj), penalty in _BEADS.items():
                if i + di > n or j + dj > m:
                    continue
                length_s = sum(len(s) for s in sources[i : i + di]) * ratio + 1
                length_t = sum(len(t) for t in targets[j : j + dj]) + 1
                cost = best[(i, j)][0] + abs(math.log(length_s / length_t)) + penalty
                if (i + di, j + dj) not in best or cost < best[(i + di, j + dj)][0]:
                    best[(i + di, j + dj)] = (cost, (i, j))
    if (n, m) not in best:
        joined = " ".join(targets)
        return [(joined, joined)] + [("", joined) for _ in sources[1:]]
    beads = []
    point = (n, m)
    while point != (0, 0):
        previous = best[point][1]
        assert previous is not None
        beads.append((previous, point))
        point = previous
    out: list[tuple[str, str]] = []
    for (i, j), (i2, j2) in reversed(beads):
        text = " ".join(targets[j:j2])
        out += [(text, text)] + [("", text) for _ in range(i2 - i - 1)]
    return out
