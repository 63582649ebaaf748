"""GET /api/digits and /api/evaluation of the default model."""
from __future__ import annotations

import numpy as np


def test_digits_and_evaluation(client):
    d = client.get("/api/digits/val/4999").json()
    assert len(d["pixels"]) == 784 and 0 <= d["label"] <= 9
    assert client.get("/api/digits/val/5000").status_code == 404
    assert client.get("/api/digits/test/random").status_code == 200
    e = client.get("/api/evaluation").json()
    confusion = np.asarray(e["confusion"])
    assert confusion.sum() == 10_000 and abs(np.trace(confusion) / 10_000 - e["accuracy"]) < 1e-9
    assert e["accuracy"] > 0.8 and 0 < len(e["mistakes"]) <= 48
    m = e["mistakes"][0]
    assert m["label"] != m["prediction"] and m["confidence"] >= e["mistakes"][-1]["confidence"]


def test_an_index_that_is_not_a_plain_number_or_past_the_end_is_404(client):
    """Unicode digits (², ٣) and numbers of thousands of digits used to answer 500."""
    for index in ("%C2%B2", "%D9%A3", "1" * 5000, "9" * 20, "10000", "-1", "1e3", " 1"):
        r = client.get(f"/api/digits/test/{index}")
        assert r.status_code == 404 and "0–9999" in r.json()["detail"], (index, r.text)
    assert client.get("/api/digits/nope/1").status_code == 422


def test_the_evaluation_cache_is_bounded_by_bytes(client, monkeypatch):
    """Each saved model's evaluation is kept as JSON, least recently used dropped first."""
    resources = client.app.state.resources
    one = len(client.get("/api/evaluation").content)
    monkeypatch.setattr(resources.evaluations, "max_bytes", int(one * 1.5))
    for run_id in _saved_models(resources, 3):
        assert client.get("/api/evaluation", params={"model": run_id}).status_code == 200
        assert resources.evaluations.size <= int(one * 1.5)
    assert len(resources.evaluations) == 1


def _saved_models(resources, n: int) -> list[str]:
    """n saved runs of the default network (its weights), without training."""
    ids = []
    for _ in range(n):
        run_id = resources.store.create({"layers": [784, 16, 16, 10]}, status="done")
        resources.store.save_weights(run_id, resources.model(None))
        ids.append(run_id)
    return ids
