"""The ``marsad`` command's Typer application, shared by the command modules."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): Arabic news into verifiable, structured facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Exit codes, shown in `marsad --help` and the README.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
