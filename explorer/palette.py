"""The status colours, declared once: the options map, the What if maps and the report use them.

Okabe & Ito's colour-blind-safe palette (bluish green, blue, vermillion, reddish purple) and a
light grey: the four statuses stay apart under protanopia, deuteranopia and tritanopia. Colour is
never the only cue: the maps' hover text and the "Map as a table" list name each status.
"""

from __future__ import annotations

STATUS_COLOURS = {
    "choice": "#009E73",
    "five_year_only": "#0072B2",
    "late_card_expired": "#D55E00",
    "late_transition_deadline": "#CC79A7",
    "out_of_scope": "#BBBBBB",
}
NO_STATUS_COLOUR = "#BBBBBB"


def status_colour(status: str) -> str:
    """The colour of a status (grey for anything unknown)."""
    return STATUS_COLOURS.get(status, NO_STATUS_COLOUR)
