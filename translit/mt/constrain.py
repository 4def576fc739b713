"""Glossary terms forced into translations, with CTranslate2's own decoder.

For each sentence whose translation lacks an approved term:
1. find where the term belongs: the target position whose attention falls most on the term's
   source tokens (from `return_attention`), moved back to a word start;
2. choose the term's form: every inflected form is scored after that prefix with `score_batch`,
   plus a bonus for the case and number the preceding words call for, so the phrase agrees;
3. re-decode with `target_prefix` = output so far + the chosen form, suppressing the term's wrong
   renderings, so the rest of the sentence is written around the term.
Then every wrong rendering or community variant left in the output is replaced by the approved
form, and a term still missing (only when the source had to be cut into pieces, or in a pivot
translation) is inserted by text: status "fallback". Each sentence records, per term, whether
it was "present", "forced" or a "fallback".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from translit.document import TermUse
from translit.mt.base import TermConstraint, TranslatedSentence

SPACE_MARK = "\u2581"
CONTEXT_BONUS = (1.0, 0.5, 0.25)
"""Added to a form's mean log-probability when its case is the 1st/2nd/3rd the context suggests."""


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def find_form(text: str, forms: Sequence[str]) -> tuple[int, int, str] | None:
    """First occurrence of any form as whole words, ignoring case and ё/е: (start, end, form)."""
    folded = fold(text)
    best: tuple[int, int, str] | None = None
    for form in sorted(forms, key=len, reverse=True):
        if not form:
            continue
        pattern = r"(?<!\w)" + re.escape(fold(form)) + r"(?!\w)"
        match = re.search(pattern, folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end(), text[match.start() : match.end()])
    return best


@dataclass(frozen=True)
class Placement:
    prefix: list[str]
    prefix_text: str


