"""translit batch: inputs, resuming, the local engine on 1 and 2 workers, the Ray engine on a local
(loopback) instance, and a run killed half-way then finished by a rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translit.batch import Job, run_batch
from translit.batch.items import collect
from translit.batch.manifest import read_manifest
from translit.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "The immigration judge postponed the hearing until spring.",
    "Asylum seekers waited at the border for weeks.",
    "Lawyers said the credible fear interviews were rushed.",
    "The court in Houston closed early on Friday.",
]


def archive(folder: Path, count: int, name: str = "archive.jsonl") -> Path:
    lines = [json.dumps({"id": f"doc-{n:03d}", "text": f"{SENTENCES[n % 4]} Case {n} was heard.\n"
                         f"{SENTENCES[(n + 1) % 4]}"}) for n in range(count)]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def translit(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translit", *args], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ), timeout=timeout)


def rows_of(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def outputs(outdir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir()) if p.name != "manifest.jsonl"}


# --- inputs ---------------------------------------------------------------------------------------------------


def test_inputs_folders_archives_link_lists_and_stdin(tmp_path):
    (tmp_path / "news" / "2025").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text("The court closed.\n", encoding="utf-8")
    (tmp_path / "news" / "2025" / "b.md").write_text("# Title\n\nThe judge spoke.\n", encoding="utf-8")
    (tmp_path / "news" / ".hidden.txt").write_text("no\n", encoding="utf-8")
    (tmp_path / "news" / "photo.jpg").write_bytes(b"\xff\xd8")
    broken = tmp_path / "mixed.jsonl"
    broken.write_text('{"id": "x1", "text": "A text."}\nnot json\n{"id": "x2"}\n{"text": "no id"}\n'
                      '{"id": "x3", "url": "https://example.org/a"}\n', encoding="utf-8")
    links = tmp_path / "links.urls"
    links.write_text("# tonight\nhttps://example.org/one\nhttps://example.org/two\n", encoding="utf-8")
    items, problems = collect([str(tmp_path / "news"), str(broken), str(links), "-", str(tmp_path / "nope")],
                              stdin=["Одна статья из стандартного ввода.\n"])
    assert [(i.id, i.kind) for i in items] == [
        ("a.txt", "file"), ("2025/b.md", "file"), ("x1", "text"), ("x3", "url"),
        ("https://example.org/one", "url"), ("https://example.org/two", "url"), ("stdin", "text"),
    ]
    reasons = {p.input: p.reason for p in problems}
    assert "not valid JSON" in reasons["mixed.jsonl:2"] and "neither" in reasons["mixed.jsonl:3"]
    assert 'no "id"' in reasons["mixed.jsonl:4"] and "no such file" in reasons[str(tmp_path / "nope")]
    assert len({i.stem for i in items}) == len(items)


def test_the_same_id_twice_is_translated_once(tmp_path):
    first, second = archive(tmp_path, 2, "one.jsonl"), archive(tmp_path, 2, "two.jsonl")
    items, problems = collect([str(first), str(second)])
    assert [i.id for i in items] == ["doc-000", "doc-001"]
    assert all("the same id" in p.reason for p in problems) and len(problems) == 2


# --- the local engine -----------------------------------------------------------------------------------------


def job(outdir: Path, **options) -> Job:
    from translit.config import Settings

    return Job(outdir, Options(target_lang="ru", summary_sentences=None, **options), ("json", "md"), "2026-01-31",
               Settings.from_env())


def test_a_batch_writes_outputs_and_a_manifest_and_a_rerun_skips_what_is_done(tmp_path, packages_env):
    source = archive(tmp_path, 5)
    out = tmp_path / "out"
    report = run_batch([str(source)], job(out))
    assert (report.done, report.failed, report.skipped) == (5, 0, 0) and report.sentences >= 10
    rows = rows_of(out)
    assert [r["status"] for r in rows] == ["done"] * 5
    first = rows[0]
    assert {"id", "input", "hash", "status", "source_lang", "target_lang", "sentences", "terms", "flags",
            "models", "glossary", "seconds", "outputs"} <= set(first)
    assert first["target_lang"] == "ru" and first["models"] and first["glossary"].startswith("immigration.en-ru")
    assert len(outputs(out)) == 10 and all(json.loads(data) for name, data in outputs(out).items()
                                           if name.endswith(".json"))
    before = outputs(out)
    again = run_batch([str(source)], job(out))
    assert (again.done, again.skipped) == (0, 5)
    assert outputs(out) == before
    # A changed document is translated again, under a new name; the others stay skipped.
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[2] = json.dumps({"id": "doc-002", "text": "The asylum office in Miami reopened."})
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    third = run_batch([str(source)], job(out))
    assert (third.done, third.skipped) == (1, 4)
    assert read_manifest(out)["doc-002"]["status"] == "done"
    # Other options make other outputs: nothing is skipped.
    assert run_batch([str(source)], job(out, use_glossary=False)).done == 5


def test_bad_documents_fail_alone_and_are_retried(tmp_path, packages_env):
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        json.dumps({"id": "good", "text": SENTENCES[0]}) + "\n"
        + json.dumps({"id": "russian", "text": "Суд отложил слушание до весны."}) + "\n"
        + json.dumps({"id": "spanish", "text": "El tribunal de inmigración aplazó la audiencia hasta la primavera."})
        + "\n" + "{broken\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = run_batch([str(source)], job(out))
    state = read_manifest(out)
    assert (report.done, report.failed) == (1, 3)
    assert state["good"]["status"] == "done"
    assert "already in ru" in state["russian"]["reason"]
    assert state["spanish"]["status"] == "failed" and state["spanish"]["reason"]
    assert "not valid JSON" in state["mixed.jsonl:4"]["reason"]
    assert all("\n" not in r.get("reason", "") for r in state.values())
    retry = run_batch([str(source)], job(out))
    assert (retry.skipped, retry.failed) == (1, 3)  # the failed ones were tried again


def test_two_workers_write_the_same_bytes_as_one(tmp_path, packages_env):
    source = archive(tmp_path, 12)
    one, two = tmp_path / "one", tmp_path / "two"
    run_batch([str(source)], job(one), workers=1, chunk=3)
    report = run_batch([str(source)], job(two), workers=2, chunk=3)
    assert report.done == 12
    assert outputs(one) == outputs(two)


def test_the_cli_reports_and_exits_by_outcome(tmp_path, packages_env):
    source = archive(tmp_path, 3)
    done = translit("batch", str(source), "--to", "ru", "-o", str(tmp_path / "out"), "--format", "json,txt")
    assert done.returncode == 0, done.stderr
    assert "3 done, 0 skipped" in done.stderr and "Traceback" not in done.stderr
    assert len([p for p in (tmp_path / "out").iterdir() if p.suffix == ".txt"]) == 3
    bad = translit("batch", str(source), str(tmp_path / "missing"), "--to", "ru", "-o", str(tmp_path / "out"))
    assert bad.returncode == 1 and "no such file or folder" in bad.stderr and "Traceback" not in bad.stderr
    wrong = translit("batch", str(source), "--to", "ru", "-o", str(tmp_path / "out"), "--format", "pdf")
    assert wrong.returncode == 2 and "Unknown export format" in wrong.stderr


def test_a_run_killed_half_way_is_finished_by_a_rerun_with_every_document_done_once(tmp_path, packages_env):
    source = archive(tmp_path, 40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "translit", "batch", str(source), "--to", "ru", "-o", str(out),
               "--chunk", "2", "--workers", "2", "-q", "--format", "json,md,docx"]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (out / "manifest.jsonl").is_file() and sum(r["status"] == "done" for r in rows_of(out)) >= 4:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its workers, at once
    process.wait(timeout=30)
    first = [r["id"] for r in rows_of(out) if r["status"] == "done"]
    assert 4 <= len(first) < 40, "the run was not stopped half-way; make the archive bigger"
    finished = translit(*command[3:])
    assert finished.returncode == 0, finished.stderr
    rows = rows_of(out)
    done = [r["id"] for r in rows if r["status"] == "done"]
    assert sorted(done) == [f"doc-{n:03d}" for n in range(40)]  # every document done, once
    assert {r["id"] for r in rows if r["status"] == "skipped"} == set(first)
    assert not list(out.glob(".*.tmp"))
    assert len(outputs(out)) == 120 and all(data for data in outputs(out).values())


# --- the Ray engine -------------------------------------------------------------------------------------------


def ray_available() -> bool:
    try:
        import ray.data  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Ray is missing: requirements-dev.txt installs translit's ray extra")
        return False
    return True


@pytest.mark.enable_socket
def test_the_ray_engine_writes_the_same_bytes_as_the_local_one_and_resumes(tmp_path, packages_env):
    if not ray_available():
        pytest.skip("Ray is not installed (pip install 'translit[ray]')")
    source = archive(tmp_path, 10)
    local, ray_out = tmp_path / "local", tmp_path / "ray"
    common = ["--to", "ru", "--format", "json,md", "--chunk", "3", "-q"]
    assert translit("batch", str(source), "-o", str(local), *common).returncode == 0
    done = translit("batch", str(source), "-o", str(ray_out), "--engine", "ray", "--workers", "2", *common)
    assert done.returncode == 0, done.stderr
    assert "10 done" in done.stderr
    assert outputs(ray_out) == outputs(local)
    again = translit("batch", str(source), "-o", str(ray_out), "--engine", "ray", "--workers", "2", *common)
    assert again.returncode == 0 and "0 done, 10 skipped" in again.stderr


@pytest.mark.enable_socket
def test_the_ray_engine_says_which_pair_the_cluster_lacks(tmp_path, packages_env):
    if not ray_available():
        pytest.skip("Ray is not installed (pip install 'translit[ray]')")
    source = archive(tmp_path, 2)
    done = translit("batch", str(source), "-o", str(tmp_path / "out"), "--to", "de", "--engine", "ray", "-q")
    assert done.returncode == 2 and "into 'de'" in done.stderr and "Traceback" not in done.stderr


def test_outputs_get_the_permissions_of_ordinary_new_files(tmp_path):
    """Written through a temporary file (mode 0600 when created), but readable like any file the user makes."""
    import os

    from translit.files import write_atomically

    umask = os.umask(0o022)
    try:
        written = write_atomically(tmp_path / "out.json", b"{}")
    finally:
        os.umask(umask)
    assert written.read_bytes() == b"{}"
    assert written.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
