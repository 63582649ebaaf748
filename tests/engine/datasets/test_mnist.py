import shutil
import subprocess
import sys

import numpy as np
import pytest

from engine.datasets import mnist
from engine.datasets.mnist import DatasetError, load_mnist, prepare, read_source


@pytest.fixture(scope="module")
def data():
    return load_mnist()


def test_split_sizes(data):
    assert (len(data.train), len(data.val), len(data.test)) == (55_000, 5_000, 10_000)
    assert data.train.x.shape == (55_000, 784)


def test_pixels_are_float32_in_unit_range(data):
    for split in (data.train, data.val, data.test):
        assert split.x.dtype == np.float32
        assert split.x.min() == 0.0 and split.x.max() == 1.0


def test_labels_are_digits(data):
    for split in (data.train, data.val, data.test):
        assert split.y.min() == 0 and split.y.max() == 9
        counts = np.bincount(split.y, minlength=10)
        assert len(counts) == 10 and counts.min() > len(split.y) // 20   # every digit present, none rare


def test_first_training_digit_is_the_famous_five(data):
    assert data.train.y[0] == 5 and data.test.y[0] == 7
    assert data.train.x[0].sum() > 50  # ink is high: a digit is mostly background


def test_a_cached_load_reads_no_idx_file(monkeypatch):
    """Once prepared, loading reads the .npz cache only: no IDX file is parsed or hashed again
    (that is what makes a restart take a fraction of a second)."""
    load_mnist()   # prepare the cache if needed

    def untouchable(*args, **kwargs):
        raise AssertionError("the IDX sources were read again")

    monkeypatch.setattr(mnist, "read_source", untouchable)
    monkeypatch.setattr(mnist, "_sha256", untouchable)
    data = load_mnist()
    assert len(data.train) == 55_000 and len(data.test) == 10_000


def _copy_source(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(mnist.source_dir(), src)
    return src


def test_missing_file_names_the_file_and_the_fix(tmp_path):
    src = _copy_source(tmp_path)
    (src / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(DatasetError) as err:
        read_source(src)
    assert "t10k-labels-idx1-ubyte" in str(err.value) and "make run" in str(err.value)


def test_corrupt_file_fails_the_checksum(tmp_path):
    src = _copy_source(tmp_path)
    path = src / "train-labels-idx1-ubyte"
    raw = bytearray(path.read_bytes())
    raw[100] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(DatasetError, match="SHA-256 mismatch.*train-labels"):
        prepare(src, tmp_path / "cache")


def test_prepare_command_reports_a_clear_error_without_traceback(tmp_path):
    env = {"DOWNHILL_MNIST_SOURCE": str(tmp_path / "nowhere"), "DOWNHILL_DATA_DIR": str(tmp_path / "d"),
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "engine.datasets.prepare"], env=env,
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "MNIST file missing" in out.stderr and "Traceback" not in out.stderr


def test_damaged_cache_is_rebuilt(tmp_path):
    dest = tmp_path / "cache"
    dest.mkdir()
    (dest / "mnist.npz").write_bytes(b"not a zip")
    prepare(dest=dest)
    assert len(load_mnist(dest).test) == 10_000
