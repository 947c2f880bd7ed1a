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
from marsad.errors import DataFileError, InputError, MarsadError
from marsad.extract.entities.corpus import Sentence, read_gold_articles, read_iob
from marsad.extract.entities.neural import NeuralWeights
from marsad.extract.entities.neural_training import DEFAULT as NEURAL_DEFAULT
from marsad.extract.entities.neural_training import INSTALL_HINT, torch_available, train_neural
from marsad.extract.entities.tagger import MODEL, NEURAL_MODEL, NEURAL_WEIGHT, Tagger, combined
from marsad.extract.entities.training import (
    DEFAULT_PARAMS,
    Report,
    Source,
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
NEURAL_FILE = Path(NEURAL_MODEL).name


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
    output: Annotated[Path, typer.Option(help="Where to write the CRF (a .crfsuite file; its .npz export and a .json training record go beside it).")] = Path("src/marsad/models/ner-crf.crfsuite"),
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = int(DEFAULT_PARAMS["max_iterations"]),
    c1: Annotated[float, typer.Option(help="L1 regularisation (prunes features; smaller model).")] = float(DEFAULT_PARAMS["c1"]),
    c2: Annotated[float, typer.Option(help="L2 regularisation.")] = float(DEFAULT_PARAMS["c2"]),
    neural: Annotated[bool, typer.Option("--neural/--no-neural", help="Also train the neural network (needs torch: pip install 'marsad[train]').")] = True,
    neural_output: Annotated[Path | None, typer.Option(help="Where to write the network (default: ner-nn.npz beside the CRF).")] = None,
    epochs: Annotated[int, typer.Option(help="Training epochs of the network.")] = int(NEURAL_DEFAULT["epochs"]),
    neural_weight: Annotated[float, typer.Option(help="Weight of the network's scores when added to the CRF's.")] = NEURAL_WEIGHT,
) -> None:
    """Train the entity tagger on ANERcorp train (+ extras) and print its ANERcorp test scores."""
    console = Console(width=120)
    network = neural_output or output.with_name(NEURAL_FILE)
    if neural and not torch_available():
        console.print(f"{INSTALL_HINT}.", markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        corpora = [Source("ANERcorp train", read_iob(_anercorp_file(data, ANERCORP_TRAIN)))]
        corpora += [Source(str(path), _extra(path), extra_weight) for path in extra or []]
        sources = [f"{c.name} ({len(c.sentences)} sentences x{c.weight})" for c in corpora]
        record = train(corpora, output, params={"max_iterations": iterations, "c1": c1, "c2": c2}, log=console.print)
        test = read_iob(_anercorp_file(data, ANERCORP_TEST))
        result = evaluate(Tagger(output).tag, test)
        together = None
        if neural:
            record["neural"] = train_neural(corpora, network, settings={"epochs": epochs}, log=console.print)
            stored = NeuralWeights.load(network)
            NeuralWeights(stored.labels, stored.words, stored.stems, stored.chars, stored.features, stored.arrays, stored.memory, {**stored.header, "ensemble_weight": neural_weight}).save(network)
            record["neural"]["ensemble_weight"] = neural_weight
            together = evaluate(combined(output.with_suffix(".npz"), network).tag, test)
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    command = "marsad train ner --data " + str(data) + "".join(f" --extra {p}" for p in extra or []) + (f" --extra-weight {extra_weight}" if extra else "") + f" --output {output}"
    record.update(
        {
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "data": sources,
            "command": command + ("" if neural else " --no-neural"),
            "anercorp_test": result.as_dict(),
            **({"anercorp_test_with_network": together.as_dict()} if together else {}),
        }
    )
    write_metadata(output.with_suffix(".json"), record)
    console.print(scores_table(f"ANERcorp test (CAMeL Lab split, {result.sentences} sentences, {result.tokens} tokens), the CRF", result))
    if together:
        console.print(scores_table("ANERcorp test, the CRF and the network together", together))
    console.print(f"model written to {output} ({record['model_bytes'] / 1e6:.1f} MB, {record['seconds']} s)" + (f" and {network}" if neural else ""))


def _shipped(name: str) -> Path | None:
    """A packaged model file, or None when this installation has none."""
    try:
        return data_path(name)
    except DataFileError:
        return None


def _without_artifact(sentences: list[Sentence]) -> list[Sentence]:
    """The test sentences without their first token (corrupted in the official file)."""
    return [sentences[0]] + [Sentence(s.words[1:], s.tags[1:]) for s in sentences[1:] if len(s.words) > 1]


@app.command("eval-ner")
def eval_ner(
    data: Annotated[Path, typer.Option(help="The shared corpora folder (holds anercorp/, aqmar_zero_shot_split/, wojood_sample/).")] = Path("../shared/data"),
    model: Annotated[Path | None, typer.Option(help="A CRF (.npz) to score instead of the shipped one.")] = None,
    neural: Annotated[Path | None, typer.Option(help="A neural network (.npz) to score together with the CRF (default: the shipped one with the shipped CRF).")] = None,
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
        shipped = _shipped(NEURAL_MODEL)
        network: Path | bool | None = neural if neural is not None else (True if model is None and shipped else None)
        paired = combined(model, network) if network else None
        results["neural"] = str(neural or shipped) if paired else None
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
        if paired is not None:
            together = evaluate(paired.tag, sentences)
            results[key + "_with_network"] = {"description": title + "; the CRF and the neural network together", **together.as_dict()}
            console.print(scores_table(f"{title}: the CRF and the neural network together", together))
        if key == "anercorp_test":
            # marsad tags whole articles and keeps a name's tag consistent within one; ANERcorp
            # has no article boundaries, so neighbouring sentences stand in for the article.
            words = [s.words for s in sentences]
            labels = consistent(words, [tagger.tag(w) for w in words], CONSISTENCY_WINDOW, tagger.features.lexicals)
            joined = Report()
            for sentence, predicted in zip(sentences, labels):
                joined.add(sentence.tags, predicted)
            description = f"ANERcorp test, tagger + in-document consistency (±{CONSISTENCY_WINDOW} sentences stand in for the article)"
            results["anercorp_test_consistent"] = {"description": description, **joined.as_dict()}
            console.print(scores_table(description, joined))
            if paired is not None:
                labels = consistent(words, [paired.tag(w) for w in words], CONSISTENCY_WINDOW, paired.features.lexicals)
                both = Report()
                for sentence, predicted in zip(sentences, labels):
                    both.add(sentence.tags, predicted)
                results["anercorp_test_consistent_with_network"] = {"description": description + "; the CRF and the neural network together", **both.as_dict()}
                console.print(scores_table(description + ": the CRF and the neural network together", both))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    console.print(f"scores written to {output}")


# -- the models learnt from the project's annotated articles: events and quotes ---------------

# Options of both commands: the dev articles they learn from and their cross-validation.
DevGold = Annotated[Path, typer.Option(help="Folder of annotated dev articles (<id>.txt + <id>.json); test articles are refused.")]
Folds = Annotated[int, typer.Option(help="Cross-validation folds over articles (leave-articles-out).")]
Seed = Annotated[int, typer.Option(help="Seed of the fold assignment (training itself is deterministic).")]


def _cross_validation_table(record: dict[str, Any], columns: tuple[str, ...]) -> Table:
    """An empty table of cross-validation scores, titled with the folds, articles and seed."""
    cv = record["cross_validation"]
    table = Table(title=f"cross-validation, {cv['folds']} folds over {record['data']['articles']} articles (seed {cv['seed']})", title_justify="left")
    for k, column in enumerate(columns):
        table.add_column(column, justify="left" if k == 0 else "right")
    return table


# -- marsad train events: the events component's models (owned with extract/events.py) ------


@train_app.command("events")
def train_events_command(
    gold: DevGold = Path("tests/fixtures/dev"),
    output: Annotated[Path, typer.Option(help="Folder for events-trigger.npz, events-actor.npz, events-target.npz and events.json.")] = Path("src/marsad/models"),
    folds: Folds = 5,
    seed: Seed = 0,
    l2: Annotated[float | None, typer.Option(help="L2 regularisation of the trigger model.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Least probability for a candidate to be coded as an event.")] = None,
) -> None:
    """Train the event models (triggers, actors, recipients) and print cross-validation scores."""
    from dataclasses import replace

    from marsad.extract.event_training import Params, train_events

    console = Console(width=120)
    params = Params()
    if l2 is not None:
        params = replace(params, l2=l2)
    if threshold is not None:
        params = replace(params, threshold=threshold)
    command = f"marsad train events --gold {gold} --output {output} --folds {folds} --seed {seed}"
    command += (f" --l2 {l2}" if l2 is not None else "") + (f" --threshold {threshold}" if threshold is not None else "")
    try:
        record = train_events(gold, output, params, k=folds, seed=seed, command=command, log=lambda line: console.print(line, markup=False))
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    cv = record["cross_validation"]
    if cv:
        table = _cross_validation_table(record, ("metric", "P", "R", "F1", "tp", "fp", "fn"))
        for name in ("events.type", "events.type+actor"):
            row = cv[name]
            table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["tp"]), str(row["fp"]), str(row["fn"]))
        console.print(table)
    console.print(f"models written to {output} ({record['seconds']} s)", markup=False)


