"""A `surface` message with a `config`: the loss around that config's untrained network, where Play starts."""
from __future__ import annotations

import numpy as np

from engine import build
from engine.datasets import toy
from engine.landscape import loss_surface
from server_helpers import TINY, WS_URL, is_status, is_type, receive, until

MOONS = {"dataset": "moons", "layers": [2, 6, 2], "activation": "tanh", "seed": 4}


def ask(ws, **fields):
    ws.send_json({"type": "surface", "plane": "random", "resolution": 7, "seed": 2, **fields})
    return until(ws, lambda m: is_type("surface")(m) or is_type("error")(m), timeout=60)[-1]


def test_the_untrained_surface_is_the_configs_network_at_its_initial_weights(client):
    train, _ = toy.load_toy("moons", 4)
    expected = loss_surface(build.network(MOONS), train.x, train.y, "random", 7, 1.0, seed=2)
    with client.websocket_connect(WS_URL) as ws:
        header, tensors = ask(ws, config=MOONS)
        assert header["untrained"] is True and header["run_id"] is None and header["path"] == []
        np.testing.assert_allclose(tensors["values"], expected.values, rtol=1e-5)
        assert abs(header["center_loss"] - build.network(MOONS).evaluate(train.x, train.y)[0]) < 1e-4
        # After a run, a config still asks for the untrained network, not the run's.
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 1}})
        until(ws, is_status("done"), timeout=60)
        again, values = ask(ws, config=MOONS)
        assert again["untrained"] is True
        np.testing.assert_array_equal(values["values"], tensors["values"])
        other, _ = ask(ws, config={**MOONS, "seed": 5})
        assert other["center_loss"] != header["center_loss"], "another seed starts from other weights"
        default, values = ask(ws, config={})
        assert values["values"].shape == (7, 7) and default["n_examples"] == 2000


def test_a_bad_config_or_plane_is_a_surface_error_naming_the_field(client):
    with client.websocket_connect(WS_URL) as ws:
        for fields, field in (({"config": {"lr": 100}}, "lr"), ({"config": {**MOONS, "layers": [2, 0, 2]}}, "layers.1"),
                              ({"config": {"train_size": 0}}, "train_size"), ({"config": MOONS, "plane": "pca"}, "plane"),
                              ({"config": 3}, "config")):
            error = ask(ws, **fields)
            assert error["type"] == "error" and error["about"] == "surface" and error["field"] == field, (fields, error)
        ws.send_text('{"type": "surface", "plane": "random", "config": {"lr": NaN}}')
        error = receive(ws)
        assert error["about"] == "surface" and error["field"] == "lr"
