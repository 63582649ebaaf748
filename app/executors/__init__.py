"""Where trainings run: one seam, two executors.

An **executor** starts trainings and hands back an **execution** per run:

    execution = executor.open(run_id, live)    # nothing runs yet; its command channel exists
    execution.commands.send((command, value))  # pause, resume, step, set_lr, set_speed, stop
    execution.start(spec)                      # spec: config, paused, speed, live, max_snapshot_rate
                                               # (live: a run someone watches; else a sweep's cell)
    execution.events(timeout)                  # the events that arrived (app/sessions/worker.py),
                                               # [] after `timeout` s; ExecutionLost if it died
    execution.kill()                           # now, whatever it is doing
    execution.close()                          # let go of everything (after the end, or a kill)

`executor.slots` is how many trainings run at once (the job pool's workers),
`executor.share_mnist(mnist)` makes the digits reachable by every training once,
`executor.describe()` says what it is for /api/health, and `executor.close()` ends it.

- `local` (the default): a forkserver process per run on this machine, pipes both ways.
- `ray` (DOWNHILL_RAY_ADDRESS set): live runs as Ray actors, sweep cells as Ray tasks, on this
  machine (`local`) or a cluster (`auto`, `host:port`). Ray is imported only then.
"""
from __future__ import annotations


class ExecutionLost(RuntimeError):
    """The training's process or actor went away without saying how its run ended."""


def create(settings):
    """The executor the settings ask for (Ray when `settings.ray_address` is set)."""
    if not settings.ray_address:
        from .local import LocalExecutor
        return LocalExecutor(settings)
    try:
        import ray  # noqa: F401
    except ImportError:
        raise RuntimeError("DOWNHILL_RAY_ADDRESS is set but Ray is not installed: "
                           "pip install 'downhill[ray]' (or unset DOWNHILL_RAY_ADDRESS)") from None
    from .ray_executor import RayExecutor
    return RayExecutor(settings)
