"""Landscapes: toy functions with optimizer races, and loss surfaces of a real network.

Toy side: `FUNCTIONS` / `get(name)`, `race(function, start, steps, optimizers)`,
`toy_surface(function, n, log)`. Network side: `loss_surface(net, x, t, plane, ...)`
returning a `Surface`, `interpolate(net, x, t, theta_a, theta_b)`, and the pieces they are
built from (`PlaneLoss`, direction builders, `fixed_subset`).
"""
from .directions import filter_normalized, pca_plane, project, random_plane, weight_direction
from .evaluate import LossMemo, PlaneLoss, forward_losses
from .functions import FUNCTIONS, ToyFunction, get
from .grids import toy_surface
from .race import race
from .surface import DEFAULT_EXAMPLES, PLANES, Surface, fixed_subset, interpolate, loss_surface

__all__ = ["DEFAULT_EXAMPLES", "FUNCTIONS", "LossMemo", "PLANES", "PlaneLoss", "Surface", "ToyFunction",
           "filter_normalized", "fixed_subset", "forward_losses", "get", "interpolate",
           "loss_surface", "pca_plane", "project", "race", "random_plane", "toy_surface",
           "weight_direction"]
