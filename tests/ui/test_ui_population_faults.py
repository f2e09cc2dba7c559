"""The Population tab after failures: no stale summary, no promise of a missing download."""

from __future__ import annotations

import pytest

from explorer import labels
from explorer.ui.app import build_app
from explorer.ui.views import population as population_view

GOOD = "card_expiry,application_date\n2021-03-10,2020-12-23\n2021-05-20,2021-05-03\n"


@pytest.fixture
def app(params):
    return build_app(params, debounce=None)


def upload(view, name: str, data: bytes) -> None:
    """Deliver one file as the browser's upload widget does: a message with the file's bytes."""
    view.upload._receive(view.upload, {"event": "file", "name": name, "size": len(data)}, [memoryview(data)])


def test_a_failed_upload_clears_the_previous_files_summary(app):
    view = app.population_view
    upload(view, "first.csv", GOOD.encode())
    assert "first.csv: 2 rows read" in view.summary.value and view.downloads.value
    upload(view, "second.csv", b"id,card_expiry\nh1,2020-11-15\n")
    assert "missing required column" in app.message.value
    assert view.summary.value == "" and view.bad.value == "" and view.downloads.value == ""
    assert view.results.children == () and view.load is None


def test_no_valid_rows_says_so_and_offers_only_the_problems(app):
    view = app.population_view
    upload(view, "bad.csv", b"card_expiry,application_date\n2021-02-30,2020-12-23\nsoon,2020-12-23\n")
    assert "0 valid" in view.summary.value and app.message.value == ""
    assert "No valid rows" in view.results.children[0].value
    assert 'download="population-problems.csv"' in view.downloads.value
    assert "The problems as an Excel workbook" in view.downloads.value
    assert "late_by_reason.csv" not in view.downloads.value


def test_a_problems_file_too_big_for_the_browser_is_named_not_dropped(app, monkeypatch):
    monkeypatch.setattr(population_view, "MAX_LINK_BYTES", 50)
    view = app.population_view
    rows = "".join(f"2021-02-30,2020-12-{d:02d}\n" for d in range(1, 29))
    upload(view, "many.csv", ("card_expiry,application_date\n" + GOOD.split("\n", 1)[1] + rows).encode())
    assert "too big for a browser download" in view.downloads.value
    assert "--bad-out problems.csv" in view.downloads.value
    assert "28 lines" in view.downloads.value
    assert "Downloads says where to get them all" not in view.bad.value  # only 28 problems: all shown
    assert view.bad.value.count("<tr>") == 28 + 1  # every problem listed, under a header row


@pytest.mark.parametrize(("box", "value", "words"), [
    ("stamp_lead_days", 4294967296, ("4294967296", "above 3,650")),
    ("years_resided", 1e9, ("above 150",)),
])
def test_out_of_range_sidebar_numbers_are_a_message_not_a_wrong_result(app, box, value, words):
    before = app.results
    getattr(app.controls, box).value = value
    app.recompute_now()
    for word in words:
        assert word in app.message.value
    assert labels.label(box) in app.message.value and box not in app.message.value  # a label, not a code
    assert app.results is before  # the views keep their last results
