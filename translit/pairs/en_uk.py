"""English <-> Ukrainian: the built-in immigration glossary (glossaries/immigration.en-uk.tsv).

Ukrainian terms decline by the grammar of morph_uk.py. There is no Ukrainian places gazetteer yet,
so places are left to the model, and names are checked (never forced) as for every pair.
"""

from translit.pairs.base import Pair

PAIR = Pair(("en", "uk"))