@train_app.command("quotes")
def train_quotes_command(
    gold: DevGold = Path("tests/fixtures/dev"),
    output: Annotated[Path, typer.Option(help="Folder for quotes-region.npz, quotes-speaker.npz and quotes.json.")] = Path("src/marsad/models"),
    folds: Folds = 5,
    seed: Seed = 0,
) -> None:
    """Train the quote models (quotations no cue introduces, speakers) and print cross-validation scores."""
    from marsad.extract.quote_training import QuoteParams, train_quotes

    console = Console(width=120)
    command = f"marsad train quotes --gold {gold} --output {output} --folds {folds} --seed {seed}"
    try:
        record = train_quotes(gold, output, QuoteParams(), k=folds, seed=seed, command=command, log=lambda line: console.print(line, markup=False))
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    cv = record["cross_validation"]
    if cv:
        table = _cross_validation_table(record, ("", "quotes F1", "direct P", "direct R", "speakers"))
        for label, key in (("cue rules alone", "cue_rules_alone"), ("with the models", "with_learnt_regions")):
            row = cv[key]
            table.add_row(label, f"{row['quotes']['f1']:.3f}", f"{row['quotes.direct']['precision']:.3f}", f"{row['quotes.direct']['recall']:.3f}", f"{row['quotes.speaker']['accuracy']:.3f}")
        console.print(table)
    console.print(f"models written to {output} ({record['seconds']} s)", markup=False)
