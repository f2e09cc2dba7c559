"""The rules core: parameters, calendar, input columns, the rules, the engine and its scalar twin."""
