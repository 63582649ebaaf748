"""How training processes start: from a forkserver that has already imported the worker (and
NumPy), with one BLAS thread each. Set up once per app, in its lifespan (app/resources.py).

One BLAS thread, because several trainings and the server share the cores: BLAS threads
fighting over them made a 784-128-10 step 30× slower. `python -m app` sets the same before
NumPy loads in the server itself; here it reaches the forkserver (and so every training
process), which copies the environment when it starts, also when the app is embedded or
tested.
"""
from __future__ import annotations

import multiprocessing
import os

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def training_processes():
    """The multiprocessing context TrainingJobs start their processes from."""
    for var in BLAS_THREADS:
        os.environ.setdefault(var, "1")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["app.sessions.worker"])
    return context
