from fastapi.testclient import TestClient

from app.main import create_app


def test_health_answers_ok():
    with TestClient(create_app()) as client:
        r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_page_is_served():
    with TestClient(create_app()) as client:
        r = client.get("/")
    assert r.status_code == 200 and "Downhill" in r.text
