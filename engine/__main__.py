"""`python -m engine`: train, gradient-check and inspect networks from the shell."""
import sys

from .cli import main

sys.exit(main())
