"""Gradient-check verdicts: the usual thresholds, kinks, gradients too small to judge, a bug caught."""
import numpy as np
import pytest

from engine import activations
from engine.gradcheck import (check_network, check_report, entry_errors, entry_verdicts, resolution,
                              verdict)
from engine.network import Network


@pytest.mark.parametrize("error,want", [(0.0, "good"), (9.9e-8, "good"), (1e-7, "acceptable"),
                                       (1e-4, "acceptable"), (1.1e-4, "check"), (1e-2, "check"),
                                       (0.011, "wrong"), (float("nan"), "wrong"), (float("inf"), "wrong")])
def test_verdicts_follow_the_usual_thresholds(error, want):
    assert verdict(error) == want


def test_entries_too_small_to_measure_or_at_a_kink_are_named_so():
    a = np.array([0.5, 1e-13, 0.2, 0.0, 0.3])
    n = np.array([0.5, 3e-13, 0.3, 0.0, 0.3000001])
    kinks = np.array([False, False, True, False, False])
    errors = entry_errors(a, n)
    assert errors[0] == 0 and errors[3] == 0 and errors[1] == pytest.approx(2 / 3)
    floor = resolution(0.7)
    assert 1e-13 < floor < 1e-9
    assert entry_verdicts(a, n, kinks, floor).tolist() == ["good", "near_zero", "kink", "good", "acceptable"]


def _problem(activation, seed=0):
    rng = np.random.default_rng(seed)
    net = Network.mlp([4, 5, 3], activation, "softmax", "cross_entropy", seed=seed, dtype=np.float64)
    return net, rng.normal(0, 1, (3, 4)), np.array([0, 2, 1])


@pytest.mark.parametrize("activation", activations.HIDDEN)
def test_a_correct_network_is_good_everywhere_and_matches_check_network(activation):
    net, x, t = _problem(activation)
    report = check_report(net, x, t)
    plain = check_network(net, x, t)
    assert [r["name"] for r in report["tensors"]] == net.param_names
    for r in report["tensors"]:
        assert r["relative_error"] == pytest.approx(plain[r["name"]], rel=1e-6, abs=1e-15)
        assert r["verdict"] == "good" and r["kinks"] == 0
        assert r["worst"]["verdict"] in ("good", "acceptable")
        shape = next(p.shape for p, n in zip(net.params, net.param_names) if n == r["name"])
        assert r["shape"] == list(shape) and len(r["worst"]["index"]) == len(shape)


def test_a_wrong_backward_is_called_wrong(monkeypatch):
    net, x, t = _problem("sigmoid")
    right = activations.Sigmoid.backward
    monkeypatch.setattr(activations.Sigmoid, "backward", lambda self, g: right(self, g) * 1.2)
    report = {r["name"]: r for r in check_report(net, x, t)["tensors"]}
    assert report["W1"]["verdict"] == "wrong" and report["b1"]["verdict"] == "wrong"
    assert report["W1"]["worst"]["verdict"] == "wrong"
    assert report["W2"]["verdict"] == "good"   # the layer above the bug is untouched


def test_inputs_that_are_always_zero_leave_their_weights_unjudged():
    net, x, t = _problem("tanh")
    x[:, 1] = 0.0
    w1 = check_report(net, x, t)["tensors"][0]
    assert w1["near_zero"] == 5 and w1["worst"]["index"][0] != 1
