"""The compiled scorer (mypyc, ``countersight.native``) against the pure-Python one: the
same modules, so the same scores, routes and explanations on every benchmark case."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from countersight import native

ROOT = Path(__file__).resolve().parents[2]


def _score(tmp_path: Path, name: str, pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    out = tmp_path / f"{name}.json"
    subprocess.run(
        [sys.executable, "-m", "tests.match.score_cases", str(out), str(tmp_path / name)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=900,
    )
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _require_compiled() -> None:
    if native.decide() is not native.Scorer.COMPILED:
        message = f"the compiled scorer is not available here ({native.decide().value})"
        if os.environ.get("COUNTERSIGHT_REQUIRE_NATIVE"):
            pytest.fail(message + "; COUNTERSIGHT_REQUIRE_NATIVE is set")
        pytest.skip(message)


@pytest.mark.xdist_group("native")
def test_compiled_and_pure_python_score_every_benchmark_case_the_same(tmp_path: Path) -> None:
    _require_compiled()
    compiled = _score(tmp_path, "compiled", pure=False)
    pure = _score(tmp_path, "pure", pure=True)
    assert compiled["scorer"] == "compiled"
    assert pure["scorer"] == "pure-requested"
    a, b = compiled["results"], pure["results"]
    assert isinstance(a, dict)
    assert isinstance(b, dict)
    assert len(a) > 400
    assert sum(1 for found in a.values() if found) > 350
    differ = [case for case in a if a[case] != b[case]]
    assert not differ, (
        f"{len(differ)} cases differ, first {differ[0]}: {a[differ[0]]} != {b[differ[0]]}"
    )


def _probe(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV} | env_extra
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    code = (
        "import countersight, countersight.native as n, countersight.match.compare as c;"
        "print(n.scorer().value, c.__file__.rsplit('.', 1)[-1])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )


def test_the_pure_scorer_is_loaded_from_source_when_asked_for_without_a_warning() -> None:
    done = _probe({native.PURE_ENV: "1"})
    assert done.stdout.split() == ["pure-requested", "py"]
    assert "compiled scorer" not in done.stderr


def test_the_compiled_scorer_is_loaded_when_built() -> None:
    _require_compiled()
    done = _probe({})
    assert done.stdout.split() == ["compiled", "so"]
    assert done.stderr == ""


def test_a_build_from_other_sources_falls_back_to_pure_python_with_a_warning(
    tmp_path: Path,
) -> None:
    """A module edited after the build: its stale compiled copy must not be run."""
    _require_compiled()
    package = tmp_path / "src" / "countersight"
    import shutil

    shutil.copytree(ROOT / "src" / "countersight", package, symlinks=True)
    names = package / "normalize" / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    env["PYTHONPATH"] = str(tmp_path / "src")
    code = (
        "import countersight, countersight.native as n, countersight.normalize.names as m;"
        "print(n.scorer().value, m.__file__.rsplit('.', 1)[-1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["stale", "py"]
    assert "built from other sources" in done.stderr
    assert "`make native` builds it" in done.stderr


def test_without_a_build_the_scorer_is_pure_python_with_a_warning(tmp_path: Path) -> None:
    import shutil

    package = tmp_path / "src" / "countersight"
    shutil.copytree(
        ROOT / "src" / "countersight",
        package,
        ignore=shutil.ignore_patterns("*.so", "_native.json", "__pycache__"),
    )
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    env["PYTHONPATH"] = str(tmp_path / "src")
    code = (
        "import countersight, countersight.native as n, countersight.match.engine as m;"
        "print(n.scorer().value, m.__file__.rsplit('.', 1)[-1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["not-built", "py"]
    assert "is not built" in done.stderr
