"""A database on a network share or a removable drive is recognised (SQLite's WAL does not
work over network file systems) and can be moved into the local data folder."""

from pathlib import Path

import pytest

from kemitraan_desktop import cli, people, placement, store

MOUNTS = [("/", "ext4"), ("/home", "ext4"), ("/mnt/kantor", "cifs"), ("/mnt/nas", "nfs4"),
          ("/media/operator/FLASHDISK", "vfat"), ("/run/media/tu/DATA", "exfat")]


@pytest.fixture
def mounts(monkeypatch):
    monkeypatch.setattr(placement, "_linux_mounts", lambda: MOUNTS)


@pytest.mark.parametrize("path, kind", [
    ("/home/operator/.local/share/Kemitraan/kemitraan.db", "local"),
    ("/mnt/kantor/TU/kemitraan.db", "network"),
    ("/mnt/nas/kemitraan.db", "network"),
    ("/media/operator/FLASHDISK/kemitraan.db", "removable"),
    ("/run/media/tu/DATA/arsip/kemitraan.db", "removable"),
    ("/mnt/kantorlain/kemitraan.db", "local"),  # a prefix of a mount point's name is not inside it
])
def test_linux_mounts(mounts, path, kind):
    assert placement.storage_kind(path, windows=False) == kind


@pytest.mark.parametrize("path, drive_type, kind", [
    ("C:\\Users\\TU\\AppData\\Local\\Kemitraan\\kemitraan.db", 3, "local"),
    ("\\\\SERVER-TU\\data\\kemitraan.db", None, "network"),
    ("Z:\\kemitraan.db", 4, "network"),  # a mapped network drive
    ("E:\\kemitraan.db", 2, "removable"),  # a flash disk
])
def test_windows_paths(monkeypatch, path, drive_type, kind):
    asked = []
    monkeypatch.setattr(placement, "_windows_drive_type", lambda root: asked.append(root) or drive_type)
    monkeypatch.setattr(store.os.path, "splitdrive", lambda p: (p[:2], p[2:]) if p[1:2] == ":" else ("", p))
    assert placement.storage_kind(path, windows=True) == kind
    if drive_type is not None:
        assert asked == [path[:2] + "\\"]


def test_the_warning_and_moving_to_the_local_folder(mounts, monkeypatch, demo_copy, tmp_path):
    monkeypatch.setattr(placement, "storage_kind", lambda _path, windows=None: "network")
    warning = placement.storage_warning("/mnt/kantor/TU/kemitraan.db")
    assert "folder jaringan" in warning and "Pindahkan" in warning
    local = tmp_path / "lokal" / "kemitraan.db"
    moved = placement.move_to_local(demo_copy, local)
    assert moved == local
    again = placement.move_to_local(demo_copy, local)  # never over an existing file
    assert again != local and again.name.startswith("kemitraan-dipindah-")
    copy = store.open_db(moved)
    assert people.count_people(copy) == 184
    copy.close()


def test_the_cli_warns(monkeypatch, db_path, capsys):
    monkeypatch.setattr(placement, "storage_kind", lambda _path, windows=None: "removable")
    assert cli.main(["--db", str(db_path), "people", "list"]) == 0
    assert "flash disk" in capsys.readouterr().err
    assert Path(db_path).exists()
