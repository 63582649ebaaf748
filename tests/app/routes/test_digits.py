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
