"""The backprop trace against the engine and against finite differences.

For every hidden activation × (loss, output) pairing, on randomized tiny float64 networks
under fixed seeds: each node's upstream gradient is the sum of the downstreams it receives,
equals what the engine's own backward computes (parameters and inputs) and equals a central
difference of the loss with respect to that node's value (< 1e-6, float64).
"""
import numpy as np
import pytest

from engine import activations, losses
from engine.backprop import trace
from engine.gradcheck import relative_error
from engine.layers import Dense
from engine.network import Network
from engine.optimizers import create

PAIRINGS = [("sse", "identity"), ("sse", "sigmoid"), ("sse", "softmax"),
            ("mse", "identity"), ("mse", "sigmoid"), ("mse", "softmax"),
            ("cross_entropy", "softmax"), ("binary_cross_entropy", "sigmoid"),
            ("kl_divergence", "softmax")]
TOL = 1e-6
H = 1e-5


def tiny_problem(activation, loss, output, seed):
    """A float64 net of random small sizes and depth, one example x and its target row."""
    rng = np.random.default_rng(seed)
    d, k = int(rng.integers(1, 4)), int(rng.integers(2, 4))
    hidden = [int(v) for v in rng.integers(1, 4, size=int(rng.integers(1, 3)))]
    net = Network.mlp([d, *hidden, k], activation, output, loss, seed=seed, dtype=np.float64)
    for p in net.params:   # biases away from 0 too, so ReLU units are not all at their kink
        p[...] = rng.normal(0, 0.8, p.shape)
    x = rng.normal(0, 1, d)
    if output == "softmax":
        t = rng.dirichlet(np.ones(k)) if loss == "kl_divergence" else np.eye(k)[rng.integers(k)]
    elif output == "sigmoid":
        t = rng.uniform(0, 1, k)
    else:
        t = rng.normal(0, 1, k)
    return net, x, t


def nodes_by_id(step):
    return {n["id"]: n for n in step["graph"]["nodes"]}


def consumers(step):
    """node id -> the input edges (of other nodes) that read it."""
    out = {}
    for node in step["graph"]["nodes"]:
        for edge in node.get("inputs", []):
            out.setdefault(edge["from"], []).append((node, edge))
    return out


def stage(step, prefix, n=None):
    """Upstream values of the nodes `prefix.0`, `prefix.1`, ... in order."""
    nodes = nodes_by_id(step)
    return np.array([nodes[f"{prefix}.{j}"]["upstream"] for j in range(n)]) if n else None


def loss_from(net, t, start: int, value: np.ndarray) -> float:
    """L when the output of net.layers[start - 1] is `value` (start = 0: the input)."""
    h = value.reshape(1, -1)
    for layer in net.layers[start:]:
        h = layer.forward(h)
    return net.loss.value(h, t.reshape(1, -1))


def central(f, value: np.ndarray) -> np.ndarray:
    grad = np.zeros_like(value)
    for i in range(value.size):
        up, down = value.copy(), value.copy()
        up[i] += H
        down[i] -= H
        grad[i] = (f(up) - f(down)) / (2 * H)
    return grad


def forward_values(net, x):
    """Every layer's output for x, by the engine's layers: [(layer, output (n_out,))]."""
    h, out = x.reshape(1, -1), []
    for layer in net.layers:
        h = layer.forward(h)
        out.append(h[0].copy())
    return out


CASES = [(a, loss, out, seed) for a in activations.HIDDEN for loss, out in PAIRINGS for seed in (0, 1)]


