"""The compiled build: the listed hot modules are compiled all together or not at all."""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from marsad.compiled import is_compiled

SRC = Path(__file__).resolve().parents[1] / "src"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def test_every_listed_module_is_a_python_file_of_the_package(compiled_sources: list[Path]) -> None:
    assert compiled_sources
    for path in compiled_sources:
        assert path.suffix == ".py" and path.exists(), f"{path} is listed in [tool.marsad] compiled but missing"


def test_the_listed_modules_are_compiled_together_or_not_at_all(compiled_sources: list[Path]) -> None:
    files = {module_name(p): str(importlib.import_module(module_name(p)).__file__) for p in compiled_sources}
    compiled = {name for name, file in files.items() if file.endswith(tuple(EXTENSION_SUFFIXES))}
    assert compiled in (set(), set(files)), f"only part of the set is compiled: {sorted(compiled)}"
    assert is_compiled() == bool(compiled)



def test_the_last_compile_did_not_fail() -> None:
    # `make compile` leaves this file when mypyc could not build the modules (a type it rejects,
    # a broken build environment); without a C compiler it builds nothing and leaves none
    failed = SRC.parent / "build" / "compile.failed"
    log = failed.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:] if failed.exists() else []
    assert not failed.exists(), "the mypyc build failed; its log ends:\n" + "\n".join(log)
