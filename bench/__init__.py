"""Benchmarks that print tables of timings and ratios measured in one run (`make bench`)."""
