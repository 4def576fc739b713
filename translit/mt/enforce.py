"""Glossary terms forced into translations, with CTranslate2's own decoder.

Work goes in rounds over the whole document, each round one batched CTranslate2 call: in every
sentence that still lacks an approved term, the first missing term (in source order) is forced:
1. find where the term belongs: the target position whose attention falls most on the term's
   source tokens (from `return_attention`), moved back to a word start;
2. choose the term's form: every inflected form is scored after that prefix with `score_batch`,
   plus a bonus for the case and number the preceding words call for, so the phrase agrees (a term
   with one form is not scored);
3. re-decode with `target_prefix` = output so far + the chosen form, suppressing the term's wrong
   renderings, so the rest of the sentence is written around the term.
Before forcing, a listed wrong rendering of a term the source asked for is repaired in place (see
terms.repair). Nothing is ever pasted into a sentence by text: a term still missing (the source had
to be cut into pieces, a pivot translation, a given translation, a chosen form that would end past
the decoding limit, or two failed attempts) leaves the sentence as it was and is flagged with the
reason, for a person to check. Each sentence records, per
term, whether it was present, repaired, forced or flagged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from translit import i18n
from translit.document import TermStatus, TermUse
from translit.mt.base import Repair, TermConstraint, TranslatedSentence
from translit.mt.ct2 import BATCH_SENTENCES, MAX_INPUT_TOKENS, SCORE_BATCH_ROWS, SPACE_MARK

CONTEXT_BONUS = (1.0, 0.5, 0.25)
"""Added to a form's mean log-probability when its case is the 1st/2nd/3rd the context suggests."""


class Decoder(Protocol):
    """What forced decoding needs from a model: tokens both ways, and CTranslate2-style batched calls
    with prefix decoding, attention and scoring (translate_batch / score_batch)."""

    @property
    def target_prefix(self) -> str:
        """A token every output must start with (a language tag), or ""."""
        ...

    def encode(self, sentences: Sequence[str]) -> list[list[str]]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...

    def known(self, token: str) -> bool: ...

    def translate_batch(self, sources: list[list[str]], **options: Any) -> list[Any]: ...

    def score_batch(self, sources: list[list[str]], targets: list[list[str]], **options: Any) -> list[Any]: ...


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def find_form(text: str, forms: Sequence[str]) -> tuple[int, int, str] | None:
    """First occurrence of any form as whole words, ignoring case and ё/е: (start, end, form); at one
    start, the longest form."""
    folded = fold(text)
    best: tuple[int, int, str] | None = None
    for wanted in _folded_longest_first(tuple(forms)):
        at = folded.find(wanted)
        while at >= 0 and (best is None or at < best[0]):
            end = at + len(wanted)
            if not (at and word_char(folded[at - 1])) and not (end < len(folded) and word_char(folded[end])):
                best = (at, end, text[at:end])
                break
            at = folded.find(wanted, at + 1)
    return best


@functools.lru_cache(maxsize=4096)
def _folded_longest_first(forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(form) for form in sorted(forms, key=len, reverse=True) if form)


def word_char(char: str) -> bool:
    """What the regular expression \\w matches in a text: a letter, a digit or an underscore."""
    return char.isalnum() or char == "_"


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


