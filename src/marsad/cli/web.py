"""``marsad serve`` (the reading room and the API) and ``marsad digest`` (watch-list e-mail)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.analyze import report
from marsad.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.errors import MarsadError
from marsad.settings import load_settings

DEFAULT_WATCHLISTS = Path("watchlists.toml")


def _db(db: Path | None) -> Path:
    path = db or Path(load_settings().store_path)
    if not path.exists():
        report(f"{path}: no store here yet; create it with `marsad ingest SOURCE... --db {path}`")
        raise typer.Exit(EXIT_USAGE)
    return path


def _watchlists(path: Path | None) -> Path | None:
    if path is not None:
        if not path.exists():
            report(f"{path}: no such watch-list file")
            raise typer.Exit(EXIT_USAGE)
        return path
    return DEFAULT_WATCHLISTS if DEFAULT_WATCHLISTS.exists() else None


@app.command()
def serve(
    db: Annotated[Path | None, typer.Option("--db", help="The store's SQLite file (default: [store] path in marsad.toml, marsad.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless a proxy in front handles access.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    watchlists: Annotated[Path | None, typer.Option("--watchlists", help="A TOML file of watch-lists (default: ./watchlists.toml if present).")] = None,
) -> None:
    """Serve the store: the Arabic reading room, the /api/v1 JSON API and watch-list feeds.

    Ingest (POST /api/v1/articles) and watch-list changes need the token in $MARSAD_TOKEN;
    without it the server refuses them.
    """
    import uvicorn

    from marsad.web.app import WebConfig, create_app

    path = _db(db)
    lists = _watchlists(watchlists)
    try:
        config = WebConfig(db=path, watchlists=lists, max_text_bytes=load_settings().max_input_bytes)
        application = create_app(config)
        _ = application.state.services.data  # open the store now: a broken file is reported before serving
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None
    ingest = "enabled (token from MARSAD_TOKEN)" if config.token else "disabled (set MARSAD_TOKEN to enable)"
    print(f"marsad: serving {path} at http://{host}:{port}/  ·  API http://{host}:{port}/api  ·  ingest {ingest}", file=sys.stderr)
    uvicorn.run(application, host=host, port=port, log_level="info", access_log=False)


@app.command()
def digest(
    name: Annotated[str, typer.Argument(help="The watch-list's name.")],
    since: Annotated[str, typer.Option(help="What is new: a span back from now (24h, 7d, 2w) or a day YYYY-MM-DD.")] = "24h",
    smtp: Annotated[str | None, typer.Option(help="SMTP server HOST:PORT to send through; without it the e-mail is printed.")] = None,
    to: Annotated[str | None, typer.Option(help="Recipient address (needed with --smtp).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="The store's SQLite file (default: [store] path in marsad.toml, marsad.db).")] = None,
    watchlists: Annotated[Path | None, typer.Option("--watchlists", help="A TOML file of watch-lists (default: ./watchlists.toml if present).")] = None,
    base_url: Annotated[str, typer.Option("--base-url", help="Where `marsad serve` is reached, for the links in the e-mail.")] = "http://127.0.0.1:8000",
    sender: Annotated[str, typer.Option("--from", help="Sender address.")] = "marsad@localhost",
    send_empty: Annotated[bool, typer.Option("--send-empty", help="Send even when nothing matched.")] = False,
) -> None:
    """E-mail a watch-list's digest (HTML and plain text, grouped by story, every fact linked).

    Exit codes: 0 sent (or nothing new and --send-empty not given); 1 the SMTP server refused
    or could not be reached; 2 usage error (unknown watch-list, bad --since, no store).
    """
    from marsad.web import digest as mail
    from marsad.web.data import Data
    from marsad.web.watch import Registry, api_file_for

    if smtp and not to:
        report("--smtp needs --to ADDRESS")
        raise typer.Exit(EXIT_USAGE)
    path = _db(db)
    try:
        registry = Registry(file=_watchlists(watchlists), api_file=api_file_for(path))
        page = Data(path).watch(registry.get(name), since=since, limit=200)
        message = mail.message(page, base=base_url.rstrip("/"), sender=sender, to=to or "reader@localhost")
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None
    if not page.hits and not send_empty:
        print(f"marsad: nothing new for watch-list {name!r} since {page.since}; no e-mail sent (--send-empty sends one anyway)", file=sys.stderr)
        raise typer.Exit(EXIT_OK)
    if smtp is None:
        sys.stdout.write(message.as_string())
        raise typer.Exit(EXIT_OK)
    try:
        mail.send(message, smtp)
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    stories = len(mail.groups(page))
    print(f"marsad: sent {name!r} to {to}: {len(page.hits)} article(s) in {stories} group(s) since {page.since}", file=sys.stderr)
