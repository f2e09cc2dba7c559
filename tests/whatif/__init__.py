"""Tests of explorer/whatif/: reforms, edits, compare, sensitivity."""
