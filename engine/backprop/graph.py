"""A pass (engine/backprop/passes.py) as a computation graph of scalar nodes, for drawing.

Nodes, left to right: inputs x; per Dense layer l the weights W^(l) (each its own leaf when
`detail="weights"`), the weighted sums s = x·W, the biases b, the sums z = s + b, the
activations a = f(z) (for the last layer the output y); then the targets t and the loss L.

Forward, every node has its `value`. Backward, every operation node has `upstream` = ∂L/∂node,
and each of its `inputs` a `local` derivative ∂node/∂input and `downstream` = local × upstream.
A node feeding several others gets the sum of their downstreams as its upstream: that sum
is what the engine's matrix products compute (checked in tests/engine/test_backprop_trace.py).
For a fused pair (softmax + cross-entropy or KL, sigmoid + binary cross-entropy) the engine
never forms ∂L/∂y: the loss node's inputs are the logits z, with local derivative ∂L/∂z,
and the output nodes y show their values only.
"""
from __future__ import annotations

import numpy as np

from .passes import Pass

# ∂(node)/∂(its input), as TeX, per activation (@ = f(z): a, or y at the output) and per loss
# (per output k, for one example).
ACTIVATION_TEX = {
    "sigmoid": r"@\,(1-@)", "tanh": r"1-@^2", "relu": r"[z>0]",
    "leaky_relu": r"1 \text{ if } z>0 \text{ else } \alpha", "elu": r"1 \text{ if } z>0 \text{ else } \alpha e^{z}",
    "identity": "1", "softmax": r"y_k(\delta_{kj}-y_j)",
}
SUM_TEX = r"\partial s_j/\partial x_i = w_{ij},\ \partial s_j/\partial w_{ij} = x_i"
LOSS_TEX = {   # through the output activation when fused, of y otherwise
    "sse": r"y_k-t_k", "mse": r"\tfrac{2}{K}(y_k-t_k)", "cross_entropy": r"y_k-t_k",
    "kl_divergence": r"y_k-t_k", "binary_cross_entropy": r"\tfrac{1}{K}(y_k-t_k)",
}


def build(p: Pass, x: np.ndarray, loss_name: str, detail: str) -> dict:
    """{"nodes", "columns", "forward", "backward"} for a pass of example x (n_in,)."""
    g = _Graph()
    prev = [g.leaf("input", name("x", None, i), v, u, layer=0) for i, (v, u) in enumerate(zip(x, p.layers[0].grad_x))]
    g.next_column("input", 0)
    for n, layer in enumerate(p.layers, start=1):
        prev = _layer(g, layer, n, prev, detail == "weights", last=n == len(p.layers))
    _loss(g, p, loss_name, prev)
    forward = [node["id"] for node in g.nodes if "inputs" in node]
    return {"nodes": g.nodes, "columns": g.columns, "forward": forward,
            "backward": _backward_order(g.nodes, forward)}


def name(symbol: str, layer: int | None, *index: int) -> tuple[str, str, str]:
    """(id, plain label, TeX) of a node: ("W", 1, 0, 2) -> ("W1.0.2", "W1[1,3]", "w^{(1)}_{1,3}")."""
    ident = ".".join([f"{symbol}{layer or ''}", *map(str, index)])
    shown = ",".join(str(i + 1) for i in index)
    if layer is None:
        return ident, f"{symbol}{shown}", f"{symbol}_{{{shown}}}"
    return ident, f"{symbol}{layer}[{shown}]", f"{symbol.lower()}^{{({layer})}}_{{{shown}}}"


def _layer(g, lp, n: int, prev: list[str], weight_leaves: bool, last: bool) -> list[str]:
    """Nodes of Dense layer n and its activation; returns the ids of its outputs."""
    W, b = lp.dense.params["W"], lp.dense.params["b"]
    n_in, n_out = W.shape
    weights = {}
    if weight_leaves:
        for j in range(n_out):
            for i in range(n_in):
                weights[i, j] = g.leaf("weight", name("W", n, i, j), W[i, j], lp.grad_W[i, j], layer=n,
                                       param={"name": f"W{n}", "index": [i, j]})
        g.next_column("weights", n)
    sums = []
    for j in range(n_out):
        edges = []
        for i in range(n_in):
            edges.append(g.edge(prev[i], W[i, j], lp.grad_z[j]))
            if weight_leaves:
                edges.append(g.edge(weights[i, j], lp.x[i], lp.grad_z[j]))
        sums.append(g.op("weighted_sum", name("s", n, j), lp.s[j], lp.grad_z[j], edges, SUM_TEX, layer=n))
    g.next_column("weighted_sum", n)
    biases = [g.leaf("bias", name("b", n, j), b[j], lp.grad_b[j], layer=n, param={"name": f"b{n}", "index": [j]})
              for j in range(n_out)]
    g.next_column("bias", n)
    zs = [g.op("bias_add", name("z", n, j), lp.z[j], lp.grad_z[j],
               [g.edge(sums[j], 1.0, lp.grad_z[j]), g.edge(biases[j], 1.0, lp.grad_z[j])], "1", layer=n)
          for j in range(n_out)]
    g.next_column("bias_add", n)
    return _activations(g, lp, n, zs, last)


