"""What each output/loss pair sends back to the logits, checked by finite differences."""
import numpy as np
import pytest

from engine.errors import ParameterError
from engine import losses
from engine.experiments import output_gradients


def test_every_pair_reports_its_gradient_and_which_ones_are_y_minus_t():
    z, label = [1.5, -0.5, 0.3, 2.0], 2
    result = output_gradients(z, label)
    assert result["target"] == [0, 0, 1, 0]
    exact = {k for k, p in result["pairs"].items() if p["is_y_minus_t"]}
    assert exact == {"identity+sse", "softmax+cross_entropy", "softmax+kl_divergence"}
    pairs = result["pairs"]
    assert pairs["softmax+kl_divergence"]["loss_value"] == pytest.approx(pairs["softmax+cross_entropy"]["loss_value"])
    for pair in pairs.values():
        loss = losses.create(pair["loss"], pair["output"])
        t, zz, h = np.array([result["target"]]), np.array([z], dtype=np.float64), 1e-6
        numeric = [(loss.value(zz + h * e, t) - loss.value(zz - h * e, t)) / (2 * h) for e in np.eye(4)[:, None, :]]
        np.testing.assert_allclose(pair["grad"], numeric, rtol=1e-5, atol=1e-8)


def test_one_sigmoid_output_with_bce_sends_back_y_minus_t_and_bad_input_is_named():
    assert output_gradients([0.3], 1)["pairs"]["sigmoid+binary_cross_entropy"]["is_y_minus_t"]
    with pytest.raises(ParameterError) as err:
        output_gradients([0.1, 0.2], 2)
    assert err.value.field == 'label'
    with pytest.raises(ParameterError) as err:
        output_gradients([], 0)
    assert err.value.field == 'logits'
