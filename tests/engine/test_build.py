"""engine.build: one config dict makes the whole run, and a bad value names its config path."""
import numpy as np
import pytest

from engine import build
from engine.defaults import DEFAULT_TRAINING
from engine.errors import ParameterError

MOONS = {"dataset": "moons", "layers": [2, 8, 2], "activation": "tanh", "lr": 0.5, "epochs": 3,
         "schedule": "constant", "schedule_params": {}, "batch_size": 16, "seed": 4}


def test_a_config_builds_the_same_run_every_time():
    runs = []
    for _ in range(2):
        train, val, test = build.data(MOONS)
        trainer = build.trainer(MOONS, train, val, snapshot_every=0)
        assert trainer.run() == "done"
        runs.append(trainer)
    assert np.array_equal(runs[0].net.get_flat(), runs[1].net.get_flat())
    assert test is val and runs[0].net.sizes == [2, 8, 2] and len(runs[0].history) == 3


def test_missing_keys_take_the_playground_defaults():
    net = build.network({"layers": [4, 3, 2]})
    assert net.config["activation"] == [DEFAULT_TRAINING["activation"]] and net.config["loss"] == "cross_entropy"
    assert build.optimizer({}).lr == DEFAULT_TRAINING["lr"]
    assert build.schedule({"schedule": "cosine", "schedule_params": {}, "epochs": 4}).T_max == 4


def test_train_size_keeps_the_first_examples():
    train, _, _ = build.data({**MOONS, "train_size": 10})
    full, _, _ = build.data(MOONS)
    assert len(train) == 10 and np.array_equal(train.x, full.x[:10])


@pytest.mark.parametrize("change, field", [
    ({"optimizer_params": {"momentum": -1}}, "optimizer_params.momentum"),
    ({"optimizer": "adam", "optimizer_params": {"betas": [0.9, 1.5]}}, "optimizer_params.betas"),
    ({"optimizer_params": {"swing": 1}}, "optimizer_params.swing"),
    ({"optimizer": "lion"}, "optimizer"),
    ({"lr": -0.1}, "lr"),
    ({"schedule": "step", "schedule_params": {}}, "schedule_params.step_size"),
    ({"schedule": "plateau", "schedule_params": {"patience": -1}}, "schedule_params.patience"),
    ({"schedule": "warm"}, "schedule"),
    ({"loss": "binary_cross_entropy", "output": "softmax"}, "output"),
    ({"loss": "hinge"}, "loss"),
    ({"activation": ["tanh", "swish"], "layers": [2, 4, 4, 2]}, "activation.1"),
    ({"init": "orthogonal"}, "init"),
    ({"colour": "red"}, "colour"),
])
def test_a_bad_value_names_its_config_path(change, field):
    with pytest.raises(ParameterError) as err:
        build.check({**MOONS, **change})
    assert err.value.field == field, str(err.value)
