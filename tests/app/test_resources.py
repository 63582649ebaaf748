"""The default model: trained once, loaded by later starts, trained again when its recipe changed."""
from __future__ import annotations

from app.core.config import Settings
from engine import persistence
from engine.defaults import default_training
from server_helpers import client_for


def test_later_starts_load_the_saved_default_model(data_dir):
    saved = (data_dir / "default_model.npz").stat().st_mtime_ns
    with client_for(Settings(data_dir=data_dir)) as client:
        assert client.get("/api/health").json()["ready"]
    assert (data_dir / "default_model.npz").stat().st_mtime_ns == saved


def test_a_default_model_trained_with_other_settings_is_trained_again(data_dir):
    with client_for(Settings(data_dir=data_dir, default_model_epochs=1)) as client:
        assert client.get("/api/health").json()["ready"]
    retrained = persistence.load(data_dir / "default_model.npz")
    assert retrained.extra["recipe"]["epochs"] == 1
    with client_for(Settings(data_dir=data_dir)) as client:
        assert client.get("/api/health").json()["ready"]
    assert persistence.load(data_dir / "default_model.npz").extra["recipe"] == {**default_training()}
