"""The page shell in the asked language, and the API docs page served locally."""
from __future__ import annotations

from fastapi.testclient import TestClient


def test_page_is_rendered_in_the_asked_language(client):
    r = client.get("/", params={"lang": "ko"})
    assert r.status_code == 200 and "Downhill" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_api_docs_page_loads_swagger_from_this_server(client: TestClient):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "cdn." not in page.text and "unpkg" not in page.text
    script = client.get("/vendor/swagger-ui/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
