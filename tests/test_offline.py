"""The offline guarantee: nothing reaches the network, in the test process or in the ones it starts."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from pytest_socket import SocketBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_are_blocked_in_tests():
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_child_processes_cannot_connect_out():
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "network access blocked" in done.stderr


def test_full_pipeline_needs_no_network(translator):
    """Detection, segmentation, translation and summary with sockets blocked."""
    from translit.document import Document
    from translit.pipeline import Options, run

    document = Document.from_text(
        "The judge ordered the man removed.\n\nHis lawyer filed an appeal with the board.\n"
    )
    result = run(document, Options(target_lang="ru", summary_sentences=1), translator)
    assert len(result.pairs) == 2 and result.summary is not None


def test_streamlit_is_configured_not_to_reach_out():
    """No usage statistics, no e-mail prompt, and no external-IP lookup (served on localhost)."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["showEmailPrompt"] is False
    assert config["server"]["address"] == "localhost"
