"""Downhill's neural-network engine: pure NumPy, readable, checked against PyTorch."""
