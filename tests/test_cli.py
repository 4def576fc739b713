"""The command line, run as users run it: `python -m translit ...` in a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Immigration lawyers say the government resumed deportations of Russian citizens.\n"
    "\n"
    "Two of the men failed their credible fear interviews. One was sent back in March.\n"
)


def translit(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "translit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_lists_commands():
    done = translit("--help")
    assert done.returncode == 0
    for command in ("detect", "translate", "summarize", "models"):
        assert command in done.stdout


def test_import_translit_loads_no_heavy_library():
    code = (
        "import sys, translit, translit.cli, translit.pipeline\n"
        "heavy = {'ctranslate2', 'streamlit', 'sentencepiece', 'docx', 'langdetect', 'pymorphy3', 'sumy'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stderr


def test_detect_json_contract(article):
    done = translit("detect", str(article), "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert set(found) == {"lang", "confidence", "alternatives"}
    assert found["lang"] == "en" and found["confidence"] == pytest.approx(1.0, abs=0.2)
    assert found["confidence"] + sum(a["confidence"] for a in found["alternatives"]) <= 1.0


def test_detect_json_gives_the_best_guess_of_an_unknown_line():
    done = translit("detect", "-", "--lines", "--json", stdin="mar azul\n")  # Spanish and Portuguese alike
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["lang"] == "unknown" and found["alternatives"][0]["lang"] in {"es", "pt"}
    assert found["alternatives"][0]["confidence"] == found["confidence"] < 0.5


def test_detect_lines_gives_one_object_per_line():
    text = "The court postponed the hearing until next spring.\nСуд отложил слушание до весны.\n"
    done = translit("detect", "-", "--lines", "--json", stdin=text)
    assert done.returncode == 0, done.stderr
    langs = [json.loads(line)["lang"] for line in done.stdout.splitlines()]
    assert langs == ["en", "ru"]


def test_translate_json_contract(article, packages_env):
    done = translit("translate", str(article), "--to", "ru", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["source_lang"] == "en" and payload["target_lang"] == "ru"
    paragraphs = payload["paragraphs"]
    assert len(paragraphs) == 2
    assert [len(p["sentences"]) for p in paragraphs] == [1, 2]
    assert paragraphs[1]["sentences"][1]["source"] == "One was sent back in March."
    assert all(s["target"] for p in paragraphs for s in p["sentences"])
    assert payload["route"] == ["en", "ru"]


def test_translate_plain_keeps_blank_lines(article, packages_env):
    done = translit("translate", str(article), "--to", "ru", "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == ARTICLE.count("\n")
    assert done.stdout.split("\n")[1] == ""


def test_translate_from_stdin_with_pivot(packages_env):
    done = translit("translate", "-", "--from", "ru", "--to", "uk", "--json", stdin="Суд отложил слушание.\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["route"] == ["ru", "en", "uk"]


def test_summarize_json_in_document_order(tmp_path):
    text = " ".join(f"Sentence number {i} talks about the asylum case of family {i}." for i in range(12))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    done = translit("summarize", str(path), "--sentences", "3", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["lang"] == "en" and len(payload["sentences"]) == 3
    positions = [text.index(s) for s in payload["sentences"]]
    assert positions == sorted(positions)


def test_models_list_json(packages_env):
    done = translit("models", "list", "--json")
    assert done.returncode == 0, done.stderr
    pairs = {(p["from"], p["to"]) for p in json.loads(done.stdout)["packages"]}
    assert pairs == {("en", "ru"), ("ru", "en"), ("en", "uk"), ("uk", "en")}


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["translate", "-", "--to", "ru"], "   \n\n", "empty"),
        (["translate", "{article}", "--to", "xx"], None, "language code"),
        (["translate", "{article}", "--to", "es"], None, "No Argos package"),
        (["translate", "no/such/file.txt", "--to", "ru"], None, "no such file"),
        (["summarize", "-"], "", "empty"),
        (["detect", "-"], "", "empty"),
        (["translate", "{article}", "--to", "en"], None, "already in"),
    ],
)
def test_bad_input_one_line_exit_2(args, stdin, message, article, packages_env):
    done = translit(*[a.replace("{article}", str(article)) for a in args], stdin=stdin)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 20)
    done = translit("detect", str(path))
    assert done.returncode == 2 and "binary" in done.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_translate_writes_each_export_format(fmt, article, tmp_path, packages_env):
    out = tmp_path / f"report.{fmt}"
    done = translit("translate", str(article), "--to", "ru", "--summary", "2", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    if fmt == "json":
        payload = json.loads(data)
        assert len(payload["summary"]["sentences"]) == 2
        assert payload["paragraphs"][1]["sentences"][0]["terms"][0]["id"] == "credible-fear-interview"
    elif fmt == "docx":
        import docx

        document = docx.Document(str(out))
        assert document.tables and "credible fear" in "\n".join(c.text for c in document.tables[0]._cells)
    else:
        text = data.decode("utf-8")
        assert "credible fear interviews" in text and "not legal advice" in text


def test_glossary_terms_json(article):
    done = translit("glossary", "terms", str(article), "--json")
    assert done.returncode == 0, done.stderr
    terms = json.loads(done.stdout)["terms"]
    first = next(t for t in terms if t["id"] == "credible-fear-interview")
    assert first["source_text"] == "credible fear interviews"
    assert first["target_term"] == "собеседование на предмет обоснованного страха"
    assert first["note_en"] and first["note_ru"]
    assert {"id", "source_text", "start", "end", "target_term", "note_en", "note_ru"} <= set(first)


def test_glossary_check_reports_line_and_exits_2(tmp_path):
    broken = tmp_path / "mine.en-ru.tsv"
    broken.write_text(
        "id\ten\tru\tru_variants\tru_wrong\ten_wrong\tnote_en\tnote_ru\tsource\ttier\nbad-row\tonly three\n",
        encoding="utf-8",
    )
    done = translit("glossary", "check", str(broken))
    assert done.returncode == 2
    assert "line 2" in done.stderr and str(broken.name) in done.stderr
    assert translit("glossary", "check", "glossaries/immigration.en-ru.tsv").returncode == 0


def test_romanize_prints_passport_spelling():
    done = translit("romanize", "Дмитрий Щербаков")
    assert done.returncode == 0 and done.stdout.strip() == "Dmitrii Shcherbakov"
    done = translit("romanize", "Андрій Ярошенко", "--lang", "uk")
    assert done.stdout.strip() == "Andrii Yaroshenko"


def test_models_install_then_remove(test_package_files, tmp_path):
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    en_ru = next(f for f in test_package_files if "en_ru" in f.name)
    done = translit("models", "install", str(en_ru), env=env)
    assert done.returncode == 0, done.stderr
    listed = json.loads(translit("models", "list", "--json", env=env).stdout)["packages"]
    assert [(p["from"], p["to"]) for p in listed] == [("en", "ru")]
    done = translit("models", "remove", "en", "ru", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(translit("models", "list", "--json", env=env).stdout)["packages"] == []
    done = translit("models", "remove", "en", "ru", env=env)
    assert done.returncode == 2 and "No package" in done.stderr


def test_models_install_refuses_a_non_package(tmp_path):
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip at all")
    done = translit("models", "install", str(junk), env=env)
    assert done.returncode == 2 and "not a zip archive" in done.stderr
    assert not (tmp_path / "packages").exists() or not any((tmp_path / "packages").iterdir())


@pytest.mark.enable_socket
def test_translate_an_article_from_a_url_on_loopback(packages_env):
    from loopback import QuietHandler, serving

    page = (
        b"<html><head><title>Court delays hearings</title></head><body><nav>Home | News | Contact</nav>"
        b"<article><h1>Court delays hearings</h1><p>The immigration court in Houston postponed dozens of "
        b"hearings this week because two judges were reassigned to other cases.</p><p>Lawyers said their "
        b"clients had waited more than a year for a credible fear interview.</p></article>"
        b"<footer>Copyright and privacy policy</footer></body></html>"
    )

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    with serving(Handler) as base:
        url = f"{base}/article.html"
        refused = translit("translate", url, "--to", "ru", "--json")
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        done = translit("translate", url, "--to", "ru", "--json", "--allow-private-urls")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    sources = [s["source"] for p in payload["paragraphs"] for s in p["sentences"]]
    assert any("credible fear interview" in s for s in sources)
    assert not any("privacy policy" in s or "Home | News" in s for s in sources)


def test_detect_lines_streams_input_longer_than_the_article_limit(tmp_path):
    lines = ["The court ruled on the case today.", "Суд вынес решение по делу сегодня."] * 60
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n" + "Long line of English words. " * 1000 + "\n", encoding="utf-8")
    limit = {"TRANSLIT_MAX_ARTICLE_CHARS": "2000"}  # the file is 30 times that
    assert translit("detect", str(path), env=limit).returncode == 2  # a whole article is still bounded
    done = translit("detect", str(path), "--lines", "--json", env=limit)
    assert done.returncode == 0, done.stderr
    found = [json.loads(line)["lang"] for line in done.stdout.splitlines()]
    assert found == ["en", "ru"] * 60 + ["en"]
    piped = translit("detect", "-", "--lines", stdin="\n".join(lines[:4]) + "\n", env=limit)
    assert [row.split("\t")[0] for row in piped.stdout.splitlines()] == ["en", "ru", "en", "ru"]


def test_cache_lists_its_files_by_kind_and_clear_deletes_only_them(tmp_path):
    env = {"TRANSLIT_CACHE_DIR": str(tmp_path)}
    assert translit("detect", "-", "--json", stdin="Hola amigo\n", env=env).returncode == 0
    (tmp_path / "notes.txt").write_text("not translit's", encoding="utf-8")
    kept = next(p.name for p in tmp_path.iterdir() if p.name.startswith("wordfreq-"))
    (tmp_path / f".{kept}.k1ll3d_x.tmp").write_bytes(b"half of a file")  # left by a writer that was killed
    (tmp_path / ".notes.txt.abc.tmp").write_text("someone else's", encoding="utf-8")
    done = translit("cache", "--json", env=env)
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    kinds = {k["kind"]: k for k in listed["kinds"]}
    assert listed["path"] == str(tmp_path) and {"py3langid", "wordfreq"} <= set(kinds)
    assert kinds["py3langid"]["files"] == 1 and kinds["py3langid"]["size_bytes"] > 1_000_000
    cleared = translit("cache", "--clear", env=env)
    assert cleared.returncode == 0 and "Deleted" in cleared.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.abc.tmp", "notes.txt"]
    assert json.loads(translit("cache", "--json", env=env).stdout)["kinds"] == []


def test_the_command_ends_at_once_with_its_output_flushed_its_exit_handlers_run_and_its_code(tmp_path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("".join(f"The hearing number {n} was postponed until spring.\n" for n in range(3000)))
    done = translit("detect", str(lines), "--lines", "--json")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["lang"] for line in done.stdout.splitlines()] == ["en"] * 3000  # nothing lost in the pipe
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
              "sys.argv = ['translit', 'detect', sys.argv[1]]\n"
              "from translit.cli import run\n"
              "run()\n")
    missing = subprocess.run([sys.executable, "-c", script, str(tmp_path / "missing.txt")], capture_output=True,
                             text=True, cwd=ROOT, timeout=120)
    assert missing.returncode == 2 and "exit handler ran" in missing.stderr, missing.stderr


def test_a_first_run_says_what_it_prepares_once_and_a_later_run_or_quiet_says_nothing(tmp_path):
    env = {"TRANSLIT_CACHE_DIR": str(tmp_path / "cache")}
    first = translit("detect", "-", "--json", stdin="Hola amigo\n", env=env)
    assert first.returncode == 0, first.stderr
    assert "preparing the language-detection tables, once: kept in" in first.stderr
    assert str(tmp_path / "cache") in first.stderr and json.loads(first.stdout)["lang"] == "es"
    again = translit("detect", "-", "--json", stdin="Hola amigo\n", env=env)
    assert again.returncode == 0 and "preparing" not in again.stderr
    # No package here: translate detects the language, builds the tables, then stops at the missing model.
    for flags, cache in (((), "loud"), (("--quiet",), "quiet")):
        done = translit("translate", "-", "--to", "ru", "--no-glossary", *flags, stdin="Hola amigo\n",
                        env={"TRANSLIT_CACHE_DIR": str(tmp_path / cache)})
        assert done.returncode == 2 and "No Argos package translates es -> ru" in done.stderr, done.stderr
        assert ("preparing the language-detection tables" in done.stderr) == (not flags)


def test_output_that_cannot_be_written_is_an_error_not_a_silent_success(tmp_path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "translit", "detect", "-", "--json"], input="Hola amigo\n",
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120,
                              env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"})
    assert done.returncode != 0 and "could not write the output" in done.stderr, done.stderr


def test_a_command_that_left_a_thread_working_ends_the_ordinary_way_and_waits_for_it(tmp_path) -> None:
    marker = tmp_path / "finished.txt"
    script = ("import sys, threading, time\n"
              "marker = sys.argv[2]\n"
              "def work():\n"
              "    time.sleep(0.5)\n"
              "    open(marker, 'w').write('done')\n"
              "threading.Thread(target=work).start()\n"
              "sys.argv = ['translit', 'detect', sys.argv[1]]\n"
              "from translit.cli import run\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "missing.txt"), str(marker)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2 and marker.read_text() == "done", done.stderr
