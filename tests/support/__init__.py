"""Helpers the tests share (and the benchmarks reuse): the plain scalar reading, hostile YAML,
the Slovak spell check."""
