"""Benchmarks: quality (labelled cases, side by side with nomenklatura), speed, screening, load."""
