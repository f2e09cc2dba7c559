"""The rules core: parameters, calendar, input columns, the rules and the engine (the plain one-scenario
reading the engine is held to lives with the tests, in tests/support/scalar_reading.py)."""
