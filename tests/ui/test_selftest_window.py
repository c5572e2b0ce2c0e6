"""The self-test's window check, as `KemitraanDesktop --selftest` runs it."""

import json


def test_the_app_self_test_builds_the_window_and_renders_a_page(qtbot, tmp_path, capsys):
    from ui.app import main

    out = tmp_path / "selftest.json"
    assert main(["--selftest", "--selftest-out", str(out)]) == 0
    result = json.loads(out.read_text())
    window = next(c for c in result["checks"] if c["name"] == "window")
    assert result["ok"] and window["ok"] and "QtPdf rendered" in window["detail"]
    assert '"ok": true' in capsys.readouterr().out
