"""GET /api/health: alive at once, ready once MNIST and the default model are loaded."""
from __future__ import annotations

import time

from app.core.config import Settings
from server_helpers import client_for


def test_health_answers_at_once_and_reports_readiness(data_dir):
    (data_dir / "default_model.npz").unlink()
    started = time.perf_counter()
    with client_for(Settings(data_dir=data_dir, default_model_epochs=1), wait_ready=False) as client:
        first = client.get("/api/health").json()
        assert time.perf_counter() - started < 2.0
        assert first["status"] == "ok" and first["stage"] in (
            "starting", "loading_mnist", "training_default_model", "ready")
        deadline = time.monotonic() + 60
        while not client.get("/api/health").json()["ready"]:
            assert time.monotonic() < deadline, client.get("/api/health").json()
            time.sleep(0.05)
        assert client.get("/api/health").json()["progress"] == 1.0
    assert (data_dir / "default_model.npz").is_file()
