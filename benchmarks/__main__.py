"""``python -m benchmarks``: the reuse-detection benchmark (see :mod:`benchmarks.reuse_bench`)."""

import sys

from benchmarks.reuse_bench import main

sys.exit(main())
