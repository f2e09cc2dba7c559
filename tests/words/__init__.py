"""Tests of explorer/words/: the catalogues, their phrases and formats."""
