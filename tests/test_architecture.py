"""The package map: dependencies point one way, api and web never import each other, every
package documents itself, and the public façade exports what the README says."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import countersight

SRC = Path(countersight.__file__).resolve().parent

# Each package may import only the packages listed for it (and itself). Top-level modules
# (exc, settings, files, facade) are placed in the layer where they sit.
ALLOWED: dict[str, set[str]] = {
    "exc": set(),
    "native": set(),
    "model": {"exc"},
    "normalize": {"model", "exc"},
    "settings": {"exc"},
    "files": {"model", "exc"},
    "sources": {"model", "normalize", "files", "exc"},
    "inputs": {"model", "normalize", "files", "exc"},
    "match": {"model", "normalize", "exc", "facade"},
    "exposure": {"model", "exc"},
    "store": {"model", "normalize", "sources", "exc", "files"},
    "report": {"model", "exc"},
    "service": {
        "model",
        "normalize",
        "sources",
        "inputs",
        "match",
        "exposure",
        "store",
        "report",
        "settings",
        "files",
        "exc",
        "native",
    },
    "facade": {"service", "settings"},
    "http": {"service", "store", "settings", "exc"},
    "api": {"http", "service", "store", "report", "settings", "exc", "inputs"},
    "web": {"http", "service", "store", "report", "settings", "exc"},
    "server": {"api", "web", "http", "service", "settings", "exc"},
    "spark": {"service", "inputs", "match", "store", "report", "settings", "exc"},
    "cli": {
        "service",
        "store",
        "report",
        "settings",
        "exc",
        "server",
        "spark",
        "sources",
        "inputs",
        "model",
        "native",
    },
}


def _package_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "countersight" and len(parts) > 1:
                found.add(parts[1])
    return found


def _modules() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts and p.name != "__main__.py"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_one_way(path: Path) -> None:
    package = _package_of(path)
    if package == "__init__":
        return
    assert package in ALLOWED, f"{package} is not in the package map"
    wrong = _imports(path) - ALLOWED[package] - {package}
    assert not wrong, f"{path.relative_to(SRC)} imports {sorted(wrong)} above or beside it"


def test_api_and_web_do_not_import_each_other() -> None:
    for path in _modules():
        package = _package_of(path)
        if package == "api":
            assert "web" not in _imports(path), path
        if package == "web":
            assert "api" not in _imports(path), path


def test_every_package_has_a_docstring_and_all() -> None:
    for init in SRC.rglob("__init__.py"):
        if "migrations" in init.parts:
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(SRC)} has no docstring"
        names = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        assert "__all__" in names, f"{init.relative_to(SRC)} has no __all__"


def test_public_facade_exports() -> None:
    assert sorted(countersight.__all__) == ["__version__", "match", "open", "screen"]
    assert callable(countersight.match)
    assert callable(countersight.screen)
    assert callable(countersight.open)


def test_facade_match_and_screen_on_the_registry(tmp_path: Path) -> None:
    with countersight.open(db=f"sqlite:///{tmp_path / 'cs.db'}", cache_dir=str(tmp_path)) as cs:
        answer = countersight.match("海康威视", context=cs)
        assert answer["results"][0]["id"] == "cs-hikvision"
        holdings = tmp_path / "h.csv"
        holdings.write_text("Name,Weight\nZhejiang Dahua Technology,2\nApple Inc,98\n")
        document = countersight.screen(holdings, context=cs)
        assert document["summary"]["flagged_rows"] == 1