@pytest.mark.parametrize("activation,loss,output,seed", CASES)
def test_every_upstream_is_the_sum_of_its_downstreams_and_matches_the_engine(activation, loss, output, seed):
    net, x, t = tiny_problem(activation, loss, output, seed=seed * 1000 + len(activation) * 31 + len(loss))
    twin = net.copy()
    step = trace(net, x, t, create("sgd", lr=0.0))
    nodes, readers = nodes_by_id(step), consumers(step)
    for ident, node in nodes.items():
        for other, edge in readers.get(ident, []):
            if edge["downstream"] is not None:
                assert edge["downstream"] == pytest.approx(edge["local"] * other["upstream"], rel=1e-15, abs=0)
        sent = [e["downstream"] for _, e in readers.get(ident, []) if e["downstream"] is not None]
        if sent:
            assert node["upstream"] == pytest.approx(sum(sent), rel=1e-12, abs=1e-15), ident
    twin.loss_and_grads(x.reshape(1, -1), t.reshape(1, -1))
    for name, grad in zip(twin.param_names, twin.grads):
        layer, kind = int(name[1:]), name[0]
        traced = [n["upstream"] for n in nodes.values() if n.get("param", {}).get("name") == name]
        if kind == "b" or traced:
            by_index = {tuple(n["param"]["index"]): n["upstream"] for n in nodes.values()
                        if n.get("param", {}).get("name") == name}
            for index, value in by_index.items():
                assert value == pytest.approx(grad[index], rel=1e-12, abs=1e-15)
        tensor = next(g for g in step["gradients"]["tensors"] if g["name"] == name)
        np.testing.assert_allclose(tensor["analytic"], grad, rtol=1e-12, atol=1e-15)
        assert layer >= 1
    grad_x = twin.backward(twin.loss.grad(twin.forward(x.reshape(1, -1)), t.reshape(1, -1)))[0]
    np.testing.assert_allclose(stage(step, "x", len(x)), grad_x, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("activation,loss,output,seed", CASES)
def test_every_node_gradient_matches_central_differences(activation, loss, output, seed):
    net, x, t = tiny_problem(activation, loss, output, seed=seed * 1000 + len(activation) * 31 + len(loss))
    twin = net.copy()
    step = trace(net, x, t, create("sgd", lr=0.0))
    nodes = nodes_by_id(step)
    dense_at = [i for i, layer in enumerate(twin.layers) if isinstance(layer, Dense)]
    values = forward_values(twin, x)
    checks = {"x": (0, x)}
    for n, i in enumerate(dense_at, start=1):
        checks[f"z{n}"] = (i + 1, values[i])   # s and z share ∂L/∂· (z = s + b)
        checks[f"s{n}"] = (i + 1, values[i])
        if i + 1 < len(twin.layers):
            checks[f"a{n}"] = (i + 2, values[i + 1])
    for prefix, (start, value) in checks.items():
        numeric = central(lambda v: loss_from(twin, t, start, v), value.copy())
        traced = stage(step, prefix, len(value))
        assert relative_error(traced, numeric) < TOL, (prefix, traced, numeric)
    if not step["fused"]:
        y = twin.output.f(twin.forward(x.reshape(1, -1)))[0]
        outer = losses.create(loss, "identity")
        numeric = central(lambda v: outer.value(v.reshape(1, -1), t.reshape(1, -1)), y.copy())
        assert relative_error(stage(step, "y", len(y)), numeric) < TOL
    for tensor in step["gradients"]["tensors"]:
        assert tensor["relative_error"] < TOL, tensor["name"]
        np.testing.assert_allclose(tensor["analytic"], tensor["numeric"], rtol=1e-5, atol=1e-9)
    assert nodes["L"]["upstream"] == 1.0


@pytest.mark.parametrize("loss,output", PAIRINGS)
def test_fused_pairs_say_so_and_send_y_minus_t_to_the_logits(loss, output):
    net, x, t = tiny_problem("tanh", loss, output, seed=7)
    step = trace(net, x, t, create("sgd", lr=0.1))
    nodes = nodes_by_id(step)
    outputs = [n for n in nodes.values() if n["kind"] == "output"]
    y, k = np.array([n["value"] for n in outputs]), len(outputs)
    last = len(net.dense)
    if loss in ("cross_entropy", "kl_divergence", "binary_cross_entropy"):
        scale = k if loss == "binary_cross_entropy" else 1    # BCE averages over the k outputs
        assert step["fused"] and nodes["L"]["fused"] == {"output": output, "loss": loss,
                                                        "skips": [n["id"] for n in outputs]}
        from_logits = [e for e in nodes["L"]["inputs"] if e.get("fused")]
        assert [e["from"] for e in from_logits] == [f"z{last}.{j}" for j in range(k)]
        np.testing.assert_allclose([e["local"] for e in from_logits], (y - t) / scale, rtol=1e-12, atol=1e-15)
        assert all(n["upstream"] is None and n.get("fused") for n in outputs)
        assert not any(n["id"] in step["graph"]["backward"] for n in outputs)
    else:
        assert not step["fused"] and "fused" not in nodes["L"]
        assert [n["id"] for n in outputs] == [i for i in step["graph"]["backward"] if i.startswith("y.")]
        factor = 1.0 if loss == "sse" else 2.0 / k
        local = [e["local"] for e in nodes["L"]["inputs"] if e["from"].startswith("y.")]
        np.testing.assert_allclose(local, factor * (y - t), rtol=1e-12, atol=1e-15)
        if output == "softmax":   # every output reads every logit: ∂y_k/∂z_j = y_k(δ_kj − y_j)
            for kk, node in enumerate(outputs):
                jac = [e["local"] for e in node["inputs"]]
                np.testing.assert_allclose(jac, y[kk] * (np.eye(k)[kk] - y), rtol=1e-12, atol=1e-15)


def test_forward_and_backward_orders_visit_each_operation_once_in_graph_order():
    net = Network.mlp([2, 2, 1], "sigmoid", "sigmoid", "binary_cross_entropy", seed=0, dtype=np.float64)
    step = trace(net, np.array([1.0, 0.0]), 1, create("sgd", lr=0.5))
    g = step["graph"]
    assert g["forward"] == ["s1.0", "s1.1", "z1.0", "z1.1", "a1.0", "a1.1", "s2.0", "z2.0", "y.0", "L"]
    assert g["backward"] == ["L", "z2.0", "s2.0", "a1.0", "a1.1", "z1.0", "z1.1", "s1.0", "s1.1"]
    column = {n["id"]: n["column"] for n in g["nodes"]}
    for node in g["nodes"]:   # every edge runs left to right
        for edge in node.get("inputs", []):
            assert column[edge["from"]] < node["column"]
    assert [c["stage"] for c in g["columns"]] == [
        "input", "weights", "weighted_sum", "bias", "bias_add", "activation",
        "weights", "weighted_sum", "bias", "bias_add", "output", "target", "loss"]
    assert sum(c["size"] for c in g["columns"]) == len(g["nodes"])
    weights = [n for n in g["nodes"] if n["kind"] == "weight"]
    assert len(weights) == 6 and weights[1]["param"] == {"name": "W1", "index": [1, 0]}


def test_units_detail_leaves_the_weights_out_of_the_graph():
    net = Network.mlp([2, 8, 8, 2], "relu", "softmax", "cross_entropy", seed=3, dtype=np.float64)
    step = trace(net, np.array([0.3, -0.7]), 1, create("sgd", lr=0.1), detail="units")
    kinds = {n["kind"] for n in step["graph"]["nodes"]}
    assert "weight" not in kinds and "bias" in kinds
    s2 = next(n for n in step["graph"]["nodes"] if n["id"] == "s2.0")
    assert [e["from"] for e in s2["inputs"]] == [f"a1.{i}" for i in range(8)]
    assert [t["name"] for t in step["gradients"]["tensors"]] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    with pytest.raises(ValueError, match="detail"):
        trace(net, np.array([0.3, -0.7]), 1, create("sgd", lr=0.1), detail="everything")


def test_a_relu_unit_exactly_at_its_kink_is_called_a_kink_not_a_bug():
    """XOR's (0, 0) with zero biases puts every first-layer z at exactly 0: the central
    difference averages ReLU's two slopes there (½), backprop takes 0."""
    net = Network.mlp([2, 3, 1], "relu", "sigmoid", "binary_cross_entropy", seed=0, dtype=np.float64)
    step = trace(net, np.array([0.0, 0.0]), 0, create("sgd", lr=0.1))
    b1 = next(t for t in step["gradients"]["tensors"] if t["name"] == "b1")
    assert b1["verdict"] == "kink" and b1["kinks"] == 3
    assert all(v == "kink" for v in b1["entries"]["verdict"]) and all(b1["entries"]["kink"])
    assert b1["analytic"].tolist() == [0.0, 0.0, 0.0] and np.all(np.abs(b1["numeric"]) > 1e-3)
    b2 = next(t for t in step["gradients"]["tensors"] if t["name"] == "b2")
    assert b2["verdict"] == "good" and b2["kinks"] == 0
