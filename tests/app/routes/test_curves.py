"""Curves drawn before training: a schedule's learning rates, an activation's f and f'."""
from __future__ import annotations

import numpy as np
import pytest


def test_schedule_curve(client):
    r = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "step_size": 2})
    assert r.json()["lrs"] == pytest.approx([1, 1, 0.1, 0.1, 0.01, 0.01])
    bad = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "size": 2})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "size"]


@pytest.mark.parametrize("body, field", [
    ({"name": "exponential", "base_lr": 1, "epochs": 3, "gamma": 1e200}, "gamma"),   # overflowed: 500
    ({"name": "exponential", "base_lr": 1, "epochs": 3, "gamma": 1.5}, "gamma"),     # options say <= 1
    ({"name": "step", "base_lr": 1, "epochs": 3, "step_size": 2, "gamma": -1}, "gamma"),
    ({"name": "step", "base_lr": 1, "epochs": 3, "step_size": 5000}, "step_size"),
    ({"name": "cosine", "base_lr": 1, "epochs": 3, "T_max": 2.5}, "T_max"),
    ({"name": "plateau", "base_lr": 1, "epochs": 3, "eps": 1e-8}, "eps"),            # not advertised
    ({"name": "step", "base_lr": 1, "epochs": 3}, "step_size"),                       # required
    ({"name": "warmup", "base_lr": 1, "epochs": 3}, "name"),
    ({"name": "constant", "base_lr": "0.1", "epochs": 3}, "base_lr"),                 # types are strict
])
def test_schedule_parameters_are_held_to_the_advertised_ranges(client, body, field):
    r = client.post("/api/schedule", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["loc"] == ["body", field]


def test_every_schedule_range_in_the_options_is_enforced_at_its_ends(client):
    """One source: each advertised [min, max] is accepted at its ends and refused just past them."""
    for name, params in client.get("/api/options").json()["schedules"].items():
        for key, spec in params.items():
            base = {"name": name, "base_lr": 0.1, "epochs": 3, **_required(name, key)}
            for value, ok in ((spec["min"], True), (spec["max"], True), (spec["max"] * 1.5 + 1, False)):
                r = client.post("/api/schedule", json={**base, key: value})
                assert (r.status_code == 200) == ok, (name, key, value, r.text)


def test_a_cosine_curve_follows_the_epochs_unless_t_max_is_given(client):
    eleven = client.post("/api/schedule", json={"name": "cosine", "base_lr": 0.5, "epochs": 11}).json()["lrs"]
    assert len(eleven) == 11 and eleven[0] == 0.5 and eleven[-1] > 0 and eleven == sorted(eleven, reverse=True)
    pinned = client.post("/api/schedule", json={"name": "cosine", "base_lr": 0.5, "epochs": 11, "T_max": 10})
    assert pinned.json()["lrs"][10] == pytest.approx(0.0, abs=1e-12)


def test_activation_curve(client):
    r = client.get("/api/activation/relu").json()
    z, f, df = map(np.asarray, (r["z"], r["f"], r["df"]))
    assert z[0] == -6 and z[-1] == 6 and np.allclose(f, np.maximum(z, 0))
    assert np.all(df[z > 0] == 1) and np.all(df[z < 0] == 0)
    assert client.get("/api/activation/swish").status_code == 404


def _required(name: str, skip: str) -> dict:
    """The other parameters a schedule needs, at valid values."""
    return {k: v for k, v in {"step": {"step_size": 2}, "exponential": {"gamma": 0.5},
                              "cosine": {"T_max": 3}}.get(name, {}).items() if k != skip}
