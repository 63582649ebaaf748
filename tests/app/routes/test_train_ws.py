"""The /ws/train protocol, message by message, on tiny MNIST subsets, with each executor:
training processes on this machine, and Ray (a simulated two-node cluster)."""
from __future__ import annotations

import time

import numpy as np
import pytest

from server_helpers import TINY, WS_URL, client_for, is_status, is_type, receive, until


@pytest.fixture
def client(settings_for):
    with client_for(settings_for()) as c:
        yield c


def start(ws, **overrides):
    ws.send_json({"type": "start", "config": {**TINY, **overrides}})


def test_start_streams_metrics_snapshots_and_ends_done(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=2)
        seen = until(ws, is_status("done"))
    statuses = [m["state"] for m in seen if is_type("status")(m)]
    assert statuses[0] == "training" and statuses[-1] == "done"
    epochs = [m for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"]
    assert [m["epoch"] for m in epochs] == [1.0, 2.0]
    assert epochs[-1]["val_accuracy"] > 0.5
    header, tensors = [m for m in seen if isinstance(m, tuple)][-1]
    assert header["type"] == "snapshot"
    assert tensors["W1"].shape == (784, 8) and tensors["W2"].shape == (8, 10)
    assert tensors["act2"].shape == (10,)
    assert abs(sum(header["probe"]["probabilities"]) - 1) < 1e-4


def test_run_is_saved_with_per_epoch_metrics(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=2)
        run_id = until(ws, is_status("done"))[-1]["run_id"]
    run = client.get(f"/api/runs/{run_id}").json()
    assert run["status"] == "done" and len(run["metrics"]) == 2
    assert run["config"]["layers"] == [784, 8, 10]
    assert client.get(f"/api/runs/{run_id}/weights.npz").status_code == 200


def test_pause_holds_training_and_resume_finishes_it(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=50)
        until(ws, is_type("metrics"))
        ws.send_json({"type": "pause"})
        until(ws, is_status("paused"))
        time.sleep(0.3)
        _drain(ws, 0.2)
        quiet = _drain(ws, 0.5)
        assert not [m for m in quiet if is_type("metrics")(m)], "metrics kept coming while paused"
        ws.send_json({"type": "resume"})
        seen = until(ws, is_type("metrics"))
        assert any(is_status("training")(m) for m in seen)
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))


def test_step_advances_one_batch_then_waits(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "snapshot_every": 1}, "paused": True})
        until(ws, is_status("paused"))
        assert not [m for m in _drain(ws, 0.4) if is_type("metrics")(m)]
        ws.send_json({"type": "step", "unit": "batch"})
        metrics = [m for m in until(ws, is_type("metrics")) if is_type("metrics")(m)]
        assert metrics[-1]["step"] == 1
        assert not [m for m in _drain(ws, 0.4) if is_type("metrics")(m)]
        ws.send_json({"type": "step", "unit": "epoch"})
        seen = until(ws, lambda m: is_type("metrics")(m) and m["kind"] == "epoch")
        assert seen[-1]["step"] == 20   # 600 examples / batch 30


def test_step_before_start_starts_paused(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "step", "unit": "batch", "config": {**TINY, "snapshot_every": 1}})
        metrics = until(ws, is_type("metrics"))[-1]
        assert metrics["step"] == 1


def test_live_learning_rate_reaches_the_trainer(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=50)
        until(ws, is_type("metrics"))
        ws.send_json({"type": "set_lr", "lr": 0.0123})
        seen = until(ws, lambda m: is_type("metrics")(m) and abs(m["lr"] - 0.0123) < 1e-9)
        assert seen[-1]["lr"] == 0.0123
        ws.send_json({"type": "stop"})


