"""Settings for the whole test run, applied before anything imports NumPy."""
import os

# One BLAS thread, as the server's training processes use: the tests share two cores with
# other work, and BLAS threads spinning against each other made a 784-100×5-10 epoch ten
# times slower in CPU time (23 s instead of 2 s).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
