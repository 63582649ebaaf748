"""A saved network loads back bit for bit, from a pickle-free .npz."""
import json

import numpy as np
import pytest

from engine import persistence
from engine.network import Network


def _trained_net():
    net = Network.mlp([5, 4, 3], "tanh", seed=2)
    rng = np.random.default_rng(0)
    net.set_flat(rng.standard_normal(net.n_params))
    return net


def test_save_load_is_exact(tmp_path):
    net = _trained_net()
    path = persistence.save(tmp_path / "sub" / "net.npz", net, extra={"epochs": 3})
    back = persistence.load(path)
    assert back.config == net.config and back.extra == {"epochs": 3}
    for a, b in zip(net.params, back.params):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()
    x = np.random.default_rng(1).standard_normal((4, 5)).astype(np.float32)
    assert np.array_equal(back.predict_proba(x), net.predict_proba(x))
    assert not list(tmp_path.glob("**/*.tmp"))


def test_file_is_plain_npz_without_pickles(tmp_path):
    net = _trained_net()
    path = persistence.save(tmp_path / "net.npz", net)
    with np.load(path, allow_pickle=False) as z:
        assert set(z.files) == {"__meta__", *net.param_names}
        assert json.loads(str(z["__meta__"]))["config"]["layers"] == [5, 4, 3]
    assert persistence.load_meta(path)["config"] == net.config


def test_mismatched_shape_is_reported(tmp_path):
    net = _trained_net()
    path = tmp_path / "net.npz"
    persistence.save(path, net)
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["W1"] = np.zeros((5, 7), np.float32)
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="W1"):
        persistence.load(path)