@dataclass
class SentenceWork:
    """One sentence while its terms are being enforced (working state, not a pipeline value)."""

    source_text: str
    constraints: tuple[TermConstraint, ...]
    text: str
    source_tokens: list[str] = field(default_factory=list)
    tokens: list[str] | None = None
    attention: list[list[float]] | None = None
    statuses: dict[int, TermStatus] = field(default_factory=dict)
    attempts: dict[int, int] = field(default_factory=dict)
    unforced_reason: str = ""

    def satisfied(self, index: int) -> bool:
        return find_form(self.text, self.constraints[index].forms) is not None

    def next_missing(self, max_attempts: int) -> int | None:
        order = sorted(range(len(self.constraints)), key=lambda i: self.constraints[i].hit.start)
        for index in order:
            if not self.satisfied(index) and self.attempts.get(index, 0) < max_attempts:
                return index
        return None

    def kept_forms(self) -> list[tuple[str, ...]]:
        return [c.forms for i, c in enumerate(self.constraints) if self.satisfied(i)]

    def finish(self) -> TranslatedSentence:
        """How every term got into the translation; a missing one is flagged, the text left alone."""
        uses = []
        for index, constraint in enumerate(self.constraints):
            found = find_form(self.text, constraint.forms)
            if found is None:
                tried = self.attempts.get(index, 0) > 0
                code = FLAG_NOT_PLACED if tried or not self.unforced_reason else self.unforced_reason
                uses.append(TermUse(constraint.hit, TermStatus.FLAGGED, "", i18n.flag(code), flag=code))
                continue
            # A repeated term can be satisfied by forcing its twin: it is then "forced" too.
            status = self.statuses.get(index, TermStatus.FORCED)
            uses.append(TermUse(constraint.hit, status, found[2]))
        return TranslatedSentence(self.text, tuple(uses))


FLAG_NOT_PLACED = "not_placed"
FLAG_TOO_LONG = "too_long"
FLAG_PIVOT = "pivot"
FLAG_GIVEN = "given"
FLAG_BACKEND = "backend"
FLAG_EDITED = "edited"
FLAG_MEMORY = "memory"
"""Flag codes: the reasons themselves are in i18n ("flag_<code>"), in English and Russian."""


@dataclass(frozen=True)
class Task:
    work: SentenceWork
    index: int
    prefix: list[str]
    forms: tuple[str, ...]
    form_tokens: tuple[tuple[str, ...], ...]
    """Each form's tokens, encoded once when the task is planned."""


