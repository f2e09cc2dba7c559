"""The What-if tab's processing-time editors: a bad number of days is quoted in the page's words,
its count's plural form and the language's number format ("-1 day", "-1 deň", "4 000 dní"), never as
the parameters file writes a duration ("-1 days", "2 working_days")."""

from __future__ import annotations

import html
import re

import pytest

from explorer import labels, words
from explorer.core.engine import default_parameters
from explorer.core.limits import DURATIONS
from explorer.ui import build_app
from explorer.ui.tabs import WHATIF_TAB

FILE_FORM = re.compile(r"-?\d+ (days|working_days|years)\b")


def _shown(widget_html: str) -> str:
    """The words a person reads in a message widget (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget_html)).strip()


@pytest.fixture
def app():
    built = build_app(default_parameters(), debounce=None)
    built.tabs.selected_index = WHATIF_TAB
    return built


def test_a_negative_day_count_is_one_day_in_english_not_minus_one_days(app):
    app.whatif_view.editors["standard_processing"].widget.value = -1
    shown = _shown(app.message.value)
    assert shown == (f"{labels.label('standard_processing', 'en')} = -1 day: negative duration "
                     "(allowed: a whole number of days from 0 to 3,650)"), shown
    assert "-1 days" not in shown and not FILE_FORM.search(shown)


def test_a_negative_day_count_is_said_in_slovak_words_on_a_slovak_page(app):
    app.set_language("sk")
    app.whatif_view.editors["standard_processing"].widget.value = -1
    shown = _shown(app.message.value)
    assert shown == (f"{labels.label('standard_processing', 'sk')} = -1 deň: záporná dĺžka "
                     "(povolené: celý počet dní od 0 do 3\u00a0650)"), shown
    assert "days" not in shown and "reform" not in shown


def test_a_too_long_duration_takes_the_plural_and_number_format_of_the_language(app):
    editor = app.whatif_view.editors["expedited_processing"]
    over = int(DURATIONS["working_days"].high) + 1500
    editor.widget.value = over
    english = _shown(app.message.value)
    assert f"= {over:,} working days: out of range" in english, english
    assert "working_days" not in english
    app.set_language("sk")
    slovak = _shown(app.message.value)
    count = words.ngettext("parameter.duration.working_days", over, "sk")
    assert count == f"{over // 1000}\u00a0{over % 1000:03d} pracovných dní"
    assert f"= {count}: {words.text('error.problem.out_of_range', 'sk')}" in slovak, slovak
    assert "working" not in slovak


@pytest.mark.parametrize(("n", "slovak"),
                         [(1, "1 pracovný deň"), (3, "3 pracovné dni"), (7, "7 pracovných dní")])
def test_working_day_counts_take_the_three_slovak_plural_forms(n, slovak):
    assert words.ngettext("parameter.duration.working_days", n, "sk") == slovak


def test_an_accepted_edit_still_changes_the_comparison(app):
    view = app.whatif_view
    view.editors["standard_processing"].widget.value = 20
    assert app.message.value == ""
    assert dict(view.reform.changes)["standard_processing"].amount == 20
    shifts = view.comparison.date_shifts.set_index("output")
    assert shifts.loc["first_issued_by", "min shift (days)"] == -10


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_an_edited_fee_error_names_the_box_not_the_reform_built_from_it(app, lang):
    app.set_language(lang)
    app.whatif_view.editors["fee_expedited"].widget.value = "-5"
    shown = _shown(app.message.value)
    assert shown.startswith(f"{labels.label('fee_expedited', lang)} = "), shown
    assert "reform" not in shown and "custom" not in shown and "Decimal(" not in shown


def test_an_edited_reform_is_described_in_each_languages_words_not_codes():
    from explorer.core.durations import Duration
    from explorer.whatif.edits import build_reform

    reform = build_reform(None, {"standard_processing": Duration(20, "days"), "fee_expedited": "30",
                                 "expedited_processing": Duration(3, "working_days")})
    english, slovak = reform.describe("en"), reform.describe("sk")
    assert english == (f"Edited: {labels.label('standard_processing', 'en')}: 20 days; "
                       f"{labels.label('fee_expedited', 'en')}: €30.00; "
                       f"{labels.label('expedited_processing', 'en')}: 3 working days.")
    assert slovak == (f"Upravené: {labels.label('standard_processing', 'sk')}: 20 dní; "
                      f"{labels.label('fee_expedited', 'sk')}: 30,00\u00a0€; "
                      f"{labels.label('expedited_processing', 'sk')}: 3 pracovné dni.")
    for text in (english, slovak):
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no code such as working_days


def test_the_slovak_dashboard_report_names_the_edited_reform_in_slovak(app):
    app.whatif_view.editors["standard_processing"].widget.value = 20
    app.set_language("sk")
    view = app.report_content().view
    shown = view[words.text("report.view.whatif", "sk")]
    assert shown.startswith(f"{words.text('whatif.custom', 'sk')}: Upravené: "), shown
    assert "20 dní" in shown and "custom" not in shown and "days" not in shown
