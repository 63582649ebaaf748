"""Every lesson's outcome, seen headlessly: each preset of static/lessons/lessons.json runs
through the engine as the server would run it, and each of its checks, read from the same
file the page reads, must pass. Each lesson states the CPU time it may take (one BLAS thread;
the budgets leave room for a loaded two-core machine)."""
from __future__ import annotations

import copy

import pytest

import lesson_records
from lesson_rules import PASS, evaluate

# CPU seconds a lesson's presets may take together (measured on the 2-core CI machine under
# load: knobs 1.1, vanishing-gradients 2.3, cost 1.0, schedules 3.3, overfitting 4.5, analyze 3.8).
BUDGET = {"knobs": 10, "activations": 5, "vanishing-gradients": 20, "cost": 10, "learning-rate": 5,
          "starting-point": 5, "batch-size": 10, "delta-rule": 10, "xor-one-layer": 10,
          "xor-backprop": 10, "linear-stack": 10, "init-std1": 10, "init-small": 10, "init-relu": 10,
          "symmetry": 15, "optimizer-race": 5, "schedules": 20, "overfitting": 25, "analyze": 20}
LESSONS = [lesson["id"] for lesson in lesson_records.load()["lessons"]]


def test_every_lesson_has_a_budget_within_30_seconds():
    assert set(BUDGET) == set(LESSONS) and max(BUDGET.values()) <= 30


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_outcome(records, lesson_id):
    runs = records.of(lesson_id)
    for preset in records.by_id[lesson_id]["presets"]:
        for check in preset["checks"]:
            verdict = evaluate(check, runs, preset["id"])
            assert verdict == PASS, f"{lesson_id}/{preset['id']}: {check['id']} is {verdict}: {check}"
    assert records.cpu_seconds[lesson_id] <= BUDGET[lesson_id], \
        f"{lesson_id} took {records.cpu_seconds[lesson_id]:.1f} s of CPU, over its {BUDGET[lesson_id]} s"


