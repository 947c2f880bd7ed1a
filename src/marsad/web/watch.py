"""Watch-lists: named filters over the store, with an Atom feed and e-mail digests.

A watch-list names entities, words, PLOVER event types, places and outlets. An article matches
when it meets **every group that is not empty**, and a group is met by **any one** of its items:
``entities = ["الكاظمي"]`` with ``event_types = ["RETREAT"]`` follows withdrawals in articles that
name al-Kadhimi. Names are matched against the store's resolved entities (any alias) and compared in the
form entity resolution uses (:func:`marsad.link.names.name`), words as search keys
(:mod:`marsad.store.keys`: ``"انسحاب"`` finds ``"والانسحاب"``), outlets against the article's
source or its web host. What matched is kept as *facts* (the quote, the event, the sentence),
each with the anchor of its highlight on the article page, so a digest links every fact to the
exact place it was read.

Watch-lists come from a TOML file (read-only for the server)::

    [watch.iraq-withdrawal]
    title = "انسحاب القوات الأجنبية من العراق"
    entities = ["التحالف الدولي"]
    event_types = ["RETREAT"]
    places = ["العراق"]

or from the API (``PUT /api/v1/watchlists/NAME`` with the token), kept in a TOML file next to
the store (``marsad.db`` → ``marsad.watchlists.toml``) so ``marsad digest`` sees them too.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import msgspec

from marsad.document import EVENT_TYPES, Document
from marsad.errors import ConfigError, InputError, NotFoundError
from marsad.link.names import name
from marsad.store.keys import key_of_token, keys_of_text
from marsad.text.tokens import tokenise
from marsad.web.highlight import anchor
from marsad.web.views import ArticleRef, EntityRef, StoryRef

NAME_RE = re.compile(r"^\w[\w-]{0,63}$")
GROUPS = ("entities", "words", "event_types", "places", "outlets")


class Watchlist(msgspec.Struct, frozen=True, kw_only=True):
    """A named filter; ``origin`` is ``file`` (from TOML, read-only) or ``api``."""

    name: str
    title: str | None = None
    entities: list[str] = []
    words: list[str] = []
    event_types: list[str] = []
    places: list[str] = []
    outlets: list[str] = []
    origin: str = "file"

    def groups(self) -> dict[str, list[str]]:
        return {g: getattr(self, g) for g in GROUPS}


class WatchFact(msgspec.Struct, frozen=True, kw_only=True):
    """One matched fact: what kind, its text, its normalised value, where it is on the page."""

    kind: str
    text: str
    value: str | None = None
    anchor: str = ""
    why: str = ""


class WatchHit(msgspec.Struct, frozen=True, kw_only=True):
    """An article that matched, with the facts that made it match."""

    article: ArticleRef
    story: StoryRef | None
    facts: list[WatchFact]


class WatchPage(msgspec.Struct, frozen=True, kw_only=True):
    """A watch-list's matches since a time, newest first."""

    watchlist: Watchlist
    since: str
    hits: list[WatchHit]


def check(watchlist: Watchlist, *, where: str) -> Watchlist:
    """``watchlist`` if it is usable; else an :class:`InputError` saying what to fix."""
    if not NAME_RE.match(watchlist.name):
        raise InputError(
            f"watch-list name {watchlist.name!r} must be 1-64 letters, digits, '_' or '-', starting with a letter or digit",
            source=where,
        )
    unknown = [t for t in watchlist.event_types if t not in EVENT_TYPES]
    if unknown:
        raise InputError(
            f"watch-list {watchlist.name!r}: unknown event type {', '.join(map(repr, unknown))}; "
            f"valid PLOVER types: {', '.join(EVENT_TYPES)}",
            source=where,
        )
    if not any(v.strip() for g in GROUPS for v in getattr(watchlist, g)):
        raise InputError(
            f"watch-list {watchlist.name!r} has no criteria: give at least one of {', '.join(GROUPS)}", source=where
        )
    for group in GROUPS:
        for value in getattr(watchlist, group):
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                raise InputError(f"watch-list {watchlist.name!r}: {group} holds an empty or over-long item", source=where)
    return watchlist


