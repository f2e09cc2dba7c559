"""The project's tests, a package that mirrors explorer/ (imported as `tests.<folder>.<module>`).

Where a test file lives: beside the code it mainly tests, as its imports show. A test of
explorer/<part>/ is in tests/<part>/ (core with its rules, words, scenarios, tables, whatif, person,
interfaces, ui); a test of a module at the top of explorer/ (labels.py, serving.py) is at the top
of tests/; tests of the project as a whole (the wheel, environment.yml, the import graph, the
notebooks, deploy/) are in tests/project/. tests/browser/ drives the served dashboard in Chromium
(everything under it is marked `browser`), tests/cases/ holds the spec's worked rows as YAML,
tests/support/ the helpers tests share, and tests/paths.py where the repository's files are.
"""
