"""Where translit's data files are: in an installed wheel, or in a source checkout.

The project keeps its glossaries and sample articles in the top-level `glossaries/` and `samples/`
folders (the product brief fixes them there); a wheel carries copies inside the package, under
`translit/data/` (setup.py puts them there). Every module finds them through this one place.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from translit.errors import TranslitError

_CHECKOUT = Path(__file__).resolve().parent.parent


@functools.cache
def data_dir(name: str) -> Path:
    """The folder of one kind of data ("glossaries", "samples", "stopwords")."""
    packaged = Path(str(resources.files("translit") / "data" / name))
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT / name
    if checkout.is_dir():
        return checkout
    raise TranslitError(
        f"translit's {name} folder is missing from this installation (looked in {packaged} and {checkout}); "
        "reinstall translit (pip install --force-reinstall translit)."
    )


def glossaries_dir() -> Path:
    return data_dir("glossaries")


def samples_dir() -> Path:
    return data_dir("samples")
