"""The `python -m engine` command line, run as a user would run it."""
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from engine import persistence


def run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True,
                          text=True, timeout=timeout)


def test_train_json_prints_one_line_per_epoch_then_test_accuracy():
    out = run("train", "--dataset", "moons", "--layers", "2,8,2", "--epochs", "3",
              "--lr", "0.5", "--schedule", "constant", "--json")
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


def test_info_reports_the_default_model_size_and_splits():
    out = run("info")
    assert out.returncode == 0, out.stderr
    assert "parameters: 13002" in out.stdout
    assert "10000 examples" in out.stdout and "784x16" in out.stdout


def _strict(line: str) -> dict:
    """json.loads that refuses NaN and Infinity, as a browser's JSON.parse does."""
    def refuse(token):
        raise ValueError(f"non-standard JSON number {token}")
    return json.loads(line, parse_constant=refuse)


BAD_FLAGS = [
    (["train", "--epochs", "zero"], "--epochs"),
    (["train", "--epochs", "0"], "--epochs"),
    (["train", "--dataset", "cifar"], "--dataset"),
    (["train", "--lr", "-1"], "--lr"),
    (["train", "--lr", "nan"], "--lr"),
    (["train", "--momentum", "-0.5"], "--momentum"),
    (["train", "--weight-decay", "-1"], "--weight-decay"),
    (["train", "--optimizer", "adam", "--momentum", "0.9"], "--momentum"),
    (["train", "--optimizer", "adam", "--opt", "eps=-1"], "--opt"),
    (["train", "--optimizer", "lion"], "--optimizer"),
    (["train", "--activation", "swish"], "--activation"),
    (["train", "--dataset", "xor", "--layers", "3,4,2"], "--layers"),
    (["train", "--dataset", "moons", "--layers", "2,8,5"], "--layers"),
    (["info", "--dataset", "xor", "--layers", "2,4,3"], "--layers"),
    (["info", "--layers", "784,x"], "--layers"),
    (["train", "--dtype", "float16"], "--dtype"),
    (["train", "--seed", "-1"], "--seed"),
    (["train", "--schedule", "step", "--schedule-param", "foo=1"], "--schedule-param"),
    (["train", "--no-such-flag"], "--no-such-flag"),
    (["train", "--epochs"], "--epochs"),
]


def test_every_bad_flag_gets_one_line_naming_it_and_exit_2():
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda case: run(*case[0]), BAD_FLAGS))
    for (args, flag), out in zip(BAD_FLAGS, results):
        lines = out.stderr.splitlines()
        assert out.returncode == 2, (args, out.stderr)
        assert len(lines) == 1 and lines[0].startswith(f"error: {flag}: "), (args, out.stderr)
        assert "usage" not in out.stderr and out.stdout == "", args


def test_one_line_error_rewrites_argparse_messages():
    from engine.cli_flags import one_line_error
    assert one_line_error("argument --epochs: must be at least 1, got 0") == "--epochs: must be at least 1, got 0"
    assert one_line_error("argument -h/--help: ignored") == "--help: ignored"
    assert one_line_error("unrecognized arguments: --foo 3") == "--foo: unknown flag 3"
    assert one_line_error("the following arguments are required: command") == "command: required"


def test_dtype_float64_trains_and_is_saved(tmp_path):
    path = tmp_path / "moons64.npz"
    out = run("train", "--dataset", "moons", "--layers", "2,8,2", "--epochs", "2", "--dtype", "float64",
              "--json", "--save", str(path))
    assert out.returncode == 0, out.stderr
    net = persistence.load(path)
    assert net.config["dtype"] == "float64" and net.dtype == "float64"


def test_json_lines_never_carry_nan_or_infinity():
    from engine.cli import json_line
    line = json_line({"train_loss": float("nan"), "val_loss": float("inf"), "lr": 0.5, "epoch": 1})
    assert _strict(line) == {"train_loss": None, "val_loss": None, "lr": 0.5, "epoch": 1}
    out = run("train", "--dataset", "moons", "--layers", "2,32,32,2", "--activation", "relu",
              "--loss", "sse", "--output", "identity", "--lr", "50", "--epochs", "3", "--json")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = [_strict(line) for line in out.stdout.splitlines()]
    assert lines[-1]["status"] == "diverged"


def test_no_flags_means_the_default_setup():
    from engine.cli import build_parser, build_schedule
    from engine.defaults import DEFAULT_TRAINING
    args = build_parser().parse_args(["train"])
    for key in ("activation", "loss", "init", "optimizer", "lr", "schedule", "batch_size", "epochs", "seed"):
        assert getattr(args, key) == DEFAULT_TRAINING[key], key
    schedule = build_schedule(args)
    assert DEFAULT_TRAINING["schedule_params"] == {}   # a cosine's T_max follows the epochs
    expected = build_schedule(build_parser().parse_args(
        ["train", "--schedule-param", f"T_max={DEFAULT_TRAINING['epochs']}"]))
    assert [schedule.lr_at(e) for e in range(10)] == [expected.lr_at(e) for e in range(10)]


