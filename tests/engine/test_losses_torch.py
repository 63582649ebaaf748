"""Losses against PyTorch fixtures: value and dL/dz for every loss, output and target kind."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from engine import losses

FIXTURE = json.loads((Path(__file__).parent.parent / "fixtures" / "losses.json").read_text())
Z = np.array(FIXTURE["z"])


def case_id(case) -> str:
    return f"{case['loss']}-{case['output']}-{case['target_kind']}"


def target(case) -> np.ndarray:
    """Int labels stay (n,) ints (the engine one-hot encodes them); others are (n, k) floats."""
    if case["target_kind"] == "labels":
        return np.array(case["target"], dtype=np.int64)
    return np.array(case["target"], dtype=np.float64)


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=case_id)
def test_value_matches_torch(case):
    loss = losses.create(case["loss"], output=case["output"])
    assert loss.value(Z, target(case)) == pytest.approx(case["value"], rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=case_id)
def test_grad_matches_torch(case):
    loss = losses.create(case["loss"], output=case["output"])
    z = Z.copy()
    grad = loss.grad(z, target(case))
    assert grad.shape == Z.shape
    np.testing.assert_allclose(grad, case["grad"], rtol=1e-6, atol=1e-12)
    np.testing.assert_array_equal(z, Z)


def test_fixture_covers_every_loss_and_output():
    seen = {(c["loss"], c["output"]) for c in FIXTURE["cases"]}
    assert {name for name, _ in seen} == set(losses.LOSSES)
    assert {out for name, out in seen if name in ("sse", "mse")} == {"identity", "sigmoid", "softmax"}
