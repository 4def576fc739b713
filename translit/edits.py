"""Volunteers' edits to translated sentences: folding a table editor's changes into saved edits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from translit.document import Result

if TYPE_CHECKING:
    from translit.pipeline import Options


def fold_changes(
    machine_targets: Sequence[str], saved: Mapping[int, str], edited_rows: Mapping[object, Mapping[str, object]]
) -> dict[int, str]:
    """Saved edits updated with an editor's changed rows (row index -> {"target": text}).

    A row set back to the machine's translation is no longer an edit; rows outside the
    translation and changes to other columns are ignored.
    """
    edits = dict(saved)
    for row, values in edited_rows.items():
        index = int(row)  # type: ignore[call-overload]
        if "target" not in values or not 0 <= index < len(machine_targets):
            continue
        text = str(values["target"] or "")
        if text == machine_targets[index]:
            edits.pop(index, None)
        else:
            edits[index] = text
    return edits


def apply_edits(result: Result, edits: Mapping[int, str], options: Options) -> Result:
    """The result with each edited sentence replaced, marked as human-edited and checked again."""
    from translit.pipeline import with_edits

    return with_edits(result, edits, options)
