"""Components registered by name, an ordered pipeline built from configuration, ``analyse``.

A component is a callable ``Document -> Document`` that adds one layer (sentences, entities,
dates…). It is registered with the names of the layers it ``requires`` and ``assigns``, so a
pipeline that would run a component before its inputs exist fails when it is built, not on the
thousandth article. marsad's own components register exactly like third-party ones (the
``marsad.components`` entry-point group), and the pipeline itself is a list in ``marsad.toml``.

>>> doc = analyse("قال الوزير إن الاجتماع انتهى.", published="2021-11-11")
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['قال الوزير إن الاجتماع انتهى.']
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

from marsad.document import Document, content_id
from marsad.errors import ComponentError, ConfigError, InputError, MarsadError

log = logging.getLogger(__name__)

Component = Callable[[Document], Document]
Factory = Callable[[Mapping[str, Any]], Component]

# Layers every Document has before any component runs.
BASE_LAYERS = ("text", "published", "title", "url", "source")

# marsad's own component modules, imported on first use like plugins (datasette's
# DEFAULT_PLUGINS): each registers its components with @component / @factory.
BUILTIN_MODULES = (
    "marsad.clean",
    "marsad.text.components",
    "marsad.extract.entities",
    "marsad.extract.dates",
    "marsad.extract.quantities",
    "marsad.extract.components",
)
ENTRY_POINT_GROUP = "marsad.components"


@dataclass(frozen=True)
class ComponentInfo:
    """What the registry knows of a component."""

    name: str
    factory: Factory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str
    description: str
    module: str = field(default="")

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "requires": list(self.requires),
            "assigns": list(self.assigns),
            "description": self.description,
            "module": self.module,
        }


_REGISTRY: dict[str, ComponentInfo] = {}


def _summary(obj: Any) -> str:
    doc = (getattr(obj, "__doc__", None) or "").strip()
    return doc.splitlines()[0] if doc else ""


def factory(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str], version: str = "1"
) -> Callable[[Factory], Factory]:
    """Register a configurable component: ``fn(options) -> (Document -> Document)``.

    Use for components that load something once (a model, a lexicon) or take options.
    """

    def register(make: Factory) -> Factory:
        if name in _REGISTRY and _REGISTRY[name].module != make.__module__:
            raise ConfigError(
                f"component name {name!r} is registered twice: by {_REGISTRY[name].module} and by "
                f"{make.__module__}. Rename one of them."
            )
        _REGISTRY[name] = ComponentInfo(
            name=name,
            factory=make,
            requires=tuple(requires),
            assigns=tuple(assigns),
            version=version,
            description=_summary(make),
            module=make.__module__,
        )
        return make

    return register


def component(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str], version: str = "1"
) -> Callable[[Component], Component]:
    """Register a stateless component: a plain function ``Document -> Document``."""

    def register(fn: Component) -> Component:
        def make(options: Mapping[str, Any]) -> Component:
            return fn

        make.__doc__ = fn.__doc__
        make.__module__ = fn.__module__
        factory(name, requires=requires, assigns=assigns, version=version)(make)
        return fn

    return register


@lru_cache(maxsize=1)
def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if not error.name or not (module == error.name or module.startswith(error.name + ".")):
                raise
            # A built-in that this installation does not have yet (optional part).
            log.debug("built-in component module %s is not available", module)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as error:  # a broken plug-in must not break marsad
            log.warning("could not load component plug-in %s: %s", entry.value, error)


def registered() -> dict[str, ComponentInfo]:
    """Every registered component by name, built-ins and plug-ins."""
    _load_builtins()
    return dict(sorted(_REGISTRY.items()))


class Pipeline:
    """An ordered list of components, checked when built, run on one Document at a time."""

    def __init__(self, names: Sequence[str], options: Mapping[str, Mapping[str, Any]] | None = None):
        available = registered()
        unknown = [name for name in names if name not in available]
        if unknown:
            raise ConfigError(
                f"Unknown component {', '.join(map(repr, unknown))} in pipeline. "
                f"Registered: {', '.join(available)}. Check [pipeline] in marsad.toml."
            )
        have = set(BASE_LAYERS)
        for name in names:
            info = available[name]
            missing = [layer for layer in info.requires if layer not in have]
            if missing:
                raise ConfigError(
                    f"Component {name!r} requires {', '.join(missing)}, which no earlier component "
                    f"assigns. Put a component that assigns them before {name!r} in [pipeline]."
                )
            have.update(info.assigns)
        self.names = tuple(names)
        self.infos = tuple(available[name] for name in names)
        options = options or {}
        self._steps = [(info.name, info.factory(options.get(info.name, {}))) for info in self.infos]
        self._settled = False

    def __call__(self, doc: Document) -> Document:
        for name, step in self._steps:
            try:
                result = step(doc)
            except MarsadError:
                raise
            except Exception as error:
                raise ComponentError(f"{type(error).__name__}: {error}", component=name, doc_id=doc.id) from error
            if not isinstance(result, Document):
                raise ComponentError(
                    f"returned {type(result).__name__} instead of a Document", component=name, doc_id=doc.id
                )
            doc = result
        if not self._settled:
            # The models and lexicons, all loaded by now, live as long as the process: take them
            # out of the cyclic collector's reach, or each full collection walks them again
            # (3 to 4% of the analysis time, measured on the ingest benchmark).
            gc.freeze()
            self._settled = True
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        """Run over many Documents lazily, in order."""
        for doc in docs:
            yield self(doc)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"


def validate_published(published: str | dt.date | None, *, source: str | None = None) -> str | None:
    """``YYYY-MM-DD`` or None; anything else is an :class:`InputError` naming the input.

    Accepts a date, a datetime, or an ISO 8601 string (a time part is ignored).
    """
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    text = str(published).strip()
    try:
        if len(text) < 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(f"published date {text!r} is not a date in YYYY-MM-DD form", source=source) from None


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline configured in ``marsad.toml`` (or ``$MARSAD_CONFIG``), built once."""
    from marsad.settings import load_settings

    settings = load_settings()
    return Pipeline(settings.pipeline, settings.component_options)


def load_pipeline(names: Sequence[str] | None = None, options: Mapping[str, Mapping[str, Any]] | None = None) -> Pipeline:
    """A pipeline of ``names`` (default: the configured one)."""
    if names is None:
        return default_pipeline()
    return Pipeline(names, options)


def new_document(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    id: str | None = None,
) -> Document:
    """A Document with its input fields set and no layers yet."""
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}", source=source or url)
    return Document(
        id=id or content_id(text),
        text=text,
        published=validate_published(published, source=source or url),
        title=title,
        url=url,
        source=source,
    )


def analyse(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    id: str | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Analyse one article and return its :class:`Document`.

    Args:
        text: the article body (plain text; page furniture is removed by the ``clean`` step).
        published: publication day (``YYYY-MM-DD`` or a date): anchors relative dates.
        title, url, source: identity fields, copied to the Document.
        id: a stable id; defaults to a hash of the text.
        pipeline: run this pipeline instead of the configured one.

    Raises:
        InputError: ``published`` is not a date, or ``text`` is not a string.
        ComponentError: a component failed; it names the component and the document.
    """
    doc = new_document(text, published=published, title=title, url=url, source=source, id=id)
    return (pipeline or default_pipeline())(doc)


analyze = analyse
