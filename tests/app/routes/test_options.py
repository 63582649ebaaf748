"""GET /api/options: every choice, limit and default the UI offers, and no UI text."""
from __future__ import annotations


def test_options_list_every_choice_with_defaults(client):
    o = client.get("/api/options").json()
    assert {"sigmoid", "relu", "tanh", "leaky_relu", "elu"} <= set(o["activations"])
    assert {"sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamw"} <= set(o["optimizers"])
    assert o["optimizers"]["adam"]["betas"]["default"] == [0.9, 0.999]
    assert {"constant", "step", "cosine", "plateau", "exponential"} <= set(o["schedules"])
    assert o["datasets"][0] == {"name": "mnist", "kind": "mnist", "n_in": 784, "n_out": 10, "n_train": 55000}
    assert {f["name"] for f in o["toy_functions"]} >= {"rosenbrock", "beale", "himmelblau"}
    assert o["limits"]["params"] == 2_000_000 and o["defaults"]["layers"] == [784, 16, 16, 10]


def test_options_describe_parameters_and_leave_their_words_to_the_page(client):
    o = client.get("/api/options").json()
    for group in ("optimizers", "schedules"):
        for name, params in o[group].items():
            for param, spec in params.items():
                assert set(spec) == {"default", "type", "min", "max", "scale"}, (group, name, param)
    assert o["optimizers"]["sgd"]["lr"]["scale"] == "log" and o["schedules"]["step"]["step_size"]["type"] == "int"
    moons = next(d for d in o["datasets"] if d["name"] == "moons")
    assert moons == {"name": "moons", "kind": "toy", "n_in": 2, "n_out": 2, "n_train": 160, "view": [-1.5, 1.5, -1.5, 1.5],
                     "points": True}


def test_options_state_every_limit_the_server_enforces(client):
    limits = client.get("/api/options").json()["limits"]
    assert limits["width"] == [1, 1024] and limits["lr"] == [0, 10]     # the first shape stays
    assert "lr" in limits["min_exclusive"] and "surface_span" in limits["min_exclusive"]
    assert limits["train_size"] == [1, 60000] and limits["snapshot_every"][0] == 1
    assert limits["surface_resolution"] == [3, 101] and limits["surface_span"] == [0, 100]
    assert limits["race_steps"] == [1, 500] and limits["canvas"] == [1, 512]
    assert limits["sessions"] == 64 and limits["waiting"] == 32 and limits["body_bytes"] == 4 << 20
