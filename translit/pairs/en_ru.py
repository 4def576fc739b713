"""English <-> Russian: the built-in immigration glossary and the places gazetteer of US and Russian places.

Russian names (declension of transcribed English names, the Russian forms of well-known people) are
read and written by translit.names, which knows this pair only.
"""

from translit.pairs.base import Pair

PAIR = Pair(("en", "ru"), gazetteer="places.en-ru.tsv")
