"""The first window: the roster list, its lazy model and search-as-you-type."""

import pytest

from kemitraan_desktop import demo, people, store
from ui.main_window import MainWindow
from ui.table_model import LazyTableModel


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


def test_model_passes_qtmodeltester(qtmodeltester, demo_db):
    model = LazyTableModel([("name", "Nama"), ("nuptk", "NUPTK")],
                           lambda ids: people.fetch_people(demo_db, ids))
    model.set_ids(people.query_ids(demo_db))
    qtmodeltester.check(model)
    assert model.rowCount() == 184


def test_window_lists_and_searches_the_roster(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 184
    assert window.count.text() == "184 orang"
    first = window.model.index(0, 0).data()
    assert first == people.list_people(demo_db, limit=1)[0]["name"]
    window.search.setText("pekalongan")
    qtbot.waitUntil(lambda: window.model.rowCount() == 8, timeout=2000)
    schools = {window.model.index(r, 3).data() for r in range(8)}
    assert schools == {f"SMP Negeri {n} Pekalongan" for n in (1, 2, 6, 7, 14)}
    assert str(store.db_file(demo_db)) in window.statusBar().currentMessage()


def test_nip_and_ukg_are_shown_the_indonesian_way(qtbot, db):
    people.save_person(db, {"full_name": "Agung Jumari", "nip": "197808172005011003", "ukg": 84.5})
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.model.index(0, 2).data() == "19780817 200501 1 003"
    assert window.model.index(0, 6).data() == "84,50"
