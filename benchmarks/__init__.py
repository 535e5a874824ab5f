"""Benchmarks (not run by the tests): ``python -m benchmarks`` prints the reuse-detection table."""
