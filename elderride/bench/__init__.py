"""Benchmarks that measure elderride beside a baseline run in the same process and moment."""
