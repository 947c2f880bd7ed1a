"""Whether this installation runs the analysis compiled (mypyc) or as pure Python.

The hot modules (pyproject.toml, ``[tool.marsad] compiled``) are C extensions when marsad was
built with a C compiler, and plain Python otherwise: the results are the same, the speed is not
(about 1.5 times). Benchmarks and ``marsad components`` say which one ran.
"""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES

# One module of the compiled set stands for all of them: they are built together.
WITNESS = "marsad.extract.events"


def is_compiled() -> bool:
    """True when the analysis's hot modules are loaded as compiled extensions."""
    path = getattr(importlib.import_module(WITNESS), "__file__", None) or ""
    return path.endswith(tuple(EXTENSION_SUFFIXES))
