import time

import numpy as np
import pytest

from engine.datasets import load_mnist
from engine.preprocess import EmptyDrawingError, center_of_mass, from_pixels, steps, to_mnist


@pytest.fixture(scope="module")
def digits():
    test = load_mnist().test
    return test.x[:20].reshape(-1, 28, 28)


def stroke_canvas(size=280):
    """A thick hand-drawn-like '7' off-centre on a canvas (size, size)."""
    img = np.zeros((size, size))
    img[40:60, 150:250] = 1.0
    for k in range(160):
        r, c = 60 + k, 245 - k // 2
        img[r:r + 18, c - 9:c + 9] = 1.0
    return img


def ink_box(img28):
    rows = np.flatnonzero(img28.max(1) > 0.05)
    cols = np.flatnonzero(img28.max(0) > 0.05)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def test_output_is_784_float32_in_range_and_centred():
    out = to_mnist(stroke_canvas())
    assert out.shape == (784,) and out.dtype == np.float32
    assert out.min() >= 0 and out.max() == pytest.approx(1.0, abs=0.05)
    cy, cx = center_of_mass(out.reshape(28, 28))
    assert abs(cy - 14) < 0.5 and abs(cx - 14) < 0.5


def test_longer_side_of_ink_is_about_20px():
    for img in (stroke_canvas(), stroke_canvas().T[:, ::-1], stroke_canvas(512)):
        h, w = ink_box(to_mnist(img).reshape(28, 28))
        assert 19 <= max(h, w) <= 22
        assert min(h, w) < 19


def test_upscaled_offcentre_mnist_digit_maps_back(digits):
    for digit in digits:
        canvas = np.zeros((400, 400))
        canvas[17:297, 103:383] = np.kron(digit, np.ones((10, 10)))
        out = to_mnist(canvas)
        assert np.corrcoef(out, digit.reshape(-1))[0, 1] > 0.9


def test_translation_does_not_change_the_result():
    img = stroke_canvas(400)
    moved = np.roll(np.roll(img, -30, axis=0), -110, axis=1)
    np.testing.assert_allclose(to_mnist(img), to_mnist(moved), atol=1e-6)


def test_thin_faint_strokes_survive_as_grey():
    img = np.zeros((300, 300))
    img[50:250, 155] = 1.0
    img[155, 100:200] = 1.0
    out = to_mnist(img).reshape(28, 28)
    assert out.max() > 0.5
    assert (out > 0.05).sum() >= 30


@pytest.mark.parametrize("shape", [(1, 1), (1, 120), (120, 1), (3, 3)])
def test_dot_and_lines_do_not_crash(shape):
    img = np.zeros((200, 200))
    img[90:90 + shape[0], 40:40 + shape[1]] = 1.0
    out = to_mnist(img)
    assert np.isfinite(out).all() and out.max() > 0
    cy, cx = center_of_mass(out.reshape(28, 28))
    assert abs(cy - 14) < 0.5 and abs(cx - 14) < 0.5


def test_empty_and_stray_specks_raise_empty_drawing():
    with pytest.raises(EmptyDrawingError, match="empty"):
        to_mnist(np.zeros((280, 280)))
    with pytest.raises(ValueError):
        to_mnist(np.full((280, 280), 0.01))


@pytest.mark.parametrize("bad, words", [
    (np.zeros(784), "2-D"),
    (np.zeros((2, 28, 28)), "2-D"),
    (np.zeros((600, 100)), "size"),
    (np.zeros((0, 10)), "size"),
    (np.where(np.eye(50) > 0, np.nan, 0.0), "NaN"),
    (np.full((50, 50), 2.0), "0..1"),
    (-np.ones((50, 50)), "0..1"),
])
def test_bad_input_names_the_problem(bad, words):
    with pytest.raises(ValueError, match=words):
        to_mnist(bad)


def test_from_pixels_passes_mnist_input_through(digits):
    out = from_pixels(digits[0])
    assert out.shape == (784,) and out.dtype == np.float32
    np.testing.assert_array_equal(out, digits[0].reshape(-1))
    np.testing.assert_array_equal(from_pixels(digits[0].reshape(-1).tolist()), out)
    for bad, words in [(np.zeros(783), "784"), (np.full(784, 1.5), "0..1"),
                       (np.full(784, np.nan), "NaN")]:
        with pytest.raises(ValueError, match=words):
            from_pixels(bad)


def test_steps_exposes_the_pipeline():
    img = stroke_canvas()
    s = steps(img)
    top, left, bottom, right = s["bbox"]
    assert s["cropped"].shape == (bottom - top, right - left)
    assert max(s["scaled"].shape) == 20
    assert s["final"].shape == (28, 28)
    np.testing.assert_array_equal(s["final"].reshape(-1), to_mnist(img))
    assert np.hypot(*(np.subtract(s["com_after"], 14))) < 0.05
    assert np.hypot(*(np.subtract(s["com_before"], 14))) > 0.5


def test_fast_on_a_280_canvas():
    img = stroke_canvas()
    to_mnist(img)
    start = time.perf_counter()
    for _ in range(50):
        to_mnist(img)
    assert (time.perf_counter() - start) / 50 < 0.005
