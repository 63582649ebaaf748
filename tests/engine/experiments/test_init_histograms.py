"""The per-layer activation histogram experiment against its plain definition."""
import numpy as np
import pytest

from engine.errors import ParameterError
from engine import activations
from engine.experiments import DEFAULT_INITS, gaussian_inputs, init_histograms


def by_hand(x, activation, std, depth=3, width=20, seed=0):
    """The book's loop: same generator, weights N(0, std²) drawn layer by layer."""
    rng, a, out = np.random.default_rng(seed), x, []
    for _ in range(depth):
        a = activations.create(activation).f(a @ (rng.standard_normal((a.shape[1], width)) * std))
        out.append(a)
    return out


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_layers_follow_the_definition(activation):
    x = gaussian_inputs(200, 20, seed=3)
    result = init_histograms(x, activation, [{"init": "normal", "std": 1.0}, {"init": "xavier_normal"}],
                             depth=3, width=20, bins=12)
    for res, std in zip(result["results"], (1.0, 1 / np.sqrt(20))):
        assert len(res["edges"]) == 13 and len(res["layers"]) == 3
        for layer, a in zip(res["layers"], by_hand(x, activation, std)):
            assert sum(layer["counts"]) == a.size == 200 * 20
            assert layer["mean"] == pytest.approx(a.mean()) and layer["std"] == pytest.approx(a.std())
            assert layer["zero"] == pytest.approx(np.mean(a == 0))
            assert layer["dead"] == int(np.sum(~a.any(axis=0)))
            if activation != "relu":
                assert res["edges"][0] == (-1.0 if activation == "tanh" else 0.0) and res["edges"][-1] == 1.0


def test_the_books_figure_std_1_saturates_and_std_001_piles_up_at_one_half():
    result = init_histograms(gaussian_inputs(1000, 100), "sigmoid", DEFAULT_INITS)
    std1, small, xavier, _ = result["results"]
    assert all(layer["saturated"] > 0.45 for layer in std1["layers"])
    assert all(layer["std"] < 0.03 and abs(layer["mean"] - 0.5) < 0.01 for layer in small["layers"])
    middle = [sum(layer["counts"][9:21]) / 100_000 for layer in small["layers"]]   # bins 0.3–0.7
    assert min(middle) == 1.0
    assert all(0.1 < layer["std"] < 0.3 and layer["saturated"] < 0.05 for layer in xavier["layers"])


def test_bad_settings_name_their_field():
    x = gaussian_inputs(10, 5)
    for kwargs, field in (({"activation": "swish"}, "activation"), ({"depth": 0}, "depth"),
                          ({"width": 513}, "width"), ({"bins": 2}, "bins"),
                          ({"inits": [{"init": "he"}, {"init": "glorious"}]}, "inits.1.init"),
                          ({"inits": [{"init": "normal", "std": -1}]}, "inits.0.std")):
        with pytest.raises(ParameterError) as err:
            init_histograms(x, **kwargs)
        assert err.value.field == field
    with pytest.raises(ParameterError) as err:
        init_histograms(np.full((3, 4), np.nan))
    assert err.value.field == "inputs"