def test_invalid_config_names_the_field_and_the_connection_stays_usable(client):
    bad = [({"layers": [784, 2000, 10]}, "layers.1"), ({"lr": 0}, "lr"), ({"lr": 11}, "lr"),
           ({"layers": [784, 0, 10]}, "layers.1"), ({"layers": [784, 1025, 10]}, "layers.1"),
           ({"batch_size": 60001}, "batch_size"), ({"optimizer_params": {"momentum": "0.9"}},
                                                   "optimizer_params.momentum"),
           ({"schedule": "step", "schedule_params": {"step_size": "2"}}, "schedule_params.step_size"),
           ({"activation": ["relu", 5]}, "activation.1"),
           ({"epochs": 501}, "epochs"), ({"batch_size": 0}, "batch_size"),
           ({"activation": "swish"}, "activation"), ({"optimizer": "lbfgs"}, "optimizer"),
           ({"layers": [784] + [16] * 9 + [10]}, "layers"), ({"layers": [784, 1024, 1024, 1024, 10]}, "layers"),
           ({"lr": "fast"}, "lr"), ({"colour": "red"}, "colour"), ({"layers": [784, 16, 9]}, "layers.2"),
           ({"optimizer_params": {"momentum": -1}}, "optimizer_params.momentum"),
           ({"layers": [784, 1024, 1024, 10], "batch_size": 60000, "train_size": None}, "batch_size"),
           ({"dataset": "moons"}, "layers.0"), ({"loss": "binary_cross_entropy"}, "output")]
    with client.websocket_connect(WS_URL) as ws:
        for overrides, field in bad:
            start(ws, **overrides)
            msg = receive(ws)
            assert msg["type"] == "error" and msg["field"] == field, (overrides, msg)
        ws.send_text('{"type": "set_lr", "lr": NaN}')
        error = receive(ws)
        assert error["type"] == "error" and error["field"] == "lr" and "finite" in error["message"]
        ws.send_text("not json")
        assert receive(ws)["type"] == "error"
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"
        start(ws)
        assert until(ws, is_status("done"))[-1]["state"] == "done"


def test_a_two_class_set_trains_with_one_sigmoid_output_but_not_with_three(client):
    xor = {"dataset": "xor", "layers": [2, 4, 1], "output": "sigmoid", "loss": "binary_cross_entropy",
           "lr": 2.0, "batch_size": 4, "epochs": 400, "snapshot_every": 100, "train_size": None}
    with client.websocket_connect(WS_URL) as ws:
        start(ws, **{**xor, "layers": [2, 4, 3]})
        error = receive(ws)
        assert error["field"] == "layers.2" and "2 or 1" in error["message"]
        start(ws, **xor)
        seen = until(ws, is_status("done"))
    last = [m for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"][-1]
    assert last["val_accuracy"] == 1.0
    header, tensors = [m for m in seen if isinstance(m, tuple)][-1]
    assert tensors["W2"].shape == (4, 1) and header["probe"]["prediction"] in (0, 1)


def test_a_cosine_schedule_without_t_max_anneals_over_the_run(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=3, schedule="cosine", lr=0.4)
        seen = until(ws, is_status("done"))
    lrs = [m["lr"] for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"]
    assert lrs == pytest.approx([0.4, 0.4 * 0.75, 0.4 * 0.25])   # ½(1 + cos(πe/3)), e = 0, 1, 2


def test_disconnect_stops_the_job_within_a_second(client):
    resources = client.app.state.resources
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=500)
        run_id = until(ws, is_type("metrics"))[-1]["run_id"]
    deadline = time.monotonic() + 1.0
    while resources.pool.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert resources.pool.running == 0
    assert client.get(f"/api/runs/{run_id}").json()["status"] == "stopped"


def test_sessions_beyond_the_pool_wait_in_line(settings_for):
    with client_for(settings_for(workers=1)) as client:
        with client.websocket_connect(WS_URL) as first, client.websocket_connect(WS_URL) as second:
            start(first, epochs=500)
            until(first, is_status("training"))
            start(second)
            queued = until(second, is_status("queued", "training"))[-1]
            assert queued["state"] == "queued" and queued["position"] == 1
            first.send_json({"type": "stop"})
            until(first, is_status("stopped"))
            until(second, is_status("training"))
            assert until(second, is_status("done"))[-1]["state"] == "done"


def test_divergence_ends_as_diverged_with_strict_json(client):
    config = {"activation": "identity", "output": "identity", "loss": "sse", "lr": 10,
              "epochs": 5, "init": "normal", "init_std": 1.0}
    with client.websocket_connect(WS_URL) as ws:
        start(ws, **config)
        seen = until(ws, is_status("diverged", "done"))   # receive() parses strictly
    assert seen[-1]["state"] == "diverged"
    assert any(m.get("nonfinite") for m in seen if is_type("metrics")(m))
    assert "learning rate" in seen[-1]["message"]
    run = client.get(f"/api/runs/{seen[-1]['run_id']}").json()
    assert run["status"] == "diverged"


def test_weights_overflowing_float32_also_end_as_diverged(client):
    config = {"layers": [784, 64, 10], "activation": "relu", "output": "identity", "loss": "sse",
              "init": "normal", "init_std": 1.0, "lr": 10, "epochs": 1, "train_size": None,
              "batch_size": 32, "snapshot_every": 50}
    with client.websocket_connect(WS_URL) as ws:
        start(ws, **config)
        assert until(ws, is_status("diverged", "done", "error"))[-1]["state"] == "diverged"


def test_probe_digit_drives_snapshot_activations(client):
    digit = client.get("/api/digits/test/0").json()
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "probe", "pixels": digit["pixels"]})
        start(ws, epochs=3)
        seen = until(ws, is_status("done"))
    header, tensors = [m for m in seen if isinstance(m, tuple)][-1]
    w1, b1 = tensors["W1"], tensors["b1"]
    hidden = 1 / (1 + np.exp(-(np.asarray(digit["pixels"], np.float32) @ w1 + b1)))
    assert np.allclose(tensors["act1"], hidden, atol=1e-5)


