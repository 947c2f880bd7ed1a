"""Check that a change to marsad leaves every analysis byte for byte the same.

Speed work must not change what marsad finds. This script analyses every fixture article
(``tests/fixtures/**/*.txt`` with its gold ``published`` day) and every plain-text sample
(``src/marsad/samples/*.txt``, with and without a publication day) and writes each Document's
JSON to a file; run it before a change with ``record`` and after it with ``compare``:

    .venv/bin/python bench/check_identical.py record /tmp/before.jsonl
    .venv/bin/python bench/check_identical.py compare /tmp/before.jsonl

``compare`` prints the articles whose JSON differs, naming the first layer that differs, and
exits non-zero if any does. Articles added to the fixtures since ``record`` are reported but not
compared; an article whose input (text or gold day) changed since is reported as changed input.
``--reverse`` analyses the articles in reverse order, which shows any state carried from one
article to the next.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "src" / "marsad" / "samples"
# The plain-text samples carry no day of their own: analyse them without one and with the day
# the demo uses, so relative dates are resolved in one of the two runs.
SAMPLE_DAYS = (None, "2024-09-22")


@dataclass(frozen=True)
class Case:
    key: str
    text: str
    published: str | None

    @property
    def input_hash(self) -> str:
        return hashlib.sha1(f"{self.published}\x00{self.text}".encode()).hexdigest()


def cases(fixtures: Path) -> list[Case]:
    """Every article to analyse, keyed by its path (and day, for the samples)."""
    found = []
    for raw in sorted(fixtures.rglob("*.txt")):
        gold = raw.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        found.append(Case(f"fixtures/{raw.relative_to(fixtures)}", raw.read_text(encoding="utf-8"), published))
    for raw in sorted(SAMPLES.glob("*.txt")):
        for day in SAMPLE_DAYS:
            found.append(Case(f"samples/{raw.name}@{day}", raw.read_text(encoding="utf-8"), day))
    return found


def analyse_all(found: list[Case], reverse: bool) -> dict[str, str]:
    """Document JSON of every case, in file order or reversed."""
    import marsad

    order = list(reversed(found)) if reverse else found
    return {case.key: marsad.analyse(case.text, published=case.published).to_json().decode() for case in order}


def first_difference(before: str, after: str) -> str:
    """The first top-level field of the Document whose JSON differs, for the report."""
    old, new = json.loads(before), json.loads(after)
    for field in list(old) + [f for f in new if f not in old]:
        if old.get(field) != new.get(field):
            return field
    return "(key order or formatting)"


def record(path: Path, fixtures: Path, reverse: bool) -> int:
    found = cases(fixtures)
    documents = analyse_all(found, reverse)
    with path.open("w", encoding="utf-8") as out:
        for case in found:
            out.write(json.dumps({"key": case.key, "input": case.input_hash, "document": documents[case.key]}, ensure_ascii=False) + "\n")
    print(f"recorded {len(found)} documents in {path}")
    return 0


def compare(path: Path, fixtures: Path, reverse: bool) -> int:
    recorded = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        recorded[row["key"]] = row
    found = cases(fixtures)
    documents = analyse_all(found, reverse)
    same = differ = changed_input = new = 0
    for case in found:
        row = recorded.get(case.key)
        if row is None:
            new += 1
            print(f"new (not compared): {case.key}")
        elif row["input"] != case.input_hash:
            changed_input += 1
            print(f"input changed (not compared): {case.key}")
        elif row["document"].encode() == documents[case.key].encode():
            same += 1
        else:
            differ += 1
            print(f"DIFFERS: {case.key}: first in {first_difference(row['document'], documents[case.key])}")
    missing = [key for key in recorded if key not in documents]
    for key in missing:
        print(f"gone (not compared): {key}")
    print(f"identical {same}, different {differ}, new {new}, input changed {changed_input}, gone {len(missing)}")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("path", type=Path, help="the recorded Documents (JSON lines)")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of fixture articles")
    parser.add_argument("--reverse", action="store_true", help="analyse the articles in reverse order")
    args = parser.parse_args(argv)
    run = record if args.action == "record" else compare
    return run(args.path, args.fixtures, args.reverse)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
