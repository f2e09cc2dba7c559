"""The Readings and reforms compared tab in Chromium: every alternative and reform at once as
explorer.sensitivity finds them, the robustness map with hover text naming the readings, its table,
a link that opens the tab with its own settings, and Slovak."""

from __future__ import annotations

import explorer
from explorer import labels
from explorer.ui.model import default_settings
from tests.browser.driver import choose, control, open_dashboard, open_tab, read_table, wait_for

RECT = ".rx-robust-map rect.rx-robust-{kind}"


def found() -> explorer.Sensitivity:
    params = explorer.load_parameters()
    return explorer.sensitivity(default_settings(params).sweep_kwargs(), reforms=explorer.list_reforms(),
                                params=params)


def test_every_alternative_and_the_robustness_map_match_sensitivity(page, voila_url, screenshot):
    open_dashboard(page, voila_url)
    open_tab(page, labels.ui_text("tab.readings_compared"))
    expected = found()
    headline = expected.summary("en").splitlines()[0]
    blocks = expected.blocks()

    def drawn() -> bool:
        """Headline, alternatives table, robustness map and table all there: the view writes them one
        after another, and a person reads them once the last has arrived."""
        return (headline in control(page, "rx-sensitivity-headline").inner_text()
                and len(read_table(page, "rx-sensitivity-alternatives")["rows"]) == len(expected.table)
                and page.locator(".rx-robust-map rect").count() == blocks["robust"].size
                and page.locator(".rx-robust-table table").count() > 0)

    wait_for(drawn, what="the sensitivity headline, alternatives, robustness map and table")
    shown = read_table(page, "rx-sensitivity-alternatives")
    status_column = shown["columns"].index(labels.ui_text("sensitivity.col.status"))
    assert [int(r[status_column].replace(",", "")) for r in shown["rows"]] == \
        expected.table["status changed"].astype(int).tolist()
    assert page.locator(RECT.format(kind="robust")).count() == int(blocks["robust"].sum())
    hover = page.locator(RECT.format(kind="depends") + " title").first.text_content()
    assert labels.header("card_expiry_reading", "en") in hover
    robust = read_table(page, "rx-robust-table")
    assert robust["columns"][:3] == [labels.ui_text(f"sensitivity.col.{c}") for c in
                                     ("expiry_period", "total", "robust")]
    screenshot("readings-and-reforms")


def test_a_link_opens_the_tab_by_quarter_and_it_speaks_slovak(page, voila_url):
    open_dashboard(page, voila_url + "?tab=readings_compared&readings_period=QS")
    table = wait_for(lambda: read_table(page, "rx-robust-table"), what="the robust table")
    periods = [row[0] for row in table["rows"]]
    assert periods and all(p[5:7] in ("01", "04", "07", "10") for p in periods)
    assert len(periods) == len(found().robust_by("QS"))
    choose(page, "rx-language", "Slovensky")
    wait_for(lambda: labels.ui_text("sensitivity.heading", "sk") in control(page, "rx-sensitivity-intro")
             .inner_text(), what="the Slovak heading")
    wait_for(lambda: labels.ui_text("sensitivity.col.robust", "sk") in
             read_table(page, "rx-robust-table")["columns"], what="Slovak headers")