def test_pca_surface_of_the_run_comes_as_a_binary_frame(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=2)
        until(ws, is_status("done"))
        ws.send_json({"type": "surface", "plane": "pca", "resolution": 9})
        header, tensors = until(ws, is_type("surface"))[-1]
    assert tensors["values"].shape == (9, 9)
    assert len(header["explained_variance"]) == 2 and len(header["path"]) >= 3
    assert header["path"][-1] == [0.0, 0.0] or np.allclose(header["path"][-1], 0, atol=1e-6)


def _drain(ws, seconds: float) -> list:
    """Everything that arrives within `seconds`."""
    out, deadline = [], time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return out
        try:
            out.append(receive(ws, left))
        except TimeoutError:
            return out


def test_toy_dataset_trains_and_sizes_must_fit_it(client):
    datasets = {d["name"]: d for d in client.get("/api/options").json()["datasets"]}
    assert datasets["moons"]["n_in"] == 2 and datasets["moons"]["kind"] == "toy"
    config = {"dataset": "moons", "layers": [2, 8, 2], "activation": "tanh", "epochs": 30,
              "batch_size": 16, "lr": 0.5}
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": config})
        seen = until(ws, is_status("done", "error"))
        assert seen[-1]["state"] == "done", seen[-1]
        ws.send_json({"type": "start", "config": {**config, "layers": [2, 8, 3]}})
        assert receive(ws)["field"] == "layers.2"
    epochs = [m for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"]
    assert len(epochs) == 30 and epochs[-1]["val_accuracy"] > 0.75


def test_weights_plane_surface_before_any_run_uses_the_default_model(client):
    params = [{"layer": 0, "index": [300, 0]}, {"layer": 0, "index": [400, 1]}]
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "surface", "plane": "weights", "resolution": 5, "params": params})
        header, tensors = until(ws, is_type("surface"))[-1]
        ws.send_json({"type": "surface", "plane": "pca"})
        error = receive(ws)
    assert header["plane"] == "weights" and tensors["values"].shape == (5, 5)
    assert header["run_id"] is None and np.isfinite(tensors["values"]).all()
    assert error["type"] == "error" and error["field"] == "plane"


def test_a_client_that_does_not_read_gets_the_newest_snapshot_not_a_backlog(client):
    resources = client.app.state.resources
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=4, snapshot_every=1)       # 80 steps, a snapshot after each
        deadline = time.monotonic() + 20
        # The run finishes although nobody reads: saved as done, and its pool slot let go
        # (the row appears when the job starts, the slot goes a moment after it is done).
        while [r["status"] for r in client.get("/api/runs").json()] != ["done"] or resources.pool.running:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        seen = until(ws, is_status("done"))
    snapshots = [m for m in seen if isinstance(m, tuple)]
    epochs = [m["epoch"] for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"]
    assert epochs == [1.0, 2.0, 3.0, 4.0]
    assert 1 <= len(snapshots) < 20 and snapshots[-1][0]["step"] == 80


def test_widest_allowed_layer_trains(client):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, layers=[784, 1024, 10], train_size=60, batch_size=30)
        assert until(ws, is_status("done", "error"))[-1]["state"] == "done"


