"""Sharing the current view: the 'Link to this view' field and the report downloads (HTML and PDF)."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import ipywidgets as widgets

from ..interfaces.pdf import html_to_pdf
from ..interfaces.report import ReportContent
from ..labels import label, ui_text, value_label
from ..whatif.readings_table import readings_line
from .controls import choice_label
from .errors import message_for, without_frames
from .filedownload import FileDownload
from .link import ViewLink
from .tags import tagged
from .urlstate import Said, ViewState

REPORT_NAME = "residence-report"
SETTING_WORDS = {"expiry_start": "report.setting.expiry_start", "expiry_end": "report.setting.expiry_end",
                 "application_start": "report.setting.application_start",
                 "application_end": "report.setting.application_end",
                 "granularity": "report.setting.granularity", "readings": "section.readings"}
"""Catalogue key of the name of each setting that is no declared input (English and Slovak)."""
SETTING_CODES = {"path": "option"}
"""A setting named by the declared label of another code (data/outputs.yaml); every other setting is
named by the label of its own code (expedited, delivery, stamp_channel ...)."""


class ViewNotComputed(Exception):
    """The view on the page did not compute (its message is shown): no report of it is made."""


class SharePage(Protocol):
    """What the share bar needs of its page: the language, the message line, the report of the view."""

    lang: str

    def show_message(self, text: str, source: str = ..., again: Callable[[str], str] | None = ...) -> None:
        """Say `text` in the page's message line (`again` says it in another language)."""

    def clear_message(self, source: str = ...) -> None:
        """Clear the message line if `source` put it there."""

    def release_memory(self) -> bool:
        """Give memory freed by a big job back to the system."""

    def report_content(self) -> ReportContent:
        """The report of the view on the page (ViewNotComputed when that view has an error)."""


class ShareBar:
    """The link field (kept equal to the view's state), its messages, and the two report buttons."""

    def __init__(self, app: SharePage, state: ViewState) -> None:
        """`state`: every field of the page's link, registered; its defaults are the page's now."""
        self.app = app
        self.state = state
        self.state.freeze_defaults()
        self.link = ViewLink()
        self.link.layout.flex = "1 1 auto"
        self.messages = tagged(widgets.HTML(), "rx-link-messages")
        self.html_report = tagged(FileDownload("Download report (HTML)", self.html_file,
                                               on_error=self.report_failed), "rx-report-html")
        self.pdf_report = tagged(FileDownload("PDF", self.pdf_file, on_error=self.report_failed),
                                 "rx-report-pdf")
        self.widget = tagged(widgets.VBox([
            widgets.HBox([self.link, self.html_report, self.pdf_report],
                         layout=widgets.Layout(align_items="center", width="100%")),
            self.messages,
        ]), "rx-share")
        self._held = 0
        self._said: list[Said] = []  # the link's messages, kept to be said in the page's language
        self.state.observe(self.update)
        self.update()

    def set_language(self, lang: str) -> None:
        """The link's label, the copy button and the report buttons in `lang`."""
        self.link.label_text = ui_text("share.link", lang)
        self.link.copy_text = ui_text("share.copy", lang)
        self.html_report.label = ui_text("share.report_html", lang)
        self.pdf_report.label = ui_text("share.report_pdf", lang)
        self._show_said(lang)

    def update(self) -> None:
        """Put the current state in the link (and so in the page's URL), unless an action holds it."""
        if not self._held:
            self.link.query = self.state.query()

    @contextmanager
    def held(self) -> Iterator[None]:
        """One action, one link: changes made inside leave the link alone, and it is written once at
        the end (never a link half-way through a pick: the new days without the One person tab)."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            self.update()

    def show_messages(self, lines: Sequence[str | Said]) -> None:
        """One line per problem found in the link that opened the page (none: nothing shown), in the
        page's language; each kept as what says it (not its text), so a language switch says it again."""
        self._said = [line if callable(line) else functools.partial(_as_given, line) for line in lines]
        self._show_said(self.app.lang)

    def _show_said(self, lang: str) -> None:
        self.messages.value = "".join(
            f'<div class="rx-link-message" style="color:#8a4b00">{html.escape(said(lang))}</div>'
            for said in self._said)

    def report_failed(self, exc: BaseException) -> None:
        """A report could not be made: say why in the dashboard's message line."""
        if isinstance(exc, ViewNotComputed):
            self.app.show_message(ui_text("report.view_error", self.app.lang), source="report",
                                  again=lambda lang: ui_text("report.view_error", lang))
            return
        exc = without_frames(exc)

        def said(lang: str) -> str:
            return ui_text("share.report_failed", lang, reason=message_for(exc, lang))

        self.app.show_message(said(self.app.lang), source="report", again=said)

    def html_file(self) -> tuple[str, str, bytes]:
        """The report as an HTML file (name, type, bytes)."""
        payload = self.app.report_content().to_html().encode("utf-8")
        self.app.clear_message("report")
        self.app.release_memory()  # the report's working memory goes back to the system
        return f"{REPORT_NAME}.html", "text/html", payload

    def pdf_file(self) -> tuple[str, str, bytes]:
        """The report printed to PDF by headless Chromium (name, type, bytes)."""
        payload = html_to_pdf(self.app.report_content().to_html())
        self.app.clear_message("report")
        self.app.release_memory()
        return f"{REPORT_NAME}.pdf", "application/pdf", payload



def _as_given(text: str, _lang: str) -> str:
    """A message handed over as text: it reads the same in every language."""
    return text


def setting_name(key: str, lang: str) -> str:
    """The name a person reads for one of the view's settings in the report, in `lang` ("en"/"sk"):
    its catalogue entry or its declared label, never its code."""
    if key in SETTING_WORDS:
        return ui_text(SETTING_WORDS[key], lang)
    return label(SETTING_CODES.get(key, key), lang)


def setting_value(value: Any, lang: str) -> Any:
    """A setting's chosen value in words of `lang`: a grid step, "both" and yes/no as the sidebar
    writes them, a path or a stamp channel by its label; days, numbers and flags as they are (the
    report writes them in the language's formats)."""
    if not isinstance(value, str):
        return value
    shown = choice_label(value, lang)
    return value_label(value, lang) if shown == value else shown


def view_rows(settings: dict, params: Any, lang: str) -> dict:
    """The view's settings as the report's rows, all in words of `lang`: each setting's name from
    the catalogue or its declared label, chosen values by their labels, the readings as the line of
    those in force (never a raw tuple or a code)."""
    rows = {}
    for key, value in settings.items():
        name = setting_name(key, lang)
        rows[name] = readings_line(params, lang) if key == "readings" else setting_value(value, lang)
    return rows
