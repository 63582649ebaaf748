"""engine.sweep: a grid of configs from one or two axes, and every bad sweep named by its field."""
from __future__ import annotations

import math

import pytest

from engine import build, sweep
from engine.defaults import default_training
from engine.errors import ParameterError

LR = {"field": "lr", "min": 0.001, "max": 1, "points": 4}
OPT = {"field": "optimizer", "values": ["sgd", "adam", "momentum"]}


def test_two_axes_make_a_row_major_grid_of_full_configs():
    grid = sweep.expand(default_training(), [LR, OPT], epochs=2)
    assert grid.shape == (4, 3) and len(grid.cells) == 12
    assert [c.coords for c in grid.cells[:4]] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert grid.axes[0].values == (0.001, 0.01, 0.1, 1.0)
    cell = grid.cells[5]
    assert cell.values == {"lr": 0.01, "optimizer": "momentum"}
    assert cell.config["lr"] == 0.01 and cell.config["optimizer"] == "momentum"
    assert cell.config["epochs"] == 2 and cell.config["layers"] == [784, 16, 16, 10]
    for c in grid.cells:                      # every cell is a config the engine builds
        build.check(c.config)


def test_a_log_range_is_even_in_log_space_and_ends_exactly_at_its_bounds():
    values = sweep.log_range(0.001, 10, 9)
    assert values[0] == 0.001 and values[-1] == 10.0
    steps = [math.log(b / a) for a, b in zip(values, values[1:])]
    assert max(steps) - min(steps) < 1e-9
    assert sweep.log_range(0.5, 0.5, 1) == [0.5]


def test_the_base_config_is_left_alone_and_cells_do_not_share_state():
    base = default_training()
    grid = sweep.expand(base, [{"field": "hidden", "values": [4, 32]}], epochs=1)
    assert base == default_training()
    assert [c.config["layers"] for c in grid.cells] == [[784, 4, 4, 10], [784, 32, 32, 10]]
    grid.cells[0].config["optimizer_params"]["momentum"] = 0.5
    assert grid.cells[1].config["optimizer_params"] == {}


def test_a_cosine_schedule_over_the_runs_epochs_anneals_over_the_sweeps():
    base = {**default_training(), "schedule": "cosine", "schedule_params": {"T_max": 10}, "epochs": 10}
    assert sweep.expand(base, [LR], 3).cells[0].config["schedule_params"] == {"T_max": 3}
    fixed = {**base, "schedule_params": {"T_max": 50}}
    assert sweep.expand(fixed, [LR], 3).cells[0].config["schedule_params"] == {"T_max": 50}


def test_changing_the_optimizer_drops_arguments_that_belong_to_the_base_one():
    base = {**default_training(), "optimizer": "sgd", "optimizer_params": {"momentum": 0.9}}
    cells = sweep.expand(base, [{"field": "optimizer", "values": ["sgd", "adam"]}], 1).cells
    assert cells[0].config["optimizer_params"] == {"momentum": 0.9}
    assert cells[1].config["optimizer_params"] == {}
    build.check(cells[1].config)


def test_every_field_sets_what_it_names():
    base = default_training()
    axes = {"batch_size": [8, 64], "init": ["he_normal", "zeros"], "activation": ["relu", "tanh"],
            "seed": [0, 7]}
    for field, values in axes.items():
        cells = sweep.expand(base, [{"field": field, "values": values}], 1).cells
        assert [c.config[field] for c in cells] == values


@pytest.mark.parametrize("axes, epochs, field", [
    ([], 2, "axes"),
    ([LR, OPT, {"field": "seed", "values": [1]}], 2, "axes"),
    ("lr", 2, "axes"),
    ([{"field": "momentum", "values": [0.9]}], 2, "axes.0.field"),
    ([LR, {"field": "lr", "values": [0.1]}], 2, "axes.1.field"),
    ([{**LR, "max": 1e-4}], 2, "axes.0.max"),
    ([{**LR, "min": 0}], 2, "axes.0.min"),
    ([{**LR, "min": float("nan")}], 2, "axes.0.min"),
    ([{**LR, "max": float("inf")}], 2, "axes.0.max"),
    ([{**LR, "points": 0}], 2, "axes.0.points"),
    ([{**LR, "points": 2.5}], 2, "axes.0.points"),
    ([{"field": "lr", "min": 0.1, "max": 1}], 2, "axes.0.points"),
    ([{**LR, "values": [0.1]}], 2, "axes.0.values"),
    ([{**LR, "step": 2}], 2, "axes.0.step"),
    ([{"field": "optimizer", "values": ["sgd", "lbfgs"]}], 2, "axes.0.values.1"),
    ([{"field": "optimizer", "values": ["sgd", "sgd"]}], 2, "axes.0.values.1"),
    ([{"field": "optimizer", "min": 1, "max": 2, "points": 2}], 2, "axes.0.values"),
    ([LR, {"field": "batch_size", "values": [32, 0]}], 2, "axes.1.values.1"),
    ([{"field": "hidden", "values": [16, True]}], 2, "axes.0.values.1"),
    ([{"field": "seed", "values": [1, float("nan")]}], 2, "axes.0.values.1"),
    ([{"field": "lr", "values": [0.1, -1]}], 2, "axes.0.values.1"),
    ([{**LR, "points": 11}, {"field": "seed", "values": list(range(10))}], 2, "axes"),
    ([LR], 0, "epochs"),
    ([LR], 21, "epochs"),
    ([LR], 2.0, "epochs"),
])
def test_a_bad_sweep_names_its_field(axes, epochs, field):
    with pytest.raises(ParameterError) as err:
        sweep.expand(default_training(), axes, epochs)
    assert err.value.field == field, str(err.value)


def test_the_cap_message_says_how_many_cells_and_the_limit():
    with pytest.raises(ParameterError) as err:
        sweep.expand(default_training(), [{**LR, "points": 11}, {"field": "seed", "values": list(range(10))}], 1)
    assert "11 × 10 = 110 cells" in str(err.value) and "100" in str(err.value)
    assert len(sweep.expand(default_training(), [{**LR, "points": 10},
                                                 {"field": "seed", "values": list(range(10))}], 1).cells) == 100


def test_hidden_width_needs_a_hidden_layer():
    with pytest.raises(ParameterError) as err:
        sweep.expand({**default_training(), "layers": [784, 10]}, [{"field": "hidden", "values": [8]}], 1)
    assert err.value.field == "axes.0.field"
