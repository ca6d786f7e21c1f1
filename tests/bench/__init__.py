"""Throughput benchmarks (`make bench`): each figure is printed beside a baseline measured
in the same run on the same machine, because absolute rates drift from run to run."""
