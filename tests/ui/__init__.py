"""Tests of explorer/ui/: the dashboard driven from Python, without a browser."""