def _activations(g, lp, n: int, zs: list[str], last: bool) -> list[str]:
    """The activation (hidden) or output nodes after z; a fused output shows its value only."""
    kind, fused = ("output", lp.grad_a is None) if last else ("activation", False)
    out = []
    for k in range(len(zs)):
        sources = range(len(zs)) if lp.row_wise else [k]
        if fused:   # the loss node takes z directly
            edges, upstream, local_tex = [g.edge(zs[j], None, None) for j in sources], None, None
        else:
            edges = [g.edge(zs[j], lp.jacobian[k, j], lp.grad_a[k]) for j in sources]
            upstream = lp.grad_a[k]
            local_tex = ACTIVATION_TEX[lp.act.name].replace("@", "y" if last else "a")
        names = name("y", None, k) if last else name("a", n, k)
        out.append(g.op(kind, names, lp.a[k], upstream, edges, local_tex, layer=n,
                        function=lp.act.name, **({"fused": True} if fused else {})))
    g.next_column(kind, n)
    return out


def _loss(g, p: Pass, loss_name: str, outputs: list[str]) -> None:
    last = p.layers[-1]
    targets = [g.leaf("target", name("t", None, k), v, None) for k, v in enumerate(p.target)]
    g.next_column("target", None)
    if p.fused:
        edges = [g.edge(f"z{len(p.layers)}.{k}", last.grad_z[k], 1.0, fused=True) for k in range(len(outputs))]
        extra = {"fused": {"output": last.act.name, "loss": loss_name, "skips": outputs}}
    else:
        edges, extra = [g.edge(y, last.grad_a[k], 1.0) for k, y in enumerate(outputs)], {}
    edges += [g.edge(t, None, None) for t in targets]
    g.op("loss", ("L", "L", "L"), p.loss, 1.0, edges, LOSS_TEX[loss_name], function=loss_name, **extra)
    g.next_column("loss", None)


def _backward_order(nodes: list[dict], forward: list[str]) -> list[str]:
    """Operations whose upstream gradient the engine forms, loss first, stage by stage."""
    skipped = {node["id"] for node in nodes if node.get("fused") is True}
    column = {node["id"]: node["column"] for node in nodes}
    with_grad = [i for i in forward if i not in skipped]
    return sorted(with_grad, key=lambda i: -column[i])   # stable: each stage keeps its order


class _Graph:
    """Collects nodes column by column (a column is one stage of the computation)."""

    def __init__(self):
        self.nodes: list[dict] = []
        self.columns: list[dict] = []
        self._rows = 0

    def next_column(self, stage: str, layer: int | None) -> None:
        self.columns.append({"stage": stage, "layer": layer, "size": self._rows})
        self._rows = 0

    def leaf(self, kind: str, names: tuple, value, upstream, layer: int | None = None,
             param: dict | None = None) -> str:
        """A value the computation starts from (input, weight, bias, target); returns its id."""
        extra = {"param": param} if param is not None else {}
        return self._add(kind, names, value, upstream, layer, extra)

    def op(self, kind: str, names: tuple, value, upstream, inputs: list[dict], local_tex: str | None,
           layer: int | None = None, **extra) -> str:
        """An operation on its `inputs` (edges); returns its id."""
        return self._add(kind, names, value, upstream, layer, {"inputs": inputs, "local_tex": local_tex, **extra})

    def _add(self, kind, names, value, upstream, layer, extra) -> str:
        ident, label, tex = names
        self.nodes.append({"id": ident, "kind": kind, "layer": layer, "label": label, "tex": tex,
                           "value": float(value), "upstream": None if upstream is None else float(upstream),
                           **extra, "column": len(self.columns), "row": self._rows})
        self._rows += 1
        return ident

    @staticmethod
    def edge(source: str, local, upstream, fused: bool = False) -> dict:
        """An input of an operation: ∂node/∂source and downstream = local × upstream."""
        if local is None or upstream is None:
            edge = {"from": source, "local": None, "downstream": None}
        else:
            edge = {"from": source, "local": float(local), "downstream": float(local) * float(upstream)}
        if fused:
            edge["fused"] = True
        return edge
