"""Build marsad, compiling the analysis's hot modules with mypyc when it can.

The modules are listed in pyproject.toml under ``[tool.marsad] compiled``. They stay ordinary
Python files as well: with ``MARSAD_PURE=1``, without mypyc or without a C compiler, marsad is
installed as pure Python, slower but with the same results.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sysconfig
import tomllib
from pathlib import Path
from typing import Any

from setuptools import setup

HERE = Path(__file__).resolve().parent


def compiled_modules() -> list[str]:
    """The files ``[tool.marsad] compiled`` names, relative to this directory."""
    with (HERE / "pyproject.toml").open("rb") as handle:
        listed: list[str] = tomllib.load(handle)["tool"]["marsad"]["compiled"]
    return listed


def why_pure() -> str | None:
    """Why the modules cannot be compiled here, or None when they can."""
    if os.environ.get("MARSAD_PURE") == "1":
        return "MARSAD_PURE=1"
    compiler = shlex.split(sysconfig.get_config_var("CC") or "cc")[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc (part of mypy) is not installed"
    return None


def extensions() -> list[Any]:
    reason = why_pure()
    if reason is not None:
        print(f"marsad: installing pure Python ({reason})")
        return []
    from mypyc.build import mypycify

    return list(mypycify(compiled_modules(), opt_level="3", group_name="marsad_compiled"))


setup(ext_modules=extensions())
