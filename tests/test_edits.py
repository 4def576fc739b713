"""Volunteer edits: folded from the editor, marked, and carried into summary and exports."""

from __future__ import annotations

import json

from translit.document import Document
from translit.edits import apply_edits, fold_changes
from translit.export import export
from translit.pipeline import Options, run, with_summary

MACHINE = ["один", "два", "три"]


def test_changed_rows_become_edits():
    assert fold_changes(MACHINE, {}, {"1": {"target": "ДВА"}}) == {1: "ДВА"}


def test_row_set_back_to_machine_text_is_no_longer_an_edit():
    assert fold_changes(MACHINE, {1: "ДВА", 2: "ТРИ"}, {1: {"target": "два"}}) == {2: "ТРИ"}


def test_other_columns_and_rows_out_of_range_are_ignored():
    assert fold_changes(MACHINE, {0: "x"}, {5: {"target": "y"}, 2: {"source": "z"}}) == {0: "x"}


def test_edits_are_marked_and_reach_summary_and_exports(translator):
    text = "The court met on Monday. The judge listened. The lawyer asked for more time.\n"
    options = Options(source_lang="en", target_lang="ru", summary_sentences=None)
    machine = run(Document.from_text(text), options, translator)
    edited = apply_edits(machine, {0: "Суд собрался в понедельник."}, options)
    assert edited.pairs[0].edited and edited.pairs[0].machine_target == machine.pairs[0].target
    assert not edited.pairs[1].edited
    summarized = with_summary(edited, Options(summary_sentences=1))
    assert summarized.summary_pairs()[0].target == "Суд собрался в понедельник."
    payload = json.loads(export(summarized, "json"))
    assert payload["summary"]["sentences"][0]["edited"] is True
    assert "Суд собрался в понедельник." in export(summarized, "md").decode()