def test_nan_or_infinity_anywhere_names_its_field(client):
    cases = [('{"type": "start", "config": {"optimizer": "sgd", "optimizer_params": {"momentum": NaN}}}',
              "optimizer_params.momentum"),
             ('{"type": "start", "config": {"schedule": "step", "schedule_params": {"gamma": -Infinity}}}',
              "schedule_params.gamma"),
             ('{"type": "start", "config": {"lr": 1e999}}', "lr"),
             ('{"type": "step", "unit": "batch", "config": {"init_std": Infinity}}', "init_std"),
             ('{"type": "surface", "plane": "random", "span": NaN}', "span"),
             ('{"type": "probe", "pixels": [0, NaN]}', "pixels.1")]
    with client.websocket_connect(WS_URL) as ws:
        for text, field in cases:
            ws.send_text(text)
            error = receive(ws)
            assert error["type"] == "error" and error["field"] == field, (text, error)
            assert error["message"].startswith(f"{field}: must be a finite number")
        start(ws)                                      # the connection is still usable
        assert until(ws, is_status("done"))[-1]["state"] == "done"


def test_nan_inside_config_params_is_named_even_without_json(client):
    from app.schemas.train import ConfigError, parse_config
    catalogue = client.app.state.resources.catalogue()
    for raw, field in [({"optimizer_params": {"momentum": float("nan")}}, "optimizer_params.momentum"),
                       ({"schedule_params": {"gamma": float("inf")}}, "schedule_params.gamma")]:
        try:
            parse_config(raw, catalogue)
        except ConfigError as err:
            assert err.field == field and "finite" in err.message and ".bool" not in err.message
        else:
            raise AssertionError(f"{raw} was accepted")


def test_bad_control_messages_name_the_field(client):
    with client.websocket_connect(WS_URL) as ws:
        for lr in (0, -1, 10.5, "0.1"):
            ws.send_json({"type": "set_lr", "lr": lr})
            assert receive(ws)["field"] == "lr", lr
        ws.send_json({"type": "step", "unit": "week"})
        assert receive(ws)["field"] == "unit"
        ws.send_json({"type": "surface", "resolution": 102})
        assert receive(ws)["field"] == "resolution"
        ws.send_bytes(b"\x00\x01binary")
        error = receive(ws)
        assert error["type"] == "error" and "binary" in error["message"] and "JSON" in error["message"]
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"


def test_third_session_waits_second_in_line_and_can_leave_it(settings_for):
    with client_for(settings_for(workers=1)) as client:
        with client.websocket_connect(WS_URL) as first, client.websocket_connect(WS_URL) as second, \
                client.websocket_connect(WS_URL) as third:
            start(first, epochs=500)
            until(first, is_status("training"))
            start(second)
            assert until(second, is_status("queued"))[-1]["position"] == 1
            start(third)
            queued = until(third, is_status("queued"))[-1]
            assert queued["position"] == 2
            third.send_json({"type": "stop"})
            stopped = until(third, is_status("stopped"))[-1]
            assert stopped["run_id"] == queued["run_id"] and "waiting" in stopped["message"]
            assert client.get(f"/api/runs/{queued['run_id']}").status_code == 404
            second.send_json({"type": "stop"})
            until(second, is_status("stopped"))
            first.send_json({"type": "stop"})
            until(first, is_status("stopped"))
        runs = client.get("/api/runs").json()
        assert [r["status"] for r in runs] == ["stopped"], "runs stopped while queued left rows"


def test_a_full_waiting_line_refuses_a_start_clearly(settings_for):
    with client_for(settings_for(workers=1, max_waiting=1)) as client:
        with client.websocket_connect(WS_URL) as first, client.websocket_connect(WS_URL) as second, \
                client.websocket_connect(WS_URL) as third:
            start(first, epochs=500)
            until(first, is_status("training"))
            start(second)
            until(second, is_status("queued"))
            start(third)
            error = receive(third)
            assert error["type"] == "error" and "busy" in error["message"] and "1 runs" in error["message"]
            first.send_json({"type": "stop"})
            until(second, is_status("training"))
            start(third)                          # a place is free again
            assert until(third, is_status("queued", "training"))[-1]["state"] == "queued"


def test_sessions_beyond_the_limit_are_told_and_closed(settings_for):
    from starlette.websockets import WebSocketDisconnect

    with client_for(settings_for(max_sessions=2)) as client:
        with client.websocket_connect(WS_URL), client.websocket_connect(WS_URL):
            with client.websocket_connect(WS_URL) as extra:
                error = receive(extra)
                assert error["type"] == "error" and "too many open training sessions" in error["message"]
                try:
                    receive(extra)
                except WebSocketDisconnect as closed:
                    assert closed.code == 1013
                else:
                    raise AssertionError("the extra session stayed open")
        with client.websocket_connect(WS_URL) as again:      # slots are given back on close
            again.send_json({"type": "fly"})
            assert receive(again)["field"] == "type"


