import numpy as np
import pytest

from engine.datasets import toy
from engine.datasets.toy import TOY_DATASETS, VIEW, load_toy

RANDOM_SETS = ["moons", "circles", "spirals", "blobs"]


@pytest.mark.parametrize("name", list(TOY_DATASETS))
def test_same_seed_same_data_other_seed_differs(name):
    a_train, a_val = load_toy(name, seed=3)
    b_train, _ = load_toy(name, seed=3)
    np.testing.assert_array_equal(a_train.x, b_train.x)
    np.testing.assert_array_equal(a_train.y, b_train.y)
    if name in RANDOM_SETS:
        c_train, _ = load_toy(name, seed=4)
        assert not np.array_equal(a_train.x, c_train.x)


@pytest.mark.parametrize("name", list(TOY_DATASETS))
def test_dtypes_labels_and_view_box(name):
    _, _, n_classes = TOY_DATASETS[name]
    for part in load_toy(name, seed=0):
        assert part.x.dtype == np.float32 and part.y.dtype == np.int64
        assert part.x.ndim == 2 and part.y.shape == (part.x.shape[0],)
        assert set(np.unique(part.y)) == set(range(n_classes))
        xmin, xmax, ymin, ymax = VIEW[name]
        assert (part.x[:, 0] > xmin).all() and (part.x[:, 0] < xmax).all()
        assert (part.x[:, 1] > ymin).all() and (part.x[:, 1] < ymax).all()


@pytest.mark.parametrize("name", RANDOM_SETS)
def test_split_is_80_20_and_balanced(name):
    train, val = load_toy(name, seed=1, n=301)
    assert len(train) + len(val) == 301
    assert len(val) == pytest.approx(0.2 * 301, abs=2)
    for part in (train, val):
        counts = np.bincount(part.y)
        assert counts.max() - counts.min() <= 1
    assert not (train.y[:20] == np.sort(train.y[:20])).all()


def test_xor_labels_are_x1_xor_x2():
    data = toy.xor()
    assert data.x.shape == (4, 2)
    np.testing.assert_array_equal(data.y, data.x[:, 0].astype(int) ^ data.x[:, 1].astype(int))


def test_delta_table_is_the_course_table():
    data = toy.delta_rule_table()
    np.testing.assert_array_equal(data.x, [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    np.testing.assert_array_equal(data.y, [0, 0, 1, 1])
    train, val = load_toy("delta_table", seed=0)
    assert len(train) == len(val) == 4


def test_circles_inner_ring_inside_outer():
    data = toy.circles(n=400, noise=0.02, factor=0.4, seed=0)
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    assert r[data.y == 1].max() < r[data.y == 0].min()
    assert np.median(r[data.y == 1]) == pytest.approx(0.4, abs=0.02)


def test_moons_follow_their_arcs():
    data = toy.two_moons(n=400, noise=0.05, seed=0)
    t = np.linspace(0, np.pi, 500)
    arcs = [np.stack([np.cos(t), np.sin(t)], 1), np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)]
    arcs = [(a - [0.5, 0.25]) / 1.5 for a in arcs]
    dist = [np.linalg.norm(data.x[:, None] - a[None], axis=2).min(1) for a in arcs]
    nearest = (dist[1] < dist[0]).astype(int)
    assert (nearest == data.y).mean() > 0.97


def test_spiral_arms_are_rotated_copies():
    data = toy.spirals(n=400, noise=0.0, seed=0, turns=1.0)
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    angle = np.arctan2(data.x[:, 1], data.x[:, 0])
    offset = np.mod(angle - r * 2 * np.pi, 2 * np.pi)
    np.testing.assert_allclose(np.cos(offset[data.y == 0]), 1, atol=1e-5)
    np.testing.assert_allclose(np.cos(offset[data.y == 1]), -1, atol=1e-5)


def test_blobs_cluster_around_their_centres():
    centers = np.array([[-0.5, 0.0], [0.5, 0.0]])
    data = toy.blobs(n=200, centers=centers, std=0.05, seed=0)
    nearest = np.linalg.norm(data.x[:, None] - centers[None], axis=2).argmin(1)
    np.testing.assert_array_equal(nearest, data.y)


def test_unknown_name_lists_choices():
    with pytest.raises(ValueError, match="moons"):
        load_toy("banana", seed=0)
