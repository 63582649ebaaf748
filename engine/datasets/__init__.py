"""Datasets: the real MNIST and small generated 2-D sets."""
from .mnist import DatasetError, Mnist, Split, data_dir, load_mnist, prepare
from .toy import TOY_DATASETS, VIEW as TOY_VIEW, blobs, circles, delta_rule_table, load_toy, spirals, two_moons, xor

__all__ = ["DatasetError", "Mnist", "Split", "data_dir", "load_mnist", "prepare", "TOY_DATASETS",
           "TOY_VIEW", "blobs", "circles", "delta_rule_table", "load_toy", "spirals", "two_moons", "xor"]