# Each check must be able to fail: on a run where the lesson's outcome does not happen it must
# not pass. (check, where): another preset of the lesson, "lesson/preset" of another lesson, or
# changes to the check's own preset.
COUNTERPARTS = [
    ("knobs", "one_epoch", {"config": {"lr": 1e-5}}),
    ("vanishing-gradients", "first_vs_last", "relu"),
    ("vanishing-gradients", "chance", "relu"),
    ("vanishing-gradients", "relu_flows", "sigmoid"),
    ("vanishing-gradients", "relu_learns", "sigmoid"),
    ("cost", "ce_learns", "sse"),
    ("cost", "sse_behind", "ce"),
    ("cost", "kl_same_run", "sse"),
    ("learning-rate", "crawls", {"race": {"optimizers": [{"name": "sgd", "lr": 0.1}] * 4}}),
    ("learning-rate", "local", {"race": {"optimizers": [{"name": "sgd", "lr": 0.005}] * 4}}),
    ("learning-rate", "global", {"race": {"optimizers": [{"name": "sgd", "lr": 0.1}] * 4}}),
    ("learning-rate", "diverges", {"race": {"optimizers": [{"name": "sgd", "lr": 0.1}] * 4}}),
    ("starting-point", "four_minima", {"race": {"optimizers": [{"name": "sgd", "lr": 0.01, "start": [4, 4]}] * 4}}),
    ("batch-size", "batch_updates", "mini-batch"),
    ("batch-size", "batch_smooth", "stochastic"),
    ("batch-size", "stochastic_updates", "mini-batch"),
    ("batch-size", "stochastic_noisy", "batch"),
    ("batch-size", "mini_updates", "stochastic"),
    ("delta-rule", "outputs_match", {"config": {"epochs": 20}}),
    ("xor-one-layer", "stuck", "xor-backprop/hidden-layer"),
    ("xor-backprop", "solved", "xor-one-layer/one-layer"),
    ("xor-backprop", "stays", "linear-stack/identity"),
    ("linear-stack", "still_stuck", "xor-backprop/hidden-layer"),
    ("init-std1", "saturated", "init-relu/histograms"),
    ("init-std1", "xavier_not", {"experiment": {"activation": "tanh", "inputs": "gaussian"}}),
    ("init-small", "squeezed", "init-relu/histograms"),
    ("init-small", "at_half", "init-relu/histograms"),
    ("init-relu", "small_dies", "init-std1/histograms"),
    ("init-relu", "xavier_shrinks", "init-std1/histograms"),
    ("init-relu", "he_keeps", {"experiment": {"inits": [{"init": "normal", "std": 1.0}, {"init": "normal", "std": 0.01},
                                                        {"init": "xavier_normal"}, {"init": "normal", "std": 0.05}]}}),
    ("init-relu", "half_zero", "init-std1/histograms"),
    ("init-relu", "few_dead", {"experiment": {"examples": 1}}),   # one digit: about half the units are 0 for "all" of it
    ("symmetry", "xor_identical", "xor-backprop/hidden-layer"),
    ("symmetry", "xor_stuck", "xor-backprop/hidden-layer"),
    ("symmetry", "mnist_identical", "mnist-random"),
    ("symmetry", "mnist_poor", "mnist-random"),
    ("symmetry", "random_differ", "mnist-zeros"),
    ("symmetry", "random_learns", "mnist-zeros"),
    ("optimizer-race", "sgd_zigzag", {"race": {"optimizers": [{"name": "momentum", "lr": 0.1}] * 7}}),
    ("optimizer-race", "momentum_overshoots", {"race": {"optimizers": [{"name": "sgd", "lr": 0.95}] * 7}}),
    ("optimizer-race", "adagrad_shrinks", {"race": {"optimizers": [{"name": "momentum", "lr": 0.1}] * 7}}),
    ("optimizer-race", "rmsprop_forgets", {"race": {"optimizers": [{"name": "adagrad", "lr": 1.5}] * 7}}),
    ("optimizer-race", "adadelta_arrives", {"race": {"optimizers": [{"name": "adadelta", "lr": 1.0}] * 7}}),
    ("optimizer-race", "adam_arrives", {"race": {"optimizers": [{"name": "adam", "lr": 0.01}] * 7}}),
    ("schedules", "drop_at_4", {"config": {"schedule": "constant", "schedule_params": {}, "epochs": 4}}),
    ("schedules", "drop_at_7", {"config": {"schedule": "constant", "schedule_params": {}, "epochs": 7}}),
    ("schedules", "flat_first", {"config": {"schedule": "exponential", "schedule_params": {"gamma": 0.5}, "epochs": 3}}),
    ("schedules", "ends_well", {"config": {"schedule": "constant", "schedule_params": {}, "lr": 0.001, "epochs": 1}}),
    ("overfitting", "memorises", {"config": {"epochs": 1}}),
    ("overfitting", "gap", "more-data"),
    ("overfitting", "val_loss_climbs", "adamw"),
    ("overfitting", "loss_gap_narrows", "small-data"),
    ("overfitting", "val_loss_holds", "small-data"),
    ("overfitting", "accuracy_gap_stays", "more-data"),
    ("overfitting", "gap_closes", "small-data"),
    ("analyze", "noise_confident", {"config": {"lr": 1e-5, "epochs": 1}}),
    ("analyze", "centred_right", {"config": {"lr": 1e-5, "epochs": 1}}),
    ("analyze", "corner_wrong", {"centred": True}),
]


@pytest.mark.parametrize("lesson_id, check_id, where", COUNTERPARTS,
                         ids=[f"{c[0]}:{c[1]}" for c in COUNTERPARTS])
def test_a_check_does_not_pass_where_its_outcome_does_not_happen(records, lesson_id, check_id, where):
    lesson = records.by_id[lesson_id]
    preset, check = next((p, c) for p in lesson["presets"] for c in p["checks"] if c["id"] == check_id)
    runs = dict(records.of(lesson_id))
    if isinstance(where, str) and "/" in where:
        other_lesson, other = where.split("/")
        runs[preset["id"]] = records.of(other_lesson)[other]
    elif isinstance(where, str):
        runs[preset["id"]] = runs[where]
    else:
        runs[preset["id"]] = changed_record(records.data, preset, where)
    assert evaluate(check, runs, preset["id"]) != PASS


def changed_record(data: dict, preset: dict, changes: dict) -> dict:
    """The record of the preset with some of its settings changed."""
    changed = copy.deepcopy(preset)
    for key, value in changes.items():
        if key == "centred":
            continue
        changed[key] = {**changed.get(key, {}), **value} if isinstance(value, dict) else value
    record = lesson_records.record_for(data, changed)
    if changes.get("centred"):   # the corner check against digits left where they were
        record["analyze"]["corner"]["accuracy"] = record["analyze"]["corner"]["centred_accuracy"]
    return record


def test_every_check_has_a_counterpart():
    listed = {(lesson, check) for lesson, check, _ in COUNTERPARTS}
    views = {"network", "untrained", "activations", "gradients"}   # facts of the engine, not of a run
    for lesson in lesson_records.load()["lessons"]:
        for preset in lesson["presets"]:
            for check in preset["checks"]:
                if check["source"] not in views:
                    assert (lesson["id"], check["id"]) in listed, (lesson["id"], check["id"])
