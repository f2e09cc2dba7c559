"""The dashboard's tabs, in their order: one key per tab (the link's `tab=` value and the catalogue's
tab.<key> title). The Dashboard and the link fields both read them here."""

from __future__ import annotations

TAB_KEYS = ("map", "deadlines", "fees", "person", "downloads", "whatif", "population", "readings_compared")
"""Every tab's key, in the order the tabs are shown."""
MAP_TAB, DEADLINES_TAB, FEES_TAB, PERSON_TAB, DOWNLOADS_TAB, WHATIF_TAB, POPULATION_TAB, READINGS_TAB = (
    range(len(TAB_KEYS)))
"""Each tab's position, named after its key."""
