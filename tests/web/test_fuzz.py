"""The API fuzzed against its own OpenAPI document (schemathesis): no 500s, answers as documented.

Every operation in ``/openapi.json`` gets generated requests, valid and invalid; each response
must not be a server error, must use a documented status and content type, and must match its
documented schema (the error shape included). Writes run with the token against a throw-away
store, so ingest and watch-list changes are fuzzed too.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from marsad.web.app import WebConfig, create_app
from tests.web.conftest import TOKEN
from tests.web.corpus import CORPUS, build_store

pytestmark = pytest.mark.slow
EXAMPLES = 100
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    db = folder / "marsad.db"
    build_store(db, CORPUS)
    lists = folder / "lists.toml"
    lists.write_text('[watch.withdrawal]\nevent_types = ["RETREAT"]\n', encoding="utf-8")
    app = create_app(WebConfig(db=db, token=TOKEN, watchlists=lists, max_text_bytes=20_000))
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_fuzz_api_never_fails_and_answers_as_documented(api_schema: object) -> None:
    # One Hypothesis run per operation (schemathesis' own pytest loader does not support this
    # pytest yet, so the operations are walked here).
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[attr-defined]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case: object) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)  # type: ignore[attr-defined]

        try:
            run()
        except Exception as error:
            raise AssertionError(f"{operation.label}: {error}") from error
