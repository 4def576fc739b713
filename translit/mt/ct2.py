"""Limits of CTranslate2 + SentencePiece decoding that every part driving such a model shares.

Kept apart from the Argos translator so forced decoding (mt/enforce.py) can use them without
importing the backend that calls it.
"""

MAX_INPUT_TOKENS = 200
"""Longer inputs are cut at word boundaries into pieces the model can take (never truncated)."""

BATCH_TOKENS = 4096
BATCH_SENTENCES = 64
SPACE_MARK = "\u2581"
"""SentencePiece's word-start mark."""
