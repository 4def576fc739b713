"""Limits of CTranslate2 + SentencePiece decoding that every part driving such a model shares.

Kept apart from the Argos translator so forced decoding (mt/enforce.py) can use them without
importing the backend that calls it.
"""

MAX_INPUT_TOKENS = 200
"""Longer inputs are cut at word boundaries into pieces the model can take (never truncated)."""

BATCH_TOKENS = 4096
BATCH_SENTENCES = 64
SCORE_BATCH_ROWS = 8
"""Rows per score_batch sub-batch: each row encodes its source again, and small sub-batches pad less
(202 rows of a forced article run: 2.5-2.9 s at 64 rows, 1.8-1.9 s at 8 or 4; benchmarks/startup.py)."""
SPACE_MARK = "\u2581"
"""SentencePiece's word-start mark."""

DEFAULT_MAX_DECODING_LENGTH = 256
"""CTranslate2's max_decoding_length when none is given: an output this long was cut, silently."""

REPETITION_OPTIONS = {"no_repeat_ngram_size": 4, "repetition_penalty": 1.3}
"""Decoding options for a second try at a sentence the model looped on."""

LOOP_REPEATS = 4
"""An n-gram (n <= LOOP_MAX_N) written this many times in a row is a loop ("З З З З", "pre- pre- pre- pre-")."""
LOOP_MAX_N = 4


def looping(tokens: list[str]) -> bool:
    """Whether the tokens hold a run of LOOP_REPEATS copies of one n-gram."""
    for n in range(1, LOOP_MAX_N + 1):
        for start in range(len(tokens) - n * LOOP_REPEATS + 1):
            gram = tokens[start : start + n]
            if all(tokens[start + k * n : start + (k + 1) * n] == gram for k in range(1, LOOP_REPEATS)):
                return True
    return False


def halves(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """The tokens cut in two at the word start nearest the middle; None when too short to cut."""
    starts = [i for i, t in enumerate(tokens) if t.startswith(SPACE_MARK) and 4 <= i <= len(tokens) - 4]
    if not starts:
        return None
    cut = min(starts, key=lambda i: abs(i - len(tokens) // 2))
    return tokens[:cut], tokens[cut:]