class Enforcer:
    """Constrained decoding with one model (any Decoder), batched over sentences."""

    MAX_ATTEMPTS = 2

    def __init__(
        self,
        model: Decoder,
        decode_options: dict[str, Any],
        preferred_forms: Callable[[str, TermConstraint], tuple[str, ...]] | None = None,
    ) -> None:
        self.model = model
        self.options = decode_options
        self.preferred_forms = preferred_forms

    def _prefix(self, tokens: list[str]) -> list[str]:
        package_prefix = self.model.target_prefix
        return ([package_prefix] if package_prefix else []) + tokens

    def _strip_prefix(self, tokens: list[str]) -> list[str]:
        package_prefix = self.model.target_prefix
        return tokens[1:] if package_prefix and tokens and tokens[0] == package_prefix else list(tokens)

    def known_tokens(self, text: str) -> list[str] | None:
        tokens = self.model.encode([text])[0]
        return tokens if all(self.model.known(t) for t in tokens) else None

    def decode_many(
        self, sources: list[list[str]], prefixes: list[list[str]], suppress: list[list[str]]
    ) -> list[tuple[list[str], list[list[float]] | None]]:
        """One batched call: each source continued from its prefix, with attention."""
        # max_batch_size: CTranslate2 splits the call (sorted by length), so memory stays bounded
        # however many sentences a round holds.
        results = self.model.translate_batch(
            sources,
            target_prefix=[self._prefix(p) for p in prefixes],
            return_attention=True,
            suppress_sequences=suppress or None,
            max_batch_size=BATCH_SENTENCES,
            **self.options,
        )
        return [
            self.without_package_prefix(r.hypotheses[0], r.attention[0] if r.attention else None) for r in results
        ]

    def without_package_prefix(self, tokens: list[str], attention: Any) -> tuple[list[str], Any]:
        """Output tokens and their attention rows, without the package's target prefix token."""
        stripped = self._strip_prefix(tokens)
        offset = len(tokens) - len(stripped)
        return stripped, (attention[offset:] if attention else None)

    def refresh(self, works: list[SentenceWork]) -> None:
        """Target tokens and attention for each sentence's current text (one batched call)."""
        stale = [w for w in works if w.tokens is None]
        if not stale:
            return
        prefixes = [[t for t in self.model.encode([w.text])[0] if self.model.known(t)] for w in stale]
        for work, (tokens, attention) in zip(stale, self.decode_many([w.source_tokens for w in stale], prefixes, [])):
            work.tokens, work.attention = tokens, attention

    def form_bonus(self, form: str, wanted: Sequence[str]) -> float:
        for rank, candidate in enumerate(wanted[: len(CONTEXT_BONUS)]):
            if fold(candidate) == fold(form):
                return CONTEXT_BONUS[rank]
        return 0.0

    def choose_forms(self, tasks: list[Task]) -> list[list[str]]:
        """For each task, the tokens of the form that best continues its prefix (one score_batch call).

        Model score (mean log-probability of the form's tokens after the prefix) plus a bonus for the
        forms the preceding words call for (case after a preposition, number after a numeral).
        """
        sources, targets, spans, owners = [], [], [], []
        only: dict[int, list[str]] = {}
        for number, task in enumerate(tasks):
            if len(task.forms) == 1:  # nothing to choose between
                only[number] = list(task.form_tokens[0])
                continue
            for form, encoded in zip(task.forms, task.form_tokens):
                tokens = list(encoded)
                sources.append(task.work.source_tokens)
                targets.append(self._prefix(task.prefix) + tokens)
                spans.append((len(targets[-1]) - len(tokens), len(targets[-1]), form, tokens))
                owners.append(number)
        scores = self.model.score_batch(sources, targets, max_batch_size=SCORE_BATCH_ROWS) if targets else []
        best: dict[int, tuple[float, list[str]]] = {number: (0.0, tokens) for number, tokens in only.items()}
        wanted = [
            self.preferred_forms(self.model.decode(t.prefix), t.work.constraints[t.index])
            if self.preferred_forms and number not in only else ()
            for number, t in enumerate(tasks)
        ]
        for owner, (start, end, form, tokens), scored in zip(owners, spans, scores):
            term_scores = scored.log_probs[start:end]
            score = sum(term_scores) / max(len(term_scores), 1) + self.form_bonus(form, wanted[owner])
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, tokens)
        return [best[number][1] for number in range(len(tasks))]

    def protected_length(self, tokens: list[str], keep: Sequence[Sequence[str]]) -> int:
        """Fewest leading tokens whose text still holds every term already in place."""
        if not keep:
            return 0
        for length in range(len(tokens) + 1):
            text = self.model.decode(tokens[:length])
            if all(find_form(text, forms) for forms in keep):
                return length
        return len(tokens)

    def plan(self, work: SentenceWork, index: int) -> Task | None:
        """Where and with which candidate forms to force a term; None when it cannot be forced."""
        constraint = work.constraints[index]
        encoded = [(f, tokens) for f in (constraint.candidates or constraint.forms) if (tokens := self.known_tokens(f))]
        if not encoded or work.tokens is None:
            return None
        span = source_token_range(work.source_tokens, constraint.hit.start, constraint.hit.end)
        position = max(
            placement(work.tokens, work.attention, span), self.protected_length(work.tokens, work.kept_forms())
        )
        if not self.fits(work.tokens[:position] + min((tokens for _, tokens in encoded), key=len)):
            return None  # past the decoding limit even in its shortest form: the decoder would cut it off
        return Task(work, index, work.tokens[:position], tuple(f for f, _ in encoded),
                    tuple(tuple(tokens) for _, tokens in encoded))

    def fits(self, prefix: list[str]) -> bool:
        room = self.options.get("max_decoding_length")
        return room is None or len(self._prefix(prefix)) <= room

    def run(self, works: list[SentenceWork], repair: Repair) -> None:
        """Force missing terms in rounds; each round is one batched decode over all sentences."""
        for work in works:
            work.source_tokens = self.model.encode([work.source_text])[0]
            if len(work.source_tokens) > MAX_INPUT_TOKENS:
                work.unforced_reason = FLAG_TOO_LONG
        works = [w for w in works if len(w.source_tokens) <= MAX_INPUT_TOKENS]
        while True:
            pending = [(w, i) for w in works if (i := w.next_missing(self.MAX_ATTEMPTS)) is not None]
            if not pending:
                return
            self.refresh([w for w, _ in pending])
            tasks = []
            for work, index in pending:
                work.attempts[index] = work.attempts.get(index, 0) + 1
                task = self.plan(work, index)
                if task is None:
                    work.attempts[index] = self.MAX_ATTEMPTS
                else:
                    tasks.append(task)
            if not tasks:
                continue
            chosen = self.choose_forms(tasks)
            fitting = []
            for task, tokens in zip(tasks, chosen):
                if self.fits(task.prefix + tokens):
                    fitting.append((task, task.prefix + tokens))
                else:
                    task.work.attempts[task.index] = self.MAX_ATTEMPTS  # the decoder would cut the chosen form off
            if not fitting:
                continue
            suppress = []
            for task, _ in fitting:
                for wrong in task.work.constraints[task.index].wrong:
                    wrong_tokens = self.known_tokens(wrong) if wrong.strip() else None
                    if wrong_tokens and wrong_tokens not in suppress:
                        suppress.append(wrong_tokens)
            decoded = self.decode_many([t.work.source_tokens for t, _ in fitting], [p for _, p in fitting], suppress)
            for (task, prefix), (tokens, attention) in zip(fitting, decoded):
                self.accept(task, prefix, tokens, attention, repair)

    def accept(self, task: Task, prefix: list[str], tokens: list[str], attention, repair) -> None:
        """Take the forced decode if it holds the term and every term already in place."""
        work = task.work
        head, text = self.model.decode(prefix), self.model.decode(tokens)
        # The decoder may continue the term's last word ("судьи" + "ийться"); keep the term a word of its own.
        if text.startswith(head) and text[len(head) : len(head) + 1].isalnum():
            text = f"{head} {text[len(head):]}"
        repaired, _ = repair(text, work.constraints)
        keep = work.kept_forms()
        if find_form(repaired, work.constraints[task.index].forms) and all(find_form(repaired, f) for f in keep):
            work.text = repaired
            work.statuses[task.index] = TermStatus.FORCED
            # The next term is placed on these tokens; a space or repair applied to the text does not
            # move any token, and every later decode is checked and repaired again.
            work.tokens, work.attention = tokens, attention
        else:
            work.attempts[task.index] = self.MAX_ATTEMPTS  # the same decode would fail again: flag it


