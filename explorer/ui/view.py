"""What the Dashboard asks of each view on its tabs: the View protocol.

The Dashboard holds its views in a list, tab by tab, and calls the same methods on each; a view
does what its tab needs and ignores the rest (the defaults here do nothing).  No branch of the
Dashboard names a tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Results
    from .urlstate import ViewState


class View:
    """A part of the page on one tab."""

    slow_to_open = False
    """Whether opening its tab can take a second or more (the page then shows the busy indicator)."""

    def set_language(self, lang: str) -> None:
        """Every text of the view in `lang` ("en" or "sk")."""

    def grid_changed(self, results: Results, showing: bool) -> None:
        """The sidebar's grid was computed again; `showing`: the view's tab is the open one."""

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """A tab was opened: the view's own (`showing`) or another; `results`: the current grid
        (None before the first)."""

    def sync_state(self) -> None:
        """Put the view's figures' current data in their synced state (a page drawn now shows it)."""

    def register(self, state: ViewState) -> None:
        """Register the view's own fields of the page's link on `state`."""