def parse(text: str, *, origin: str, where: str) -> dict[str, Watchlist]:
    """Watch-lists from TOML text (``[watch.NAME]`` tables)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from error
    table = data.get("watch", {})
    if not isinstance(table, dict) or set(data) - {"watch"}:
        raise ConfigError(f"{where}: expected only [watch.NAME] tables, found {', '.join(sorted(data)) or 'nothing'}")
    found: dict[str, Watchlist] = {}
    for key, body in table.items():
        if not isinstance(body, dict):
            raise ConfigError(f"{where}: [watch.{key}] must be a table")
        extra = set(body) - set(GROUPS) - {"title"}
        if extra:
            raise ConfigError(f"{where}: [watch.{key}] has unknown key(s) {', '.join(sorted(extra))}; valid: title, {', '.join(GROUPS)}")
        try:
            watchlist = msgspec.convert({**body, "name": key, "origin": origin}, Watchlist)
        except msgspec.ValidationError as error:
            raise ConfigError(f"{where}: [watch.{key}]: {error}") from error
        try:
            found[key] = check(watchlist, where=where)
        except InputError as error:
            raise ConfigError(error.message) from error
    return found


def _toml_string(value: str) -> str:
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def dumps(watchlists: Iterable[Watchlist]) -> str:
    """TOML text for ``watchlists`` (read back by :func:`parse`)."""
    lines = ["# Watch-lists defined through marsad's API. Edit with care: the server rewrites this file.", ""]
    for w in sorted(watchlists, key=lambda w: w.name):
        lines.append(f"[watch.{_toml_string(w.name)}]")
        if w.title:
            lines.append(f"title = {_toml_string(w.title)}")
        for group in GROUPS:
            values = getattr(w, group)
            if values:
                lines.append(f"{group} = [{', '.join(_toml_string(v) for v in values)}]")
        lines.append("")
    return "\n".join(lines)


def api_file_for(db: Path) -> Path:
    """Where the API keeps its watch-lists for the store ``db``."""
    return db.with_name(db.stem + ".watchlists.toml")


@dataclass
class Registry:
    """The watch-lists of one server: a read-only TOML file plus the API's own file."""

    file: Path | None = None
    api_file: Path | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[Path, tuple[float, dict[str, Watchlist]]] = field(default_factory=dict)

    def _read(self, path: Path | None, origin: str) -> dict[str, Watchlist]:
        if path is None or not path.exists():
            return {}
        mtime = path.stat().st_mtime
        cached = self._cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot read watch-lists: {error}") from error
        found = parse(text, origin=origin, where=str(path))
        self._cache[path] = (mtime, found)
        return found

    def all(self) -> dict[str, Watchlist]:
        """Every watch-list by name; the file's win over the API's on a clash."""
        return {**self._read(self.api_file, "api"), **self._read(self.file, "file")}

    def get(self, name: str) -> Watchlist:
        found = self.all().get(name)
        if found is None:
            known = ", ".join(sorted(self.all())) or "none defined"
            raise NotFoundError(f"no watch-list named {name!r} (known: {known})")
        return found

    def put(self, watchlist: Watchlist) -> Watchlist:
        """Create or replace an API watch-list; file-defined ones cannot be changed here."""
        from marsad.errors import WebError

        if self.api_file is None:
            raise WebError(503, "this server has no store, so it cannot keep watch-lists; start it with --db")
        with self._lock:
            if watchlist.name in self._read(self.file, "file"):
                raise WebError(409, f"watch-list {watchlist.name!r} is defined in {self.file}; edit that file instead")
            current = self._read(self.api_file, "api")
            current = {**current, watchlist.name: msgspec.structs.replace(watchlist, origin="api")}
            self._write(current.values())
            return current[watchlist.name]

    def delete(self, name: str) -> None:
        from marsad.errors import WebError

        with self._lock:
            if name in self._read(self.file, "file"):
                raise WebError(409, f"watch-list {name!r} is defined in {self.file}; edit that file instead")
            current = dict(self._read(self.api_file, "api"))
            if name not in current:
                raise NotFoundError(f"no watch-list named {name!r} was defined through the API")
            del current[name]
            self._write(current.values())

    def _write(self, watchlists: Iterable[Watchlist]) -> None:
        assert self.api_file is not None
        text = dumps(watchlists)
        parse(text, origin="api", where=str(self.api_file))  # never write what cannot be read back
        temporary = self.api_file.with_name(self.api_file.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.api_file)
        self._cache.pop(self.api_file, None)