def test_an_ended_job_lets_go_of_its_trajectory_and_data_but_surfaces_still_work(client, sessions):
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=2)
        done = until(ws, is_status("done"))[-1]
        job = sessions[-1].job
        assert job.run_id == done["run_id"]
        assert job.path == [] and job.data is None and job.initial is None
        ws.send_json({"type": "surface", "plane": "pca", "resolution": 7})
        header, tensors = until(ws, is_type("surface"))[-1]
    assert header["run_id"] == done["run_id"] and tensors["values"].shape == (7, 7)
    assert len(header["path"]) >= 3 and np.allclose(header["path"][-1], 0, atol=1e-6)



def test_full_snapshots_come_at_most_thirty_a_second_while_running(client):
    # 600 examples / batch 10 = 60 steps an epoch, a snapshot asked for after each: a small
    # network takes them far faster than the page could use them. Between the full ones
    # (weights, histograms) come light metrics rows, at most 300 a second.
    began = time.monotonic()
    with client.websocket_connect(WS_URL) as ws:
        start(ws, epochs=8, batch_size=10, snapshot_every=1)
        seen = until(ws, is_status("done"))
    seconds = time.monotonic() - began
    steps = [m for m in seen if is_type("metrics")(m) and m["kind"] == "step"]
    epochs = [m for m in seen if is_type("metrics")(m) and m["kind"] == "epoch"]
    full_steps = [m for m in steps if m["activation_stats"]]
    frames = [m for m in seen if isinstance(m, tuple)]
    assert len(epochs) == 8 and epochs[-1]["step"] == 480
    assert 1 <= len(full_steps) <= 30 * seconds + 8 and len(frames) <= 30 * seconds + 8, (len(full_steps), seconds)
    assert len(full_steps) <= len(steps) <= 300 * seconds + 8, (len(steps), seconds)
    assert all(m["grad_norms"] for m in steps)


def test_every_error_says_what_it_is_about(client):
    cases = [({"type": "start", "config": {**TINY, "lr": 0}}, "start", "lr"),
             ({"type": "start", "config": TINY, "speed": 0}, "start", "speed"),
             ({"type": "step", "unit": "batch", "config": {"layers": [784, 0, 10]}}, "start", "layers.1"),
             ({"type": "step", "unit": "week"}, "control", "unit"),
             ({"type": "step", "unit": "batch"}, "control", "config"),          # nothing to step yet
             ({"type": "set_lr", "lr": -1}, "control", "lr"),
             ({"type": "set_speed", "speed": 2}, "control", "speed"),           # no run to pace yet
             ({"type": "set_speed", "speed": -2}, "control", "speed"),
             ({"type": "surface", "resolution": 102}, "surface", "resolution"),
             ({"type": "surface", "plane": "pca"}, "surface", "plane"),
             ({"type": "probe", "pixels": []}, "probe", "pixels"),
             ({"type": "fly"}, "message", "type")]
    texts = [('{"type": "probe", "pixels": [0, NaN]}', "probe", "pixels.1"),
             ('{"type": "start", "config": {"lr": NaN}}', "start", "lr"),
             ('{"type": "surface", "span": Infinity}', "surface", "span"),
             ("not json", "message", None), ("[1, 2]", "message", "type"),
             ('{"type": "pause", "pad": "' + "x" * (64 << 10) + '"}', "message", None)]
    with client.websocket_connect(WS_URL) as ws:
        for message, about, field in cases:
            ws.send_json(message)
            error = receive(ws)
            assert (error["type"], error["about"], error["field"]) == ("error", about, field), (message, error)
        for text, about, field in texts:
            ws.send_text(text)
            error = receive(ws)
            assert (error["type"], error["about"], error["field"]) == ("error", about, field), (text[:60], error)
        ws.send_bytes(b"\x00binary")
        assert receive(ws)["about"] == "message"


def test_capacity_errors_are_about_the_server(settings_for):
    from starlette.websockets import WebSocketDisconnect

    with client_for(settings_for(workers=1, max_waiting=0, max_sessions=2)) as client:
        with client.websocket_connect(WS_URL) as first, client.websocket_connect(WS_URL) as second:
            start(first, epochs=500)
            until(first, is_status("training"))
            start(second)
            busy = receive(second)
            assert busy["about"] == "server" and "busy" in busy["message"]
            with client.websocket_connect(WS_URL) as third:
                full = receive(third)
                assert full["about"] == "server" and "too many" in full["message"]
                try:
                    receive(third)
                except WebSocketDisconnect:
                    pass
            first.send_json({"type": "stop"})
            until(first, is_status("stopped"))


