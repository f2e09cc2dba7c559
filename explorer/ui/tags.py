"""Give a widget the CSS class the browser tests and styles find it by."""

from __future__ import annotations

from typing import TypeVar

import ipywidgets as widgets

W = TypeVar("W", bound=widgets.DOMWidget)


def tagged(widget: W, css_class: str) -> W:
    """The widget itself, with `css_class` added."""
    widget.add_class(css_class)
    return widget
