"""The What if and Population tabs in Chromium: a parameter edit changes the difference table as
explorer.compare says, and an uploaded file's bad row is reported while the good rows are used."""

from __future__ import annotations

import explorer
from explorer import labels
from explorer.ui.model import default_settings
from explorer.ui.views.population import CHARTS
from explorer.ui.views.whatif import shown_deltas
from tests.browser.driver import control, open_dashboard, open_tab, page_text, read_table, wait_for

FEES_DIFFERENCE = labels.header("fees difference (EUR)", "en")  # the page shows labels
HOLDERS_CSV = (
    "id,card_expiry,application_date,option,expedited\n"
    "h1,2020-11-15,2020-10-01,b,false\n"
    "h2,2020-11-13,2020-11-13,a,true\n"
    "h3,2021-02-30,2021-01-10,b,false\n"  # 30 February: not a date
    "h4,2021-03-10,2020-12-23,b,true\n"
)


def total_fees_difference(page) -> str:
    """The 'all' row's fees difference as the deltas table shows it."""
    table = read_table(page, "rx-whatif-deltas")
    column = table["columns"].index(FEES_DIFFERENCE)
    return table["rows"][-1][column]


def test_editing_the_expedited_fee_changes_the_difference_table(page, voila_url, screenshot):
    open_dashboard(page, voila_url)
    open_tab(page, "What if")
    assert wait_for(lambda: total_fees_difference(page), what="the deltas table") == "€0.00"

    box = control(page, "rx-param-fee_expedited").locator("input")
    box.fill("0")
    box.press("Enter")
    params = explorer.load_parameters()
    expected = labels.labelled(shown_deltas(explorer.compare(params, params.replace(fee_expedited="0.00"),
                                                             sweep=default_settings(params).sweep_kwargs()).deltas),
                               "en")
    want = expected[FEES_DIFFERENCE].iloc[-1]
    assert want.startswith("-")
    wait_for(lambda: total_fees_difference(page) == want, what=f"the fees difference to become {want}")
    table = read_table(page, "rx-whatif-deltas")
    assert table["columns"] == list(expected.columns)
    assert table["rows"] == expected.to_numpy().tolist()
    assert control(page, "rx-whatif-deltas").locator("td.rx-diff").count() > 0
    # both status maps are drawn with their cells (figures made after the page loaded are not blank)
    titles = page.locator(".rx-whatif-maps .gtitle")
    wait_for(lambda: [t.text_content() for t in titles.all()] == ["Baseline", "Reform: custom"],
             what="the maps of the edited reform")
    wait_for(lambda: page.locator(".rx-whatif-maps .hm image").count() == 2, what="two status maps")
    control(page, "rx-whatif-maps").scroll_into_view_if_needed()
    screenshot("whatif")

    box.fill("-5")
    box.press("Enter")
    message = wait_for(lambda: page.locator(".rx-message").inner_text().strip(), what="a message")
    assert labels.label("fee_expedited") in message and "negative" in message
    assert "fee_expedited" not in message  # the parameter's label, not its code
    assert total_fees_difference(page) == want  # the previous results stay
    assert "Traceback" not in page_text(page)


def test_uploading_a_file_reports_its_bad_row(page, voila_url, tmp_path, screenshot):
    path = tmp_path / "holders.csv"
    path.write_text(HOLDERS_CSV, encoding="utf-8")
    load = explorer.load_population(path)
    open_dashboard(page, voila_url)
    open_tab(page, "Population")
    control(page, "rx-population-upload").locator("input[type=file]").set_input_files(str(path))
    bad = control(page, "rx-population-bad")
    wait_for(lambda: "not a date" in bad.inner_text(), what="the bad row to be reported")
    rows = read_table(page, "rx-population-bad")
    assert rows["columns"] == [labels.header(c, "en") for c in ("row", "column", "value", "reason")]
    reason = load.bad["reason"].iloc[0]
    assert rows["rows"] == [["3", labels.label("card_expiry", "en"), "2021-02-30", reason]]
    summary = control(page, "rx-population-summary").inner_text()
    assert "4 rows read, 3 valid, 1 with problems" in summary
    wait_for(lambda: control(page, "rx-population-download").locator("a[download]").count() > 0,
             what="the download links")
    late = read_table(page, "rx-population-late-by-reason-baseline")
    people = late["columns"].index(labels.header("people", "en"))
    assert sum(float(r[people]) for r in late["rows"]) == len(load.good)
    drawn = page.locator(".rx-population-aggregates .js-plotly-plot").filter(
        has=page.locator(".barlayer .trace"))
    # every aggregate's chart (the renewal wave made them five), each with its bars
    wait_for(lambda: drawn.count() == len(CHARTS),
             what=lambda: f"the {len(CHARTS)} aggregate charts, each with its bars (drawn: {drawn.count()})")
    control(page, "rx-population-aggregates").scroll_into_view_if_needed()
    screenshot("population")
    assert "Traceback" not in page_text(page)
