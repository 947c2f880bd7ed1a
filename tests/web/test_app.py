"""The app: one error shape for every route family, security headers, size limits, OpenAPI."""

from __future__ import annotations

import pytest

from tests.web.conftest import Built, make_client

ERROR_KEYS = {"ok", "error", "status"}


def assert_error(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body


# One failing request per route family: API reads, API writes, pages, feeds, static, unknown paths.
FAMILIES = [
    ("GET", "/api/v1/articles/999999", None, 404),
    ("GET", "/api/v1/articles/not-a-number", None, 404),
    ("GET", "/api/v1/entities/999999", None, 404),
    ("GET", "/api/v1/stories/999999", None, 404),
    ("GET", "/api/v1/search?from=yesterday", None, 422),
    ("GET", "/api/v1/articles?limit=0", None, 422),
    ("GET", "/api/v1/commitments?status=soon", None, 422),
    ("GET", "/api/v1/watchlists/nothing-here", None, 404),
    ("GET", "/api/v1/watchlists/nothing-here/matches", None, 404),
    ("POST", "/api/v1/analyze", {"title": "بلا نص"}, 422),
    ("POST", "/api/v1/articles", {"text": "نص"}, 401),
    ("PUT", "/api/v1/watchlists/x", {"words": ["نفط"]}, 401),
    ("DELETE", "/api/v1/articles", None, 405),
    ("GET", "/article/999999", None, 404),
    ("GET", "/entity/abc", None, 404),
    ("GET", "/story/999999", None, 404),
    ("GET", "/search?type=PARTY", None, 422),
    ("GET", "/watch/nothing-here", None, 404),
    ("GET", "/watch/nothing-here.atom", None, 404),
    ("GET", "/static/missing.css", None, 404),
    ("GET", "/no/such/page", None, 404),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), FAMILIES)
def test_app_every_route_family_fails_in_one_shape(client: object, method: str, path: str, body: object, status: int) -> None:
    response = client.request(method, path, json=body)  # type: ignore[attr-defined]
    assert_error(response, status)


@pytest.mark.parametrize("path", ["/article/999999", "/entity/999999", "/story/999999", "/no/such/page", "/search?type=PARTY"])
def test_app_pages_answer_a_browser_with_an_rtl_error_page(client: object, path: str) -> None:
    response = client.get(path, headers={"accept": "text/html,application/xhtml+xml"})  # type: ignore[attr-defined]
    assert response.status_code in (404, 422)
    assert response.headers["content-type"].startswith("text/html")
    assert '<html dir="rtl" lang="ar">' in response.text
    assert f'<p class="code">{response.status_code}</p>' in response.text


def test_app_error_messages_name_the_input(client: object) -> None:
    body = assert_error(client.get("/api/v1/articles/424242"), 404)  # type: ignore[attr-defined]
    assert "424242" in str(body["error"])
    body = assert_error(client.post("/api/v1/analyze", json={"text": "قال الوزير", "published": "13/14/2024"}), 422)  # type: ignore[attr-defined]
    assert "13/14/2024" in str(body["error"]) and "YYYY-MM-DD" in str(body["error"])
    body = assert_error(client.post("/api/v1/analyze", content=b"{not json", headers={"content-type": "application/json"}), 422)  # type: ignore[attr-defined]
    assert "not valid JSON" in str(body["error"])
    body = assert_error(client.post("/api/v1/analyze", json={"text": "نص", "colour": "red"}), 422)  # type: ignore[attr-defined]
    assert "colour" in str(body["error"])


def test_app_sends_security_headers_everywhere(client: object) -> None:
    for path in ("/", "/api/v1/health", "/static/marsad.css", "/no/such/page"):
        headers = client.get(path).headers  # type: ignore[attr-defined]
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no script at all
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_app_refuses_bodies_over_the_limit_with_413(corpus_store: Built) -> None:
    small = make_client(corpus_store.path, max_body_bytes=2000)
    body = assert_error(small.post("/api/v1/analyze", json={"text": "كلمة " * 1000}), 413)
    assert "2000" in str(body["error"])
    assert_error(small.post("/api/v1/articles", json={"text": "كلمة " * 1000}), 413)
    # A body without Content-Length (chunked) is counted as it arrives.
    chunks = (b'{"text": "' + "ن".encode() * 500 + b'"}' for _ in range(3))
    assert_error(small.post("/api/v1/analyze", content=chunks, headers={"content-type": "application/json"}), 413)


def test_app_refuses_texts_over_the_text_limit_with_413(corpus_store: Built) -> None:
    limited = make_client(corpus_store.path, max_text_bytes=100)
    body = assert_error(limited.post("/api/v1/analyze", json={"text": "بغداد " * 50}), 413)
    assert "100" in str(body["error"])


def test_app_publishes_openapi_with_the_error_shape_on_every_operation(client: object) -> None:
    spec = client.get("/openapi.json").json()  # type: ignore[attr-defined]
    assert spec["components"]["schemas"]["Error"]["required"] == ["ok", "error", "status"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert "Document" in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation["responses"]["default"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path)
    for twin in ("/api/v1/overview", "/api/v1/articles/{article_id}", "/api/v1/entities/{entity_id}", "/api/v1/stories/{story_id}",
                 "/api/v1/search", "/api/v1/quotes", "/api/v1/commitments", "/api/v1/analyze", "/watch/{name}.atom"):
        assert twin in spec["paths"]
    assert client.get("/docs").status_code == 404  # type: ignore[attr-defined]  # the stock docs page loads a CDN


def test_app_without_a_store_still_analyses(tmp_path: object) -> None:
    bare = make_client(None)
    assert bare.post("/api/v1/analyze", json={"text": "وصل الوفد إلى بغداد."}).status_code == 200
    assert_error(bare.get("/api/v1/overview"), 503)
    health = bare.get("/api/v1/health").json()
    assert health["store"] is False and health["ok"] is True


def test_app_every_operation_is_documented(client: object) -> None:
    spec = client.get("/openapi.json").json()  # type: ignore[attr-defined]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("description", "").strip(), f"{method.upper()} {path} has no description"
            assert operation["responses"]["200" if "200" in operation["responses"] else "201"]["content"], (method, path)
