import time

import numpy as np
from fastapi.testclient import TestClient


def _ready(client: TestClient):
    for _ in range(600):
        if client.get("/api/health").json().get("ready"):
            return
        time.sleep(0.05)
    raise AssertionError("server never became ready")


def test_weights_of_the_default_model_explain_its_predictions(client: TestClient):
    _ready(client)
    body = client.get("/api/model/weights").json()
    shapes = [(len(l["W"]), len(l["W"][0])) for l in body["layers"]]
    assert shapes == [(784, 16), (16, 16), (16, 10)]
    digit = client.get("/api/digits/test/0").json()
    answer = client.post("/api/predict", json={"pixels": digit["pixels"]}).json()
    # The first hidden layer's pre-activation is x·W1 + b1: the contribution map sums to it.
    x = np.array(digit["pixels"])
    w1, b1 = np.array(body["layers"][0]["W"]), np.array(body["layers"][0]["b"])
    np.testing.assert_allclose(x @ w1 + b1, answer["pre_activations"][0], atol=1e-3)


def test_unknown_model_is_404(client: TestClient):
    _ready(client)
    assert client.get("/api/model/weights", params={"model": "nope"}).status_code == 404
