"""Everything that knows Argos Translate: its packages, its package index, and the translator that runs
them through CTranslate2 + SentencePiece. No module outside this folder imports argostranslate."""

from translit.mt.argos.translator import (
    ArgosTranslator,
    DecodingOptions,
    LoadedModel,
    length_sorted_batches,
    load_model,
    split_long,
)
from translit.mt.ct2 import BATCH_SENTENCES, BATCH_TOKENS, MAX_INPUT_TOKENS

__all__ = [
    "BATCH_SENTENCES", "BATCH_TOKENS", "MAX_INPUT_TOKENS", "ArgosTranslator", "DecodingOptions", "LoadedModel",
    "length_sorted_batches", "load_model", "split_long",
]
