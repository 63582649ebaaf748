"""Datasets: the real MNIST and small generated 2-D sets."""
from .mnist import DatasetError, Mnist, Split, data_dir, load_mnist, prepare

__all__ = ["DatasetError", "Mnist", "Split", "data_dir", "load_mnist", "prepare"]