def source_token_range(tokens: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Indices [first, last) of the SentencePiece tokens covering characters [start, end) of the source."""
    position = -1  # SentencePiece adds a leading space mark to the first word
    first, last = None, None
    for index, token in enumerate(tokens):
        token_start = position + (1 if token.startswith(SPACE_MARK) else 0)
        position += len(token)
        if position > start and first is None and token_start < end:
            first = index
        if token_start < end:
            last = index + 1
    if first is None:
        return (0, len(tokens))
    return (first, max(last or first + 1, first + 1))


def placement(target_tokens: list[str], attention: list[list[float]] | None, span: tuple[int, int]) -> int:
    """Target index where the term should start: most attention on its source tokens, at a word start."""
    if not target_tokens:
        return 0
    if attention:
        masses = [sum(row[span[0] : span[1]]) for row in attention[: len(target_tokens)]]
        position = max(range(len(masses)), key=lambda i: masses[i])
    else:
        position = len(target_tokens)
    while 0 < position < len(target_tokens) and not target_tokens[position].startswith(SPACE_MARK):
        position -= 1
    return position


class Enforcer:
    """Runs constrained decoding for one model; `model` is a translit.mt.argos.LoadedModel."""

    def __init__(
        self,
        model: Any,
        decode_options: dict[str, Any],
        preferred_forms: Callable[[str, TermConstraint], tuple[str, ...]] | None = None,
    ) -> None:
        self.model = model
        self.options = decode_options
        self.preferred_forms = preferred_forms

    def _prefix(self, tokens: list[str]) -> list[str]:
        package_prefix = self.model.package.target_prefix
        return ([package_prefix] if package_prefix else []) + tokens

    def _strip_prefix(self, tokens: list[str]) -> list[str]:
        package_prefix = self.model.package.target_prefix
        return tokens[1:] if package_prefix and tokens and tokens[0] == package_prefix else list(tokens)

    def decode(self, source: list[str], prefix: list[str], suppress: list[list[str]]) -> tuple[list[str], Any]:
        result = self.model.translator.translate_batch(
            [source],
            target_prefix=[self._prefix(prefix)] if self._prefix(prefix) else None,
            return_attention=True,
            suppress_sequences=suppress or None,
            **self.options,
        )[0]
        tokens = result.hypotheses[0]
        attention = result.attention[0] if result.attention else None
        offset = len(tokens) - len(self._strip_prefix(tokens))
        return self._strip_prefix(tokens), (attention[offset:] if attention else None)

    def choose_form(
        self, source: list[str], prefix: list[str], constraint: TermConstraint
    ) -> tuple[str, list[str]]:
        """The form that best continues the prefix: model score plus the context's case preference."""
        forms = constraint.forms
        encoded = [self.model.encode([form])[0] for form in forms]
        targets = [self._prefix(prefix) + tokens for tokens in encoded]
        scores = self.model.translator.score_batch([source] * len(forms), targets)
        prefix_text = self.model.decode(prefix)
        wanted = self.preferred_forms(prefix_text, constraint) if self.preferred_forms else ()
        best_index, best_score = 0, float("-inf")
        for index, (form, tokens, scored) in enumerate(zip(forms, encoded, scores)):
            term_scores = scored.log_probs[len(targets[index]) - len(tokens) : len(targets[index])]
            score = sum(term_scores) / max(len(term_scores), 1)
            score += self.form_bonus(form, wanted)
            if score > best_score:
                best_index, best_score = index, score
        return forms[best_index], encoded[best_index]

    def form_bonus(self, form: str, wanted: Sequence[str]) -> float:
        for rank, candidate in enumerate(wanted[: len(CONTEXT_BONUS)]):
            if fold(candidate) == fold(form):
                return CONTEXT_BONUS[rank]
        return 0.0

    def protected_length(self, tokens: list[str], keep: Sequence[Sequence[str]]) -> int:
        """Fewest leading tokens whose text still holds every term already in place."""
        if not keep:
            return 0
        for length in range(len(tokens) + 1):
            text = self.model.decode(tokens[:length])
            if all(find_form(text, forms) for forms in keep):
                return length
        return len(tokens)

    def force(
        self, source_text: str, current: str, constraint: TermConstraint, keep: Sequence[Sequence[str]] = ()
    ) -> str | None:
        """The sentence re-decoded around the term, keeping the terms in `keep` (their forms) in the prefix.

        None when the source is too long to decode in one piece.
        """
        from translit.mt.argos import MAX_INPUT_TOKENS

        source = self.model.encode([source_text])[0]
        if len(source) > MAX_INPUT_TOKENS:
            return None
        span = source_token_range(source, constraint.hit.start, constraint.hit.end)
        known = self.model.known
        suppress = [
            tokens for tokens in (self.model.encode([w])[0] for w in constraint.wrong if w.strip())
            if all(known(t) for t in tokens)
        ]
        current_tokens = [t for t in self.model.encode([current])[0] if known(t)]
        choices = constraint.candidates or constraint.forms
        forms = [f for f in choices if all(known(t) for t in self.model.encode([f])[0])]
        if not forms:
            return None  # the model cannot spell the term (a character outside its vocabulary)
        target, attention = self.decode(source, current_tokens, [])
        position = max(placement(target, attention, span), self.protected_length(target, keep))
        prefix = target[:position]
        _, form_tokens = self.choose_form(source, prefix, replace(constraint, forms=tuple(forms)))
        forced, _ = self.decode(source, prefix + form_tokens, suppress)
        head, text = self.model.decode(prefix + form_tokens), self.model.decode(forced)
        # The decoder may continue the term's last word ("судьи" + "ийться"); keep the term a word of its own.
        if text.startswith(head) and text[len(head) : len(head) + 1].isalnum():
            text = f"{head} {text[len(head):]}"
        return text


def insert_by_text(text: str, form: str, relative_position: float) -> str:
    """Put the form between words, near the same relative position as in the source."""
    if not text.strip():
        return form
    target = int(len(text) * relative_position)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces or relative_position <= 0.05:
        return f"{form} {text}"
    cut = min(spaces, key=lambda i: abs(i - target))
    return f"{text[:cut]} {form}{text[cut:]}"


def enforce_sentence(
    source_text: str,
    output: str,
    constraints: Sequence[TermConstraint],
    enforcer: Enforcer | None,
    repair: Callable[[str], str],
    rounds: int = 2,
) -> TranslatedSentence:
    """Make every constrained term appear in the output; record how each got there.

    Terms are forced in source order; each forced decode keeps the terms already in place in its
    prefix. A term lost by a later decode is forced again in the next round; text insertion is the
    last resort.
    """
    text = repair(output)
    statuses = {i: "present" for i, c in enumerate(constraints) if find_form(text, c.forms)}
    # A repeated term can be satisfied by forcing its twin: it is then "forced" too.
    forced_by_twin = "forced"
    order = sorted(range(len(constraints)), key=lambda i: constraints[i].hit.start)
    for _ in range(rounds if enforcer else 0):
        missing = [i for i in order if not find_form(text, constraints[i].forms)]
        if not missing:
            break
        for index in missing:
            if find_form(text, constraints[index].forms):
                continue
            keep = [c.forms for c in constraints if find_form(text, c.forms)]
            forced = enforcer.force(source_text, text, constraints[index], keep)
            if forced is None:
                break
            forced = repair(forced)
            if find_form(forced, constraints[index].forms) and all(find_form(forced, f) for f in keep):
                text, statuses[index] = forced, "forced"
    for index in order:
        if not find_form(text, constraints[index].forms):
            position = constraints[index].hit.start / max(len(source_text), 1)
            text, statuses[index] = insert_by_text(text, constraints[index].forms[0], position), "fallback"
    uses = []
    for index, constraint in enumerate(constraints):
        found = find_form(text, constraint.forms)
        status = statuses.get(index, forced_by_twin)
        uses.append(TermUse(constraint.hit, status, found[2] if found else constraint.forms[0]))
    return TranslatedSentence(text, tuple(uses))


def enforce(
    sources: Sequence[str],
    outputs: Sequence[TranslatedSentence],
    constraints: Sequence[Sequence[TermConstraint]],
    enforcer: Enforcer | None,
    repair: Callable[[str], str],
) -> list[TranslatedSentence]:
    results = []
    for source, output, sentence_constraints in zip(sources, outputs, constraints):
        if sentence_constraints:
            results.append(enforce_sentence(source, output.text, sentence_constraints, enforcer, repair))
        else:
            results.append(output)
    return results
