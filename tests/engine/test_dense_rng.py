"""Dense draws its weights only from the randomness it is given."""
import numpy as np
import pytest

from engine.layers import Dense


def test_dense_requires_a_generator_or_a_seed():
    with pytest.raises(TypeError, match="rng"):
        Dense(3, 2)
    for bad in (None, 1.5, "0", True):
        with pytest.raises(TypeError, match="rng"):
            Dense(3, 2, rng=bad)


def test_a_seed_and_the_generator_it_makes_give_the_same_weights():
    by_seed = Dense(5, 4, "he_normal", 7)
    by_generator = Dense(5, 4, "he_normal", np.random.default_rng(7))
    assert np.array_equal(by_seed.params["W"], by_generator.params["W"])
    assert not np.array_equal(by_seed.params["W"], Dense(5, 4, "he_normal", 8).params["W"])


def test_a_shared_generator_advances_between_layers():
    rng = np.random.default_rng(0)
    first, second = Dense(4, 4, rng=rng), Dense(4, 4, rng=rng)
    assert not np.array_equal(first.params["W"], second.params["W"])
