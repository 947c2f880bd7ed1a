"""``marsad train ner`` and ``marsad eval-ner``: the entity tagger's training and benchmark.

Both read the shared corpora (``../shared/data``), so neither is part of ``make test``.
Training is deterministic (L-BFGS, fixed data order): the same command rebuilds the shipped
model. Scores are entity-level (type and both boundaries), micro-averaged over PERS, LOC, ORG.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.analyze import report
from marsad.cli.app import EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.errors import InputError, MarsadError
from marsad.extract.entities.corpus import Sentence, read_gold_articles, read_iob
from marsad.extract.entities.tagger import MODEL, Tagger
from marsad.extract.entities.training import (
    DEFAULT_PARAMS,
    Report,
    consistent,
    evaluate,
    train,
    write_metadata,
)
from marsad.resources import data_path

train_app = typer.Typer(help="Train the models marsad ships (reads the shared corpora).", no_args_is_help=True)
app.add_typer(train_app, name="train")

ANERCORP_TRAIN = "ANERCorp_CamelLab_train.txt"
ANERCORP_TEST = "ANERCorp_CamelLab_test.txt"
AQMAR_TEST = "aqmar_zero_shot_split/ar.testb.iob2"
WOJOOD_FILES = ("wojood_sample/train.txt", "wojood_sample/val.txt", "wojood_sample/test.txt")
# Text that shares sentences with the ANERcorp test split must never be trained on.
FORBIDDEN_EXTRA = ("newsfane", ANERCORP_TEST.lower(), "wojood")
SEED = 0  # L-BFGS is deterministic; recorded so the model card states it.
CONSISTENCY_WINDOW = 20


def _anercorp_file(data: Path, name: str) -> Path:
    for candidate in (data / name, data / "anercorp" / name):
        if candidate.is_file():
            return candidate
    raise InputError(f"no {name} here or in its anercorp/ folder; pass --data ../shared/data/anercorp", source=str(data))


def _extra(path: Path) -> list[Sentence]:
    lowered = str(path).lower()
    if any(part in lowered for part in FORBIDDEN_EXTRA):
        raise InputError(
            "is not allowed as training data: NewsFANE shares text with the ANERcorp test split, the test "
            "split is for scoring only and the Wojood sample is for evaluation only",
            source=str(path),
        )
    if path.is_dir():
        return read_gold_articles(path)
    return read_iob(path)


def scores_table(title: str, result: Report) -> Table:
    """Precision, recall and F1 per type and micro-averaged, as a table for the terminal."""
    table = Table(title=title, title_justify="left")
    for column in ("type", "P", "R", "F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column == "type" else "right")
    rows = [("micro (PERS+LOC+ORG)", result.micro)] + list(result.types.items())
    for name, score in rows:
        table.add_row(
            name,
            f"{100 * score.precision:.2f}",
            f"{100 * score.recall:.2f}",
            f"{100 * score.f1:.2f}",
            str(score.tp + score.fn),
            str(score.tp + score.fp),
        )
    return table


@train_app.command("ner")
def train_ner(
    data: Annotated[Path, typer.Option(help="ANERcorp folder (CAMeL Lab split), e.g. ../shared/data/anercorp.")],
    extra: Annotated[list[Path] | None, typer.Option(help="More training data: an IOB file ('token tag' lines, e.g. AQMAR's ar.train.iob2) or a folder of gold articles (tests/fixtures/dev). Repeatable.")] = None,
    extra_weight: Annotated[int, typer.Option(help="How many times each --extra sentence is repeated (small in-domain sets count more).")] = 1,
    output: Annotated[Path, typer.Option(help="Where to write the model (a .crfsuite file; a .json training record goes beside it).")] = Path("src/marsad/models/ner-crf.crfsuite"),
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = int(DEFAULT_PARAMS["max_iterations"]),
    c1: Annotated[float, typer.Option(help="L1 regularisation (prunes features; smaller model).")] = float(DEFAULT_PARAMS["c1"]),
    c2: Annotated[float, typer.Option(help="L2 regularisation.")] = float(DEFAULT_PARAMS["c2"]),
) -> None:
    """Train the entity tagger on ANERcorp train (+ extras) and print its ANERcorp test scores."""
    console = Console(width=120)
    try:
        sentences = read_iob(_anercorp_file(data, ANERCORP_TRAIN))
        sources = [f"ANERcorp train ({len(sentences)} sentences)"]
        for path in extra or []:
            more = _extra(path)
            sources.append(f"{path} ({len(more)} sentences x{extra_weight})")
            sentences = sentences + more * extra_weight
        record = train(sentences, output, params={"max_iterations": iterations, "c1": c1, "c2": c2}, log=console.print)
        result = evaluate(Tagger(output).tag, read_iob(_anercorp_file(data, ANERCORP_TEST)))
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    record.update(
        {
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "data": sources,
            "command": "marsad train ner --data " + str(data) + "".join(f" --extra {p}" for p in extra or []) + (f" --extra-weight {extra_weight}" if extra else "") + f" --output {output}",
            "anercorp_test": result.as_dict(),
        }
    )
    write_metadata(output.with_suffix(".json"), record)
    console.print(scores_table(f"ANERcorp test (CAMeL Lab split, {result.sentences} sentences, {result.tokens} tokens)", result))
    console.print(f"model written to {output} ({record['model_bytes'] / 1e6:.1f} MB, {record['seconds']} s)")


def _without_artifact(sentences: list[Sentence]) -> list[Sentence]:
    """The test sentences without their first token (corrupted in the official file)."""
    return [sentences[0]] + [Sentence(s.words[1:], s.tags[1:]) for s in sentences[1:] if len(s.words) > 1]


@app.command("eval-ner")
def eval_ner(
    data: Annotated[Path, typer.Option(help="The shared corpora folder (holds anercorp/, aqmar_zero_shot_split/, wojood_sample/).")] = Path("../shared/data"),
    model: Annotated[Path | None, typer.Option(help="A model to score instead of the shipped one.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the scores as JSON.")] = Path("eval/results/ner.json"),
) -> None:
    """Score the entity tagger: ANERcorp test (CAMeL split), AQMAR test, Wojood sample."""
    console = Console(width=120)
    if not (data / "anercorp").is_dir():
        console.print(f"{data}: no anercorp/ folder; pass --data ../shared/data")
        raise typer.Exit(EXIT_USAGE)
    results: dict[str, Any] = {"generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "model": str(model or data_path(MODEL))}
    try:
        tagger = Tagger(model)
        anercorp = read_iob(_anercorp_file(data, ANERCORP_TEST))
        suites: list[tuple[str, str, list[Sentence]]] = [
            ("anercorp_test", "ANERcorp test, CAMeL Lab split, official file unchanged", anercorp),
            ("anercorp_test_no_artifact", "ANERcorp test without the corrupted sentence-initial tokens (error analysis only)", _without_artifact(anercorp)),
        ]
        if (data / AQMAR_TEST).is_file():
            suites.append(("aqmar_test", "AQMAR test (Bari et al. 2020 split), Wikipedia: out of domain", read_iob(data / AQMAR_TEST)))
        wojood = [data / name for name in WOJOOD_FILES if (data / name).is_file()]
        if wojood:
            sentences = [s for path in wojood for s in read_iob(path)]
            suites.append(("wojood_sample", "Wojood public sample (all three files; outermost layer, GPE as LOC): evaluation only", sentences))
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    for key, title, sentences in suites:
        result = evaluate(tagger.tag, sentences)
        results[key] = {"description": title, **result.as_dict()}
        console.print(scores_table(f"{title} ({result.sentences} sentences, {result.tokens} tokens)", result))
        if key == "anercorp_test":
            # marsad tags whole articles and keeps a name's tag consistent within one; ANERcorp
            # has no article boundaries, so neighbouring sentences stand in for the article.
            words = [s.words for s in sentences]
            labels = consistent(words, [tagger.tag(w) for w in words], CONSISTENCY_WINDOW, tagger.features.lexicals)
            combined = Report()
            for sentence, predicted in zip(sentences, labels):
                combined.add(sentence.tags, predicted)
            description = f"ANERcorp test, tagger + in-document consistency (±{CONSISTENCY_WINDOW} sentences stand in for the article)"
            results["anercorp_test_consistent"] = {"description": description, **combined.as_dict()}
            console.print(scores_table(description, combined))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    console.print(f"scores written to {output}")
