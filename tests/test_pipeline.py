import gc

import pytest

import marsad
from marsad.document import Document
from marsad.errors import ComponentError, ConfigError, InputError
from marsad.pipeline import Pipeline, analyse, component, new_document, registered


@component("test_shout", requires=("sentences",), assigns=("title",))
def _shout(doc: Document) -> Document:
    return doc.replace(title=f"{len(doc.sentences)} sentences")


@component("test_broken", assigns=("nothing",))
def _broken(doc: Document) -> Document:
    raise RuntimeError("boom")


@component("test_wrong_return", assigns=("nothing",))
def _wrong(doc: Document) -> Document:
    return "not a document"  # type: ignore[return-value]


def test_pipeline_runs_components_in_order(article: str) -> None:
    doc = analyse(article, pipeline=Pipeline(["sentences", "test_shout"]))
    assert doc.title == f"{len(doc.sentences)} sentences"


def test_pipeline_rejects_unknown_component_and_lists_registered() -> None:
    with pytest.raises(ConfigError, match=r"Unknown component 'sentencs'.*Registered: .*sentences"):
        Pipeline(["sentencs"])


def test_pipeline_rejects_component_before_its_inputs() -> None:
    with pytest.raises(ConfigError, match=r"'test_shout' requires sentences"):
        Pipeline(["test_shout", "sentences"])


def test_pipeline_wraps_component_failure_naming_component_and_document() -> None:
    with pytest.raises(ComponentError, match=r"component 'test_broken' on document d1: RuntimeError: boom"):
        analyse("نص", id="d1", pipeline=Pipeline(["test_broken"]))


def test_pipeline_rejects_non_document_return() -> None:
    with pytest.raises(ComponentError, match="returned str instead of a Document"):
        analyse("نص", pipeline=Pipeline(["test_wrong_return"]))


def test_pipeline_registry_lists_builtins_with_requires_and_assigns() -> None:
    components = registered()
    for name in ("clean", "sentences", "tokens"):
        assert name in components
    assert components["sentences"].assigns == ("sentences",)
    assert components["clean"].as_dict()["description"]


@pytest.mark.parametrize("published", ["2021-13-01", "yesterday", "2021", "11/11/2021"])
def test_pipeline_rejects_bad_published(published: str) -> None:
    with pytest.raises(InputError, match="not a date in YYYY-MM-DD form"):
        analyse("نص", published=published)


@pytest.mark.parametrize(("given", "stored"), [("2021-11-11", "2021-11-11"), ("2021-11-11T08:30:00+03:00", "2021-11-11"), (None, None)])
def test_pipeline_accepts_iso_published(given: str | None, stored: str | None) -> None:
    assert analyse("نص", published=given).published == stored


def test_pipeline_plain_text_without_furniture_is_unchanged() -> None:
    text = "وقال الوزير إن الاجتماع انتهى.\n\nوأضاف أن الوفد غادر."
    assert marsad.analyse(text).text == text


def test_pipeline_analyse_rejects_non_text() -> None:
    with pytest.raises(InputError, match="text must be a str"):
        analyse(b"bytes")  # type: ignore[arg-type]


def test_pipeline_moves_what_it_loaded_out_of_the_cyclic_collector(article: str) -> None:
    gc.unfreeze()
    try:
        pipeline = Pipeline(["clean", "sentences", "tokens", "entities"])
        pipeline(new_document(article))
        frozen = gc.get_freeze_count()
        assert frozen > 0  # what the process holds, the loaded tagger and lexicons among it
        pipeline(new_document(article))
        assert gc.get_freeze_count() == frozen  # once per pipeline, not once per document
    finally:
        gc.unfreeze()
