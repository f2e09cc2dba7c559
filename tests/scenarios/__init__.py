"""Tests of explorer/scenarios/: sweeps, populations, Dask."""
