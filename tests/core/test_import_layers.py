"""The layers hold: every module of the core imports where neither PySide6 nor the desktop
`ui` package can be imported, nothing in the core names them, and the core's modules
import each other without a cycle."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "kemitraan_desktop"
REFUSED = ("PySide6", "shiboken6", "ui")

# Run in a fresh interpreter: a finder that refuses Qt and the desktop comes first on the
# meta path, then every module pkgutil finds in the core is imported.
IMPORT_ALL = """
import importlib, importlib.abc, json, pkgutil, sys, traceback

REFUSED = set(sys.argv[1].split(","))

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in REFUSED:
            raise ModuleNotFoundError(f"{name} may not be imported by the core", name=name)
        return None

sys.meta_path.insert(0, Refuse())
try:
    import ui  # noqa: F401
    refused = False
except ModuleNotFoundError:
    refused = True
import kemitraan_desktop

walked, failed = ["kemitraan_desktop"], {}
for info in pkgutil.walk_packages(kemitraan_desktop.__path__, "kemitraan_desktop.",
                                  onerror=lambda name: failed.setdefault(name, "walk failed")):
    if info.name.rpartition(".")[2] == "__main__":
        continue  # running it is the command itself
    walked.append(info.name)
    try:
        importlib.import_module(info.name)
    except BaseException:
        failed[info.name] = traceback.format_exc(limit=4)
loaded = sorted(m for m in sys.modules if m.partition(".")[0] in REFUSED)
print(json.dumps({"refused": refused, "walked": walked, "failed": failed, "loaded": loaded}))
"""


def core_modules() -> dict[str, Path]:
    """Every module of the core by its dotted name, from the files on disk."""
    found = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def test_every_core_module_imports_without_qt_or_the_desktop():
    run = subprocess.run([sys.executable, "-c", IMPORT_ALL, ",".join(REFUSED)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["refused"], "the finder did not refuse `ui`: the test proves nothing"
    expected = {name for name in core_modules() if not name.endswith(".__main__")}
    assert set(result["walked"]) == expected  # the walk reached every module on disk
    assert not result["failed"], "\n".join(f"{k}:\n{v}" for k, v in result["failed"].items())
    assert result["loaded"] == []


def imported_names(tree: ast.Module, *, module_level: bool):
    """(level, module, names) of each import; at module level, the ones that run when the
    module is imported: not inside a function, nor under `if TYPE_CHECKING:`."""
    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.Import):
                yield from ((0, alias.name, ()) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                yield node.level, node.module or "", tuple(a.name for a in node.names)
            elif module_level and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            elif module_level and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(
                    node.test):
                yield from visit(node.orelse)
            else:
                yield from visit(ast.iter_child_nodes(node))
    yield from visit(tree.body)


def absolute(name: str, path: Path, level: int, module: str) -> str:
    if not level:
        return module
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{module}" if module else package


def import_graph() -> dict[str, set[str]]:
    """Which core modules each core module imports when it is imported."""
    modules = core_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for level, module, names in imported_names(tree, module_level=True):
            target = absolute(name, path, level, module)
            if not names:  # `import a.b.c` runs a.b.c (its parents are not a cycle)
                graph[name].add(target)
            for imported in names:  # `from a import b`: the submodule a.b, or a name of a
                graph[name].add(f"{target}.{imported}" if f"{target}.{imported}" in modules
                                else target)
        graph[name] = {t for t in graph[name] if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path back to its start) per strongly connected group (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [path_through(graph, group) for group in groups]


def path_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest way from the group's first module back to itself, inside the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {sorted(group)}")


def test_the_cycle_finder_finds_a_cycle_and_says_where():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_core_modules():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_the_cli_package_imports_only_downwards():
    """The command groups import the shared module and the core; only the package's
    __init__ imports the groups."""
    graph = import_graph()
    groups = {n for n in graph if n.startswith("kemitraan_desktop.cli.")
              and not n.endswith(".__main__")}
    for name in groups:
        assert graph[name] & groups <= {"kemitraan_desktop.cli.common"}, name
        assert "kemitraan_desktop.cli" not in graph[name], name
    assert not graph["kemitraan_desktop.cli.common"] & groups


def test_nothing_in_the_core_names_qt_or_the_desktop():
    """Not even inside a function: the console program is built without them."""
    for name, path in core_modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for level, module, _names in imported_names(tree, module_level=False):
            if not level:
                assert module.partition(".")[0] not in REFUSED, f"{name} imports {module}"


def test_the_desktop_starts_without_loading_the_pdf_library():
    """reportlab (a quarter of a second on an office PC) loads when a document is printed or
    a chart is laid out, not for the first window."""
    import os

    code = ("import sys, ui.main_window, ui.home.page, ui.widgets.chart; "
            "print(sorted(m for m in sys.modules if m.startswith('reportlab'))[:3])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         check=True).stdout.strip()
    assert out == "[]"
