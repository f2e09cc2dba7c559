"""Tests of explorer/interfaces/: the command line, exports, reports."""
