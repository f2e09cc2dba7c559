"""Tests of explorer/person/: one person's explanation, timeline and paperwork."""
