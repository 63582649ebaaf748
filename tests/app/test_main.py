"""`python -m app` and `make run`: flags override DOWNHILL_* variables, which override defaults."""
from __future__ import annotations


def test_flags_override_environment(monkeypatch, tmp_path):
    from app.__main__ import parse_settings
    monkeypatch.setenv("DOWNHILL_PORT", "9100")
    monkeypatch.setenv("DOWNHILL_WORKERS", "3")
    s = parse_settings(["--data-dir", str(tmp_path), "--allow-host", "lab.example"])
    assert (s.port, s.workers, s.data_dir, s.host) == (9100, 3, tmp_path, "127.0.0.1")
    assert "lab.example:9100" in s.host_names() and s.token is None
    s = parse_settings(["--port", "9200", "--host", "0.0.0.0", "--data-dir", str(tmp_path)])
    assert s.port == 9200 and s.token and f"token={s.token}" in s.url


def test_make_run_honours_the_environment(tmp_path):
    import os
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "DOWNHILL_HOST", "DOWNHILL_PORT")}

    def command(env: dict, *args) -> str:
        out = subprocess.run(["make", "-n", "run", *args], cwd=root, capture_output=True, text=True,
                             env={**clean, **env}, check=True).stdout
        return next(line for line in out.splitlines() if " -m app " in line)
    assert command({}).endswith("--host 127.0.0.1 --port 8000")
    assert command({"DOWNHILL_HOST": "0.0.0.0", "DOWNHILL_PORT": "9123"}).endswith("--host 0.0.0.0 --port 9123")
    assert command({"DOWNHILL_PORT": "9123"}, "PORT=9200").endswith("--port 9200")


def test_an_unusable_data_directory_is_one_clear_line_and_a_non_zero_exit(tmp_path):
    """A path under a file, a file in the directory's place, a damaged database: one line
    saying what and where, no traceback (issue 13, point 9)."""
    import subprocess
    import sys
    from pathlib import Path

    from server_helpers import free_port
    root = Path(__file__).resolve().parents[2]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "downhill.sqlite3").write_bytes(b"this is not a database" * 100)
    for data, words in ((blocker / "data", "Not a directory"), (blocker, "exists"),
                        (damaged, "database")):
        r = subprocess.run([sys.executable, "-m", "app", "--port", str(free_port()), "--data-dir", str(data)],
                           cwd=root, capture_output=True, text=True, timeout=60)
        lines = r.stderr.strip().splitlines()
        assert r.returncode != 0 and len(lines) == 1, r.stderr
        assert str(data) in lines[0] and words in lines[0] and "Traceback" not in r.stderr, lines
