"""Fixtures for the server tests: a data directory with MNIST linked in and the default
model trained once per session; a ready client per test."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from server_helpers import client_for, data_dir_from

from app import resources
from app.core.config import Settings
from engine.datasets import load_mnist

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def mnist_loaded_once(monkeypatch):
    """Every app in this process shares one MNIST load (parsing it again proves nothing)."""
    monkeypatch.setattr(resources, "load_mnist", _load_mnist_once)


def _load_mnist_once(dest):
    return _load_cached((Path(dest) / "mnist.npz").resolve())


@functools.lru_cache(maxsize=None)
def _load_cached(cache_file: Path):
    return load_mnist(cache_file.parent)


@pytest.fixture(scope="session")
def seeded_dir(tmp_path_factory) -> Path:
    """MNIST cache linked in; the default model trained (the real default setup) once per session."""
    src = Path(os.environ.get("DOWNHILL_DATA_DIR") or ROOT / "data") / "mnist.npz"
    if not src.exists():
        from engine.datasets import prepare
        prepare(dest=src.parent)
    seed = tmp_path_factory.mktemp("seed")
    (seed / "mnist.npz").symlink_to(src)
    with client_for(Settings(data_dir=seed, workers=2)):
        pass
    return seed


@pytest.fixture
def data_dir(seeded_dir, tmp_path) -> Path:
    """A fresh data directory per test, with MNIST and the default model already in it."""
    return data_dir_from(seeded_dir, tmp_path)


@pytest.fixture
def client(data_dir):
    with client_for(Settings(data_dir=data_dir, workers=2)) as c:
        yield c


@pytest.fixture
def sessions(monkeypatch) -> list:
    """Every TrainingSession the app creates during the test, in order (to look inside)."""
    from app.sessions.session import TrainingSession
    made, original = [], TrainingSession.__init__

    def remember(self, *args):
        original(self, *args)
        made.append(self)
    monkeypatch.setattr(TrainingSession, "__init__", remember)
    return made


@pytest.fixture(scope="session")
def ray_cluster():
    """Ray for the whole test session, started once: two simulated nodes of one CPU each
    (ray.cluster_utils.Cluster), so every Ray test also trains across nodes."""
    import ray
    from ray.cluster_utils import Cluster
    cluster = Cluster()
    cluster.add_node(wait=False, num_cpus=1, include_dashboard=False)   # the head
    cluster.add_node(wait=False, num_cpus=1)
    cluster.wait_for_nodes(timeout=180)   # Ray's own 30 s is short on a busy machine
    ray.init(address=cluster.address, log_to_driver=False, namespace="downhill-tests")
    yield cluster
    ray.shutdown()
    cluster.shutdown()


@pytest.fixture(params=["local", "ray"])
def executor(request) -> str:
    """Which executor the app trains with: processes here, or the session's Ray cluster."""
    if request.param == "ray":
        request.getfixturevalue("ray_cluster")
    return request.param


@pytest.fixture
def settings_for(executor, data_dir):
    """Settings(**overrides) for a fresh data dir, training on the test's executor."""
    def make(**overrides):
        address = "local" if executor == "ray" else None   # Ray already runs here: the app joins it
        return Settings(**{"data_dir": data_dir, "workers": 2, "ray_address": address, **overrides})
    return make
