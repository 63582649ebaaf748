import numpy as np
import pytest

from engine.datasets.idx import IMAGES_MAGIC, LABELS_MAGIC, IdxError, encode_idx, parse_idx


def tiny_images():
    return np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)


def test_hand_made_image_file_round_trips():
    raw = bytes([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]) + bytes(range(24))
    assert raw == encode_idx(tiny_images(), IMAGES_MAGIC)
    arr = parse_idx(raw, IMAGES_MAGIC)
    assert arr.shape == (2, 3, 4) and arr.dtype == np.uint8
    np.testing.assert_array_equal(arr, tiny_images())
    assert arr[1, 2, 3] == 23  # row-major


def test_hand_made_label_file():
    raw = bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9])
    np.testing.assert_array_equal(parse_idx(raw, LABELS_MAGIC), [7, 0, 9])


def test_labels_are_not_accepted_as_images():
    raw = encode_idx(np.array([1, 2], np.uint8), LABELS_MAGIC)
    with pytest.raises(IdxError, match="magic number 2049, expected 2051"):
        parse_idx(raw, IMAGES_MAGIC, "x")


@pytest.mark.parametrize("cut", [0, 2, 10, 17])
def test_truncated_files_are_refused_with_sizes(cut):
    raw = encode_idx(tiny_images(), IMAGES_MAGIC)
    with pytest.raises(IdxError):
        parse_idx(raw[:cut], IMAGES_MAGIC)


def test_trailing_bytes_are_refused():
    raw = encode_idx(tiny_images(), IMAGES_MAGIC) + b"\0"
    with pytest.raises(IdxError, match="file has 41 bytes"):
        parse_idx(raw, IMAGES_MAGIC)


def test_header_dimension_lie_is_refused():
    raw = bytearray(encode_idx(tiny_images(), IMAGES_MAGIC))
    raw[7] = 5  # claim 5 images
    with pytest.raises(IdxError, match="header promises"):
        parse_idx(bytes(raw), IMAGES_MAGIC)
