"""The `python -m engine` command line, run as a user would run it."""
import json
import subprocess
import sys

from engine import persistence


def run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True,
                          text=True, timeout=timeout)


def test_train_json_prints_one_line_per_epoch_then_test_accuracy():
    out = run("train", "--dataset", "moons", "--layers", "2,8,2", "--epochs", "3",
              "--lr", "0.5", "--json")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    epochs, final = lines[:-1], lines[-1]
    assert [row["epoch"] for row in epochs] == [1, 2, 3]
    for row in epochs:
        assert set(row) == {"epoch", "train_loss", "val_loss", "val_accuracy", "lr", "seconds"}
        assert row["lr"] == 0.5 and 0 <= row["val_accuracy"] <= 1
    assert 0 <= final["test_accuracy"] <= 1 and final["n_test"] == 40


def test_train_mnist_subset_learns_and_prints_a_table():
    out = run("train", "--train-size", "2000", "--epochs", "3", "--optimizer", "adam",
              "--lr", "0.01", "--schedule", "step", "--schedule-param", "step_size=2")
    assert out.returncode == 0, out.stderr
    header, *rows, last = out.stdout.splitlines()
    assert "train_loss" in header and len(rows) == 3
    assert rows[-1].split()[4] == "0.001"
    accuracy = float(last.split("test accuracy ")[1].split("%")[0])
    assert accuracy > 50


def test_save_writes_a_loadable_network(tmp_path):
    path = tmp_path / "xor.npz"
    out = run("train", "--dataset", "xor", "--layers", "2,4,2", "--activation", "tanh",
              "--epochs", "2", "--json", "--save", str(path))
    assert out.returncode == 0, out.stderr
    net = persistence.load(path)
    assert net.sizes == [2, 4, 2] and net.config["activation"] == ["tanh"]


def test_gradcheck_passes_for_sigmoid_and_relu():
    for activation in ("sigmoid", "relu"):
        out = run("gradcheck", "--activation", activation, "--loss", "sse")
        assert out.returncode == 0, out.stdout
        assert "W1" in out.stdout and "pass" in out.stdout


def test_bad_flags_exit_2_naming_the_flag():
    cases = [(["train", "--activation", "swish"], "--activation"),
             (["train", "--epochs", "zero"], "--epochs"),
             (["train", "--optimizer", "lion"], "--optimizer"),
             (["info", "--layers", "784,x"], "--layers")]
    for args, flag in cases:
        out = run(*args)
        assert out.returncode == 2, args
        assert flag in out.stderr and "Traceback" not in out.stderr


def test_info_reports_the_default_model_size_and_splits():
    out = run("info")
    assert out.returncode == 0, out.stderr
    assert "parameters: 13002" in out.stdout
    assert "10000 examples" in out.stdout and "784x16" in out.stdout
