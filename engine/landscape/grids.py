"""Value grids of the toy functions over their view boxes, for contour maps and 3-D plots."""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError

from .functions import ToyFunction, get

MAX_N = 501


def toy_surface(function: str | ToyFunction, n: int = 81, log: bool = False) -> dict:
    """Values on an n×n grid over the view box: {"x" [n], "y" [n], "z" [n][n] (z[j][i] at
    y[j], x[i]), "view", "minima", "log"}; 1-D functions give {"x" [n], "z" [n], ...}.

    With `log`, z becomes log(1 + f − min f), which keeps valleys visible on steep
    functions such as Rosenbrock and works for negative values too.
    """
    fn = get(function) if isinstance(function, str) else function
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_N:
        raise ParameterError("n", f"n must be an integer from 2 to {MAX_N}, got {n!r}")
    x = np.linspace(fn.view[0], fn.view[1], n)
    out = {"function": fn.name, "view": list(fn.view), "minima": [list(m) for m in fn.minima],
           "log": bool(log), "x": x.tolist()}
    if fn.dim == 1:
        z = fn.f(x)
    else:
        y = np.linspace(fn.view[2], fn.view[3], n)
        z = fn.f(*np.meshgrid(x, y))
        out["y"] = y.tolist()
    if log:
        z = np.log1p(z - z.min())
    out["z"] = z.tolist()
    return out
