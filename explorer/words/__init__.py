"""Words people read: the message catalogues (whole sentences) and the Babel formats.

The floor just above core: core -> words -> scenarios ...  Nothing here computes a rule.
"""

from .catalogue import entries, has, ngettext, template, text, text_or_english
from .formats import (
    fill,
    format_date,
    format_date_weekday,
    format_money,
    format_number,
    format_percent,
    format_weekday,
)
from .phrases import phrase_text

__all__ = ["entries", "fill", "format_date", "format_date_weekday", "format_money", "format_number",
           "format_percent", "format_weekday", "has", "ngettext", "phrase_text", "template", "text",
           "text_or_english"]