def _metrics(seen, kind="step"):
    return [m for m in seen if is_type("metrics")(m) and m["kind"] == kind]


def test_a_paced_run_takes_its_time_and_shows_every_step_whole(client):
    # 600 examples / batch 30 = 20 steps; at 10 a second at least 1.9 s however fast the machine.
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "snapshot_every": 50}, "speed": 10})
        until(ws, is_status("training"))
        began = time.monotonic()
        seen = until(ws, is_status("done"))
        took = time.monotonic() - began
    steps = _metrics(seen)
    assert took >= 1.9 - 0.1 and [m["step"] for m in steps] == list(range(1, 21))
    assert all(m["activation_stats"] for m in steps)                       # every one full...
    frames = {m[0]["step"] for m in seen if isinstance(m, tuple)}
    assert len(frames) >= 15                                               # ... and drawn


def test_set_speed_changes_the_pace_while_training_and_paused(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY, "speed": 2})       # 20 steps: ≥ 9.5 s at this pace
        until(ws, lambda m: is_type("metrics")(m) and m["kind"] == "step")
        ws.send_json({"type": "pause"})
        until(ws, is_status("paused"))
        ws.send_json({"type": "set_speed", "speed": 1000})                 # accepted while paused
        ws.send_json({"type": "resume"})
        began = time.monotonic()
        seen = until(ws, is_status("done"))
    assert time.monotonic() - began < 8.0
    assert not [m for m in seen if is_type("error")(m)]
    assert _metrics(seen, "epoch")[-1]["step"] == 20


def _until_both(ws, kind) -> list:
    """Messages up to both the `kind` metrics and the snapshot frame of the same step (either order)."""
    seen = until(ws, lambda m: is_type("metrics")(m) and m["kind"] == kind)
    step = seen[-1]["step"]
    if not [m for m in seen if isinstance(m, tuple) and m[0]["step"] == step]:
        seen += until(ws, lambda m: isinstance(m, tuple) and m[0]["step"] == step)
    return seen


def test_a_step_from_a_fresh_connection_shows_the_stepped_network(client):
    digit = client.get("/api/digits/test/3").json()
    config = {**TINY, "snapshot_every": 50, "epochs": 2}                   # a step is shown whatever the cadence
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "step", "unit": "batch", "config": config})
        seen = _until_both(ws, "step")
        metrics = _metrics(seen)[-1]
        header, tensors = [m for m in seen if isinstance(m, tuple)][-1]
        assert metrics["step"] == header["step"] == 1 and metrics["activation_stats"]
        run_id = header["run_id"]
        answer = client.post("/api/predict", json={"pixels": digit["pixels"], "run": run_id}).json()
        hidden = 1 / (1 + np.exp(-(np.asarray(digit["pixels"]) @ tensors["W1"] + tensors["b1"])))
        assert answer["run"] == {"id": run_id, "live": True}
        assert np.allclose(answer["activations"][0], hidden, atol=1e-5)

        ws.send_json({"type": "step", "unit": "epoch"})
        seen = _until_both(ws, "epoch")
        header, tensors = [m for m in seen if isinstance(m, tuple)][-1]
        assert _metrics(seen, "epoch")[-1]["step"] == header["step"] == 20
        answer = client.post("/api/predict", json={"pixels": digit["pixels"], "run": run_id}).json()
        hidden = 1 / (1 + np.exp(-(np.asarray(digit["pixels"]) @ tensors["W1"] + tensors["b1"])))
        assert np.allclose(answer["activations"][0], hidden, atol=1e-5)
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))


def test_a_run_started_paused_is_evaluated_at_its_initial_weights_at_once(client):
    """A lesson measures the untrained network while its run waits before the first update: the
    evaluation waits for the training process to report its weights instead of answering 409."""
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "seed": 3}, "paused": True})
        run_id = until(ws, is_status("paused"))[-1]["run_id"]
        answer = client.get(f"/api/evaluation?run={run_id}")
        assert answer.status_code == 200 and answer.json()["live"] is True
        assert 0.02 <= answer.json()["accuracy"] <= 0.3, "untrained: about chance"
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))