_SINCE = re.compile(r"^\s*(\d{1,5})\s*([hdw])\s*$")
_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``value`` names: a span back from now (``24h``, ``7d``, ``2w``) or a day/time.

    Raises:
        InputError: anything else, with the forms that are understood.
    """
    now = now or dt.datetime.now(dt.UTC)
    match = _SINCE.match(value or "")
    if match:
        return now - dt.timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InputError(f"since {value!r} is not understood: give a span like 24h, 7d or 2w, or a day YYYY-MM-DD") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# Matching -------------------------------------------------------------------------------


def name_keys(value: str) -> dict[str, str]:
    """A listed name's comparable key for each entity type (titles only come off persons)."""
    return {t: name(value, t).key for t in ("PERSON", "ORG", "LOC")}


def outlet_key(value: str) -> str:
    value = value.strip().casefold()
    if "://" in value:
        value = urlsplit(value).netloc
    return value.removeprefix("www.")


@dataclass(frozen=True)
class Compiled:
    """A watch-list ready to test Documents: names and words as keys, store ids kept apart."""

    watchlist: Watchlist
    entity_ids: frozenset[str]
    entity_names: frozenset[tuple[str, str]]
    place_ids: frozenset[str]
    place_names: frozenset[tuple[str, str]]
    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    event_types: frozenset[str]
    outlets: frozenset[str]


def compile(watchlist: Watchlist, resolve: Mapping[str, Sequence[str]] | None = None) -> Compiled:
    """Prepare ``watchlist``; ``resolve`` maps a listed name to the store entity ids it names."""
    resolve = resolve or {}

    def ids(values: list[str]) -> frozenset[str]:
        return frozenset(i for v in values for i in resolve.get(v, ()))

    return Compiled(
        watchlist=watchlist,
        entity_ids=ids(watchlist.entities) | frozenset(watchlist.entities),
        entity_names=frozenset((t, k) for v in watchlist.entities for t, k in name_keys(v).items() if k),
        place_ids=ids(watchlist.places) | frozenset(watchlist.places),
        place_names=frozenset(("LOC", k) for v in watchlist.places if (k := name(v, "LOC").key)),
        phrases=tuple((w, key) for w in watchlist.words if (key := tuple(keys_of_text(w)))),
        event_types=frozenset(watchlist.event_types),
        outlets=frozenset(outlet_key(o) for o in watchlist.outlets),
    )


def _names(entity_id: str, doc: Document, resolved: Mapping[str, EntityRef], aliases: Mapping[str, Sequence[str]]) -> set[tuple[str, str]]:
    """``(type, key)`` of every name the entity goes by, in the article and in the store."""
    entity = doc.entity(entity_id)
    if entity is None:
        return set()
    texts = [entity.canonical, *(m.text for m in entity.mentions)]
    ref = resolved.get(entity_id)
    if ref is not None:
        texts.append(ref.canonical)
        texts.extend(aliases.get(ref.id, ()))
    return {(entity.type, k) for t in texts if (k := name(t, entity.type).key)}


