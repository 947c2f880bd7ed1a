"""``marsad eval``: scores per component on gold-annotated articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.analyze import report
from marsad.cli.app import EXIT_SOME_FAILED, app
from marsad.errors import MarsadError
from marsad.eval.run import ROWS, Evaluation, evaluate


def evaluation_table(result: Evaluation) -> Table:
    splits = [s for s in ("dev", "test") if s in result.scores] + [s for s in result.scores if s not in ("dev", "test", "all")] + ["all"]
    table = Table(title=f"marsad eval ({', '.join(f'{s}: {result.counts[s]} articles' for s in splits)})", title_justify="left")
    table.add_column("component")
    for split in splits:
        table.add_column(f"{split} P", justify="right")
        table.add_column(f"{split} R", justify="right")
        table.add_column(f"{split} F1/acc", justify="right")
    for label, metric, kind in ROWS:
        row = [label]
        for split in splits:
            tally = result.scores[split][metric]
            if kind == "acc":
                row += ["", "", f"{tally.accuracy:.3f} ({tally.correct}/{tally.compared})"]
            else:
                row += [f"{tally.precision:.3f}", f"{tally.recall:.3f}", f"{tally.f1:.3f}"]
        table.add_row(*row)
    return table


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold articles (<id>.txt + <id>.json), e.g. tests/fixtures.")],
    published_from_gold: Annotated[bool, typer.Option("--published-from-gold", help="Give the pipeline each article's gold publication day (else relative dates cannot be resolved).")] = False,
    split: Annotated[list[str] | None, typer.Option(help="Only these splits (dev, test); default all.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the scores as JSON.")] = Path("eval/results/latest.json"),
) -> None:
    """Precision, recall and F1 per component, printed as a table and written as JSON."""
    try:
        result = evaluate(gold_dir, published_from_gold=published_from_gold, splits=tuple(split) if split else None)
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    Console(width=200).print(evaluation_table(result))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"scores written to {output}")
