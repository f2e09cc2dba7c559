"""Tests of explorer/tables/: summaries, aggregates, analysis."""
