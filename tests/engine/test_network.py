"""Network construction, shapes, predictions and flat parameter vectors."""
import numpy as np
import pytest

from engine.network import Network


def test_parameter_count_of_the_3blue1brown_network():
    net = Network.mlp([784, 16, 16, 10])
    assert net.n_params == 13_002
    assert net.param_names == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert net.sizes == [784, 16, 16, 10]


def test_activations_have_layer_shapes_and_output_probabilities():
    net = Network.mlp([5, 4, 3, 2], "relu")
    x = np.random.default_rng(0).standard_normal((7, 5)).astype(np.float32)
    acts = net.activations(x)
    assert [a["pre"].shape for a in acts] == [(7, 4), (7, 3), (7, 2)]
    assert [a["post"].shape for a in acts] == [(7, 4), (7, 3), (7, 2)]
    assert np.all(acts[0]["post"] >= 0)
    np.testing.assert_allclose(acts[-1]["post"], net.predict_proba(x), rtol=1e-6)
    np.testing.assert_allclose(acts[-1]["pre"], net.forward(x), rtol=1e-5, atol=1e-6)


def test_predict_proba_and_predict_agree():
    net = Network.mlp([5, 6, 4], seed=3)
    x = np.random.default_rng(1).standard_normal((9, 5)).astype(np.float32)
    p = net.predict_proba(x)
    assert p.shape == (9, 4)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)
    assert np.array_equal(net.predict(x), p.argmax(axis=1))


def test_flat_round_trip_and_in_place_update():
    net = Network.mlp([4, 3, 2])
    flat = net.get_flat()
    assert flat.shape == (net.n_params,) and flat.dtype == np.float64
    params_before = net.params[0]
    net.set_flat(np.arange(net.n_params, dtype=np.float64))
    assert net.params[0] is params_before
    assert np.array_equal(net.get_flat(), np.arange(net.n_params))
    net.set_flat(flat)
    assert np.array_equal(net.get_flat(), flat)


def test_from_config_reproduces_the_network():
    net = Network.mlp([6, 5, 4, 3], ["tanh", "elu"], "sigmoid", "sse", "he", seed=9, alpha=0.5)
    again = Network.from_config(net.config)
    assert again.config == net.config
    assert np.array_equal(again.get_flat(), net.get_flat())
    x = np.ones((2, 6), np.float32)
    assert np.array_equal(again.forward(x), net.forward(x))


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        Network.mlp([784])
    with pytest.raises(ValueError):
        Network.mlp([4, 3, 2], ["relu", "relu"])


def test_one_output_network_predicts_both_classes():
    import numpy as np
    from engine.network import Network
    net = Network.mlp([1, 1], output="sigmoid", loss="binary_cross_entropy", dtype=np.float64)
    net.params[0][...] = 1.0
    x = np.array([[-3.0], [3.0]])
    assert net.predict(x).tolist() == [0, 1]
    assert net.evaluate(x, np.array([0, 1]))[1] == 1.0


def test_weights_come_only_from_the_given_seed():
    with pytest.raises(TypeError, match="seed"):
        Network.mlp([4, 3, 2], seed=None)
    a, b = Network.mlp([4, 3, 2], seed=np.int64(5)), Network.mlp([4, 3, 2], seed=5)
    assert np.array_equal(a.get_flat(), b.get_flat()) and type(a.config["seed"]) is int
    assert not np.array_equal(a.get_flat(), Network.mlp([4, 3, 2], seed=6).get_flat())