def match(
    compiled: Compiled,
    doc: Document,
    *,
    resolved: Mapping[str, EntityRef] | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> list[WatchFact] | None:
    """The facts of ``doc`` that meet ``compiled``, or None when a non-empty group is not met.

    ``resolved`` maps the Document's entity ids to store entities, ``aliases`` a store entity id
    to its other names; both are optional (an analysed, unstored Document matches by name).
    """
    resolved = resolved or {}
    aliases = aliases or {}
    w = compiled.watchlist
    facts: list[WatchFact] = []

    def hits(entity_id: str | None, ids: frozenset[str], names: frozenset[tuple[str, str]]) -> bool:
        if entity_id is None:
            return False
        ref = resolved.get(entity_id)
        if ref is not None and ref.id in ids:
            return True
        return bool(names & _names(entity_id, doc, resolved, aliases))

    if w.entities:
        wanted = {e.id for e in doc.entities if hits(e.id, compiled.entity_ids, compiled.entity_names)}
        if not wanted:
            return None
        for quote in doc.quotes:
            if quote.speaker in wanted:
                facts.append(WatchFact(kind="quote", text=quote.text, value=quote.speaker_text, anchor=anchor("quote", quote.start), why="entities"))
        for event in doc.events:
            if event.actor in wanted or event.target in wanted:
                facts.append(WatchFact(kind="event", text=event.trigger.text, value=event.type, anchor=anchor("event", event.trigger.start), why="entities"))
        for c in doc.commitments:
            if c.who in wanted:
                facts.append(WatchFact(kind="commitment", text=c.what.text, value=c.due, anchor=anchor("commitment", c.what.start), why="entities"))
        if not any(f.why == "entities" for f in facts):
            for entity in doc.entities:
                if entity.id in wanted and entity.mentions:
                    facts.append(WatchFact(kind=entity.type, text=entity.mentions[0].text, value=entity.canonical, anchor=anchor("entity", 0, entity.id), why="entities"))
    if w.places:
        places = {e.id for e in doc.entities if e.type == "LOC" and hits(e.id, compiled.place_ids, compiled.place_names)}
        if not places:
            return None
        located = [ev for ev in doc.events if ev.location in places]
        for event in located:
            facts.append(WatchFact(kind="event", text=event.trigger.text, value=event.type, anchor=anchor("event", event.trigger.start), why="places"))
        if not located:
            for entity in doc.entities:
                if entity.id in places and entity.mentions:
                    facts.append(WatchFact(kind="LOC", text=entity.mentions[0].text, value=entity.canonical, anchor=anchor("entity", 0, entity.id), why="places"))
    if w.event_types:
        typed = [ev for ev in doc.events if ev.type in compiled.event_types]
        if not typed:
            return None
        for event in typed:
            facts.append(WatchFact(kind="event", text=event.trigger.text, value=event.type, anchor=anchor("event", event.trigger.start), why="event_types"))
    if w.outlets:
        keys = {outlet_key(v) for v in (doc.source, doc.url) if v}
        if not keys & compiled.outlets:
            return None
    if compiled.phrases:
        found = _phrases(doc, compiled.phrases)
        if not found:
            return None
        facts.extend(found)
    # One fact per place on the page: the same event may meet several groups.
    unique: dict[tuple[str, str], WatchFact] = {}
    for fact in facts:
        unique.setdefault((fact.anchor, fact.kind), fact)
    return list(unique.values())


def _phrases(doc: Document, phrases: Sequence[tuple[str, tuple[str, ...]]]) -> list[WatchFact]:
    tokens = [t for t in (doc.tokens or tuple(tokenise(doc.text))) if key_of_token(t)]
    keys = [key_of_token(t) for t in tokens]
    found: list[WatchFact] = []
    seen: set[int] = set()
    for phrase, key in phrases:
        size = len(key)
        for i in range(len(keys) - size + 1):
            if tuple(keys[i:i + size]) == key:
                start, end = tokens[i].start, tokens[i + size - 1].end
                sentence = doc.sentence_of(start)
                if sentence in seen:
                    continue
                seen.add(sentence)
                if doc.sentences:
                    s = doc.sentences[sentence]
                    text = doc.text[s.start:s.end]
                else:
                    text = doc.text[max(0, start - 80):end + 80]
                anchor = f"s-{sentence}" if doc.sentences else ""
                found.append(WatchFact(kind="words", text=text, value=phrase, anchor=anchor, why="words"))
    return found
