"""Tests of explorer/core/: the rules core (parameters, calendar, engine, trace, rules/)."""
