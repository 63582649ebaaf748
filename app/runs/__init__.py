"""Saved runs: SQLite rows and per-epoch metrics, weights as .npz files beside them."""
