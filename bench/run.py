"""``make bench``: run every suite in bench/suites and write bench/results/latest.json.

Each suite is a module with ``NAME`` and ``run() -> dict``; its figures (and its peers',
measured in the same run) land under its name. Run one suite: ``python bench/run.py pipeline``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import platform
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import pin_one_core

from marsad.compiled import is_compiled


def main(selected: list[str]) -> int:
    pin_one_core()
    suites = sorted(p.stem for p in (HERE / "suites").glob("*.py") if not p.stem.startswith("_"))
    if selected:
        suites = [s for s in suites if s in selected]
    results: dict[str, object] = {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "cores_used": 1},
        "compiled": is_compiled(),  # the hot modules as mypyc extensions (make compile) or pure Python
        "suites": {},
    }
    failed = 0
    for name in suites:
        module = importlib.import_module(f"suites.{name}")
        print(f"== {name}", flush=True)
        try:
            figures = module.run()
        except Exception:  # one broken suite must not hide the others' figures
            traceback.print_exc()
            figures = {"error": traceback.format_exc(limit=3)}
            failed += 1
        results["suites"][name] = figures  # type: ignore[index]
        print(json.dumps(figures, ensure_ascii=False, indent=2), flush=True)
    out = HERE / "results" / "latest.json"
    if selected and out.exists():
        # a partial run updates its suites' figures and keeps the others' from earlier runs
        earlier = json.loads(out.read_text(encoding="utf-8"))
        kept = {k: v for k, v in earlier.get("suites", {}).items() if k not in results["suites"]}  # type: ignore[operator]
        results["suites"] = {**kept, **results["suites"]}  # type: ignore[dict-item]
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
