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