SAVED = {"dataset": "moons", "layers": [2, 8, 2], "activation": "tanh", "alpha": None, "output": "softmax",
         "loss": "cross_entropy", "init": "xavier_normal", "init_std": None, "optimizer": "adam",
         "optimizer_params": {"betas": [0.9, 0.99]}, "lr": 0.05, "schedule": "step",
         "schedule_params": {"step_size": 1, "gamma": 0.5}, "batch_size": 16, "epochs": 3, "seed": 2,
         "snapshot_every": 50, "train_size": None}   # a run's config.json as the server saves it
SAME_BY_FLAGS = ["--dataset", "moons", "--layers", "2,8,2", "--activation", "tanh", "--optimizer", "adam",
                 "--opt", "betas=0.9,0.99", "--lr", "0.05", "--schedule", "step", "--schedule-param", "step_size=1",
                 "--schedule-param", "gamma=0.5", "--batch-size", "16", "--epochs", "3", "--seed", "2"]


def _rows(out) -> list[dict]:
    assert out.returncode == 0, out.stderr
    return [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in out.stdout.splitlines()]


def test_a_saved_runs_config_trains_the_same_run_as_its_flags(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(SAVED))
    from_file = _rows(run("train", "--config", str(path), "--json"))
    assert [r["lr"] for r in from_file[:-1]] == [0.05, 0.025, 0.0125]
    assert from_file == _rows(run("train", *SAME_BY_FLAGS, "--json"))


def test_flags_override_the_config_file(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(SAVED))
    rows = _rows(run("train", "--config", str(path), "--epochs", "2", "--lr", "0.1", "--json"))
    assert [r["lr"] for r in rows[:-1]] == [0.1, 0.05]
    rows = _rows(run("train", "--config", str(path), "--schedule", "constant", "--epochs", "2", "--json"))
    assert [r["lr"] for r in rows[:-1]] == [0.05, 0.05]   # the file's step_size belongs to its own schedule


def test_a_bad_config_file_is_named_and_a_flag_can_mend_it(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({**SAVED, "optimizer": "sgd", "optimizer_params": {"momentum": -1}}))
    out = run("train", "--config", str(path), "--json")
    assert out.returncode == 2 and out.stderr.startswith("error: --config: ") and "momentum" in out.stderr
    assert _rows(run("train", "--config", str(path), "--momentum", "0.5", "--epochs", "1", "--json"))
    for text, words in (("[1, 2]", "JSON object"), ("{", "cannot read"), ('{"colour": "red"}', "colour")):
        path.write_text(text)
        out = run("train", "--config", str(path))
        assert out.returncode == 2 and out.stderr.startswith("error: --config: ") and words in out.stderr, out.stderr


def test_sweep_trains_every_cell_and_prints_rows_then_the_grid():
    out = run("sweep", "--dataset", "moons", "--layers", "2,8,2", "--schedule", "constant",
              "--axis", "lr=0.01:1:3", "--axis", "optimizer=sgd,adam", "--epochs", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    header, rows = lines[0].split(), [line.split() for line in lines[1:7]]
    assert header == ["cell", "lr", "optimizer", "status", "val_loss", "val_acc", "seconds"]
    assert [(r[1], r[2], r[3]) for r in rows] == [(lr, opt, "done") for lr in ("0.01", "0.1", "1")
                                                  for opt in ("sgd", "adam")]
    grid = lines[lines.index("validation accuracy (lr down, optimizer across)") + 1:]
    assert grid[0].split() == ["sgd", "adam"] and [g.split()[0] for g in grid[1:]] == ["0.01", "0.1", "1"]
    assert grid[3].split()[1:] == [rows[4][5], rows[5][5]]       # the grid repeats the rows' accuracy


def test_sweep_marks_diverged_cells_and_exits_1():
    out = run("sweep", "--dataset", "moons", "--layers", "2,8,2", "--activation", "identity",
              "--output", "identity", "--loss", "sse", "--init", "normal", "--init-std", "1",
              "--axis", "lr=0.01,10", "--epochs", "3", "--schedule", "constant")
    assert out.returncode == 1, out.stderr
    rows = [line.split() for line in out.stdout.splitlines()[1:]]
    assert [r[2] for r in rows] == ["done", "diverged"] and rows[1][3:5] == ["-", "-"]


def test_a_bad_sweep_is_one_line_naming_the_axis():
    cases = [(["--axis", "lr=0.1:1:3", "--axis", "lr=1,2"], "--axis: axes.1.field"),
             (["--axis", "lr=0.1,nan"], "--axis: axes.0.values.1"),
             (["--axis", "width=3"], "--axis: axes.0.field"),
             (["--axis", "lr=1:0.1:3"], "--axis: axes.0.max"),
             (["--axis", "lr=0.1:1"], "--axis: a range"),
             (["--axis", "lr=0.1:1:3", "--epochs", "50"], "--epochs: "),
             (["--axis", "lr=0.01:1:11", "--axis", "seed=0,1,2,3,4,5,6,7,8,9"], "--axis: 11 × 10 = 110 cells"),
             (["--axis", "optimizer=sgd,adam", "--momentum", "-1"], "--momentum: ")]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda case: run("sweep", "--dataset", "moons", *case[0]), cases))
    for (args, start), out in zip(cases, results):
        assert out.returncode == 2 and out.stderr.startswith(f"error: {start}"), (args, out.stderr)
        assert out.stdout == "", args
