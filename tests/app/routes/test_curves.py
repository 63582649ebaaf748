"""Curves drawn before training: a schedule's learning rates, an activation's f and f'."""
from __future__ import annotations

import numpy as np
import pytest


def test_schedule_curve(client):
    r = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "step_size": 2})
    assert r.json()["lrs"] == pytest.approx([1, 1, 0.1, 0.1, 0.01, 0.01])
    bad = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "size": 2})
    assert bad.status_code == 422 and "size" in bad.json()["detail"]


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
