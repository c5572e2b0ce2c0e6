"""Packaging: every file the PyInstaller spec, the Inno Setup script and the Windows
workflow name exists; resources are found from source and inside a bundle; the
self-test reports each check and fails when one fails."""

import ast
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from kemitraan_desktop import resources, selftest

ROOT = Path(__file__).resolve().parents[2]


def spec_datas() -> list[tuple[Path, str]]:
    """DATAS as the spec writes it, read without running PyInstaller."""
    tree = ast.parse((ROOT / "installer" / "kemitraan.spec").read_text())
    node = next(n for n in tree.body if isinstance(n, ast.Assign)
                and getattr(n.targets[0], "id", "") == "DATAS")
    found = []
    for element in node.value.elts:
        source, dest = element.elts
        parts = [p.value for p in ast.walk(source) if isinstance(p, ast.Constant)]
        found.append((ROOT.joinpath(*parts), dest.value))
    return found


def test_the_spec_names_files_that_exist():
    datas = spec_datas()
    assert datas == [(ROOT / "resources", "resources")]
    spec = (ROOT / "installer" / "kemitraan.spec").read_text()
    for script in re.findall(r'ROOT / "([^"]+)"(?: / "([^"]+)")?(?: / "([^"]+)")?', spec):
        path = ROOT.joinpath(*[p for p in script if p])
        assert path.exists(), path
    # what the app looks up at run time is inside the data folder the spec ships
    for name in ("regions.csv", "fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
                 "rundown_templates/ojl1-8-hari.json", "samples/contoh-daftar-guru.xlsx",
                 "icons/kemitraan.ico", "icons/kemitraan.png", "logo-placeholder.png"):
        assert (ROOT / "resources" / name).is_file(), name


def test_the_installer_script_and_the_workflow_name_files_that_exist():
    iss = (ROOT / "installer" / "windows" / "kemitraan.iss").read_text()
    here = ROOT / "installer" / "windows"
    icon = re.search(r"SetupIconFile=(.+)", iss)[1].strip().replace("\\", "/")
    assert (here / icon).resolve().is_file()
    bundle = re.search(r'#define BundleDir "(.+)"', iss)[1].replace("\\", "/")
    assert (here / bundle).resolve() == ROOT / "dist" / "Kemitraan"  # where `make bundle` puts it
    assert "PrivilegesRequired=lowest" in iss and "{localappdata}" in iss
    assert re.search(r'#define AppExe "KemitraanDesktop.exe"', iss)
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text()
    for path in re.findall(r"(?<![\w\\])(?:installer|benchmarks)\\[\w\\.]+", workflow):
        if path.endswith("Indonesian.isl"):
            continue  # fetched by the workflow itself
        assert (ROOT / path.replace("\\", "/")).exists(), path
    assert "windows-latest" in workflow and "--selftest" in workflow
    assert "dist\\Kemitraan\\kemitraan.exe selftest" in workflow


def test_resources_are_found_from_source_and_inside_a_bundle(tmp_path, monkeypatch):
    assert resources.resource_path("regions.csv") == ROOT / "resources" / "regions.csv"
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "resources", bundle / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.resource_path("regions.csv") == bundle / "resources" / "regions.csv"
    (bundle / "resources" / "regions.csv").unlink()
    with pytest.raises(FileNotFoundError, match="tidak ditemukan"):
        resources.resource_path("regions.csv")


def test_the_self_test_checks_everything_and_says_what_failed(monkeypatch, tmp_path, capsys):
    result = selftest.run()
    names = [c["name"] for c in result["checks"]]
    assert result["ok"], [c for c in result["checks"] if not c["ok"]]
    assert names[:3] == ["database", "fts5", "import"]
    assert {"pdf:rundown", "pdf:attendance", "pdf:certificates", "pdf:pairs", "xlsx:roster"} <= set(names)
    assert selftest.report(result, str(tmp_path / "r.json")) == 0
    assert json.loads((tmp_path / "r.json").read_text())["ok"] is True
    # a bundle without its sample roster: that check fails, the others still run
    real = resources.resource_path

    def missing_sample(*parts):
        if parts[0] == "samples":
            raise FileNotFoundError(f"Berkas sumber daya aplikasi tidak ditemukan: {parts}")
        return real(*parts)
    monkeypatch.setattr(resources, "resource_path", missing_sample)
    broken = selftest.run()
    failed = [c for c in broken["checks"] if not c["ok"]]
    assert not broken["ok"] and [c["name"] for c in failed] == ["import"]
    assert "tidak ditemukan" in failed[0]["error"]
    assert selftest.report(broken) == 1
    assert '"ok": false' in capsys.readouterr().out
