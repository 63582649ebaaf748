"""Sweeps: many short runs over a grid of settings, through the same executor and waiting
line as live runs (engine/sweep.py makes the grid; this package runs it)."""
