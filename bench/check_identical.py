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

The compiled build must give what pure Python gives. ``record --pure`` records with pure Python
(a child process on a copy of ``src`` without the mypyc extensions), ``compare`` then checks the
compiled build against it; ``--shared ../shared/data`` adds about 950 articles made of the shared
corpora's sentences (ANERcorp, NewsFANE, Wojood, AQMAR, UD PUD: other outlets, other
registers), twelve sentences each:

    .venv/bin/python bench/check_identical.py record /tmp/pure.jsonl --pure --shared ../shared/data
    .venv/bin/python bench/check_identical.py compare /tmp/pure.jsonl --shared ../shared/data
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
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


# The shared corpora read by --shared: one sentence per blank-line block (a token first on each
# line), or the "# text = " lines of a CoNLL-U file; ANERcorp's blocks are cut at full stops.
SHARED_CORPORA = (
    "anercorp/ANERCorp_CamelLab_test.txt",
    "newsfane_gold/NewsFANE_Gold_2014_170K.txt",
    "wojood_sample/test.txt",
    "aqmar_zero_shot_split/ar.testb",
    "ud_arabic_pud/ar_pud-ud-test.conllu",
)
SHARED_DAY = "2020-01-15"
SENTENCES_PER_ARTICLE = 12


def shared_sentences(path: Path) -> list[str]:
    """The sentences of one shared corpus file, as plain text."""
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    if path.suffix == ".conllu":
        return [line.removeprefix("# text = ") for line in lines if line.startswith("# text = ")]
    sentences: list[str] = []
    words: list[str] = []
    for line in lines + [""]:
        token = line.strip().lstrip("\u200e\ufeff").split()[:1]
        if token:
            words += token
        if words and (not token or (token[0] in (".", "!", "؟", "?") and len(words) > 3)):
            sentences.append(" ".join(words))
            words = []
    return sentences


def shared_cases(data: Path) -> list[Case]:
    """Articles of twelve sentences (paragraphs of three) from each shared corpus."""
    found = []
    for name in SHARED_CORPORA:
        sentences = shared_sentences(data / name)
        for start in range(0, len(sentences), SENTENCES_PER_ARTICLE):
            chunk = sentences[start : start + SENTENCES_PER_ARTICLE]
            text = "\n\n".join(" ".join(chunk[k : k + 3]) for k in range(0, len(chunk), 3))
            found.append(Case(f"shared/{name}#{start}", text, SHARED_DAY))
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


def record(path: Path, fixtures: Path, reverse: bool, shared: Path | None) -> int:
    found = cases(fixtures) + (shared_cases(shared) if shared else [])
    documents = analyse_all(found, reverse)
    with path.open("w", encoding="utf-8") as out:
        for case in found:
            out.write(json.dumps({"key": case.key, "input": case.input_hash, "document": documents[case.key]}, ensure_ascii=False) + "\n")
    print(f"recorded {len(found)} documents in {path}")
    return 0


def compare(path: Path, fixtures: Path, reverse: bool, shared: Path | None) -> int:
    recorded = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        recorded[row["key"]] = row
    found = cases(fixtures) + (shared_cases(shared) if shared else [])
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
    parser.add_argument("--shared", type=Path, help="add articles made of the shared corpora (../shared/data)")
    parser.add_argument("--pure", action="store_true", help="record with pure Python, not the compiled build")
    args = parser.parse_args(argv)
    if args.pure:
        sys.path.insert(0, str(ROOT / "bench"))
        from common import pure_python_env

        rest = [a for a in argv if a != "--pure"]
        return subprocess.run([sys.executable, __file__, *rest], env=pure_python_env(), check=False).returncode
    run = record if args.action == "record" else compare
    return run(args.path, args.fixtures, args.reverse, args.shared)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
