"""Many scenarios at once: sweeps (factored), populations from files, Dask."""
