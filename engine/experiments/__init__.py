"""Experiments the course runs by hand, as plain functions the lessons (and a notebook) can call.

`init_histograms`: per-layer activation histograms of a deep stack under several weight
initializations. `output_gradients`: what each (output, loss) pair sends back to the logits.
`analyze`: a trained digit network shown uniform noise and digits moved to a corner.
"""
from .fooling import analyze, to_corner, uniform_noise
from .init_histograms import DEFAULT_INITS, gaussian_inputs, init_histograms
from .output_gradients import output_gradients

__all__ = ["DEFAULT_INITS", "analyze", "gaussian_inputs", "init_histograms", "output_gradients",
           "to_corner", "uniform_noise"]