def enforce(
    sources: Sequence[str],
    outputs: Sequence[TranslatedSentence],
    constraints: Sequence[Sequence[TermConstraint]],
    enforcer: Enforcer | None,
    repair: Repair,
    decodings: Sequence[tuple[list[str], Any] | None] = (),
    unforced_reason: str = FLAG_PIVOT,
) -> list[TranslatedSentence]:
    """Every constrained term present, repaired, forced or flagged; sentences without constraints untouched.

    enforcer None: nothing can be forced (a pivot route, a given translation); missing terms are
    flagged with `unforced_reason`. decodings: the first translation's output tokens and attention per
    sentence, when kept, so the first round need not decode again.
    """
    works: dict[int, SentenceWork] = {}
    for number, (source, output, sentence_constraints) in enumerate(zip(sources, outputs, constraints)):
        if sentence_constraints:
            work = SentenceWork(source, tuple(sentence_constraints), output.text, unforced_reason=unforced_reason)
            work.statuses = {i: TermStatus.PRESENT for i in range(len(work.constraints)) if work.satisfied(i)}
            text, repaired = repair(output.text, work.constraints)
            work.text = text
            work.statuses.update({i: TermStatus.REPAIRED for i in repaired if work.satisfied(i)})
            decoding = decodings[number] if number < len(decodings) else None
            if decoding is not None and enforcer is not None and text == output.text:
                work.tokens, work.attention = enforcer.without_package_prefix(*decoding)
            works[number] = work
    if enforcer is not None and works:
        enforcer.run(list(works.values()), repair)
    return [works[n].finish() if n in works else output for n, output in enumerate(outputs)]
