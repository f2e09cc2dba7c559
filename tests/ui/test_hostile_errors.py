"""Issue 14, findings 5-8: bounded work per reader, reports only of a view that computed, and a clear
one-line error (never a traceback, never a Python form) for every hostile input listed there."""

from __future__ import annotations

import datetime as dt
import errno
import re

import numpy as np
import pandas as pd
import pytest

from explorer.errors import ExplorerError, preview
from explorer.interfaces import cli, export, report
from explorer.person.timeline import to_ics
from explorer.scenarios import factored
from explorer.scenarios.population import load_population
from explorer.ui import build_app
from explorer.ui.share import ViewNotComputed
from explorer.ui.urlstate import MAX_LINK_KEYS, decode
from explorer.ui.views.downloads import MAX_LINK_ROWS
from explorer.ui.views.whatif import MAX_COMPARE_ROWS
from explorer.words.formats import format_number

SMALL = ["--expiry", "2020-10-01:2020-10-03", "--application", "2020-10-01:2020-10-02"]
PYTHON_FORMS = re.compile(r"Timestamp\(|datetime\.date\(|\[first offending row|Traceback|NaTType")


def run(capsys, argv):
    """(exit code, stdout, stderr) of the command line."""
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def app():
    return build_app(debounce=None)


# -- finding 5: one reader cannot take gigabytes for a report -------------------------------------


def test_finding_5_the_dashboard_report_never_builds_the_grids_rows(app, monkeypatch):
    def no_rows(self):
        raise AssertionError("the report built one row per scenario")

    monkeypatch.setattr(factored.Factored, "frame", no_rows)
    app.controls.granularity.value = "week"
    app.recompute_now()
    content = app.report_content()
    document = content.to_html()
    assert content.result is None and content.rows == app.results.rows
    assert f"from {app.results.rows:,} evaluated scenarios" in document
    assert "result" not in app.results.done


def test_finding_5_the_command_line_report_never_builds_the_grids_rows(tmp_path, capsys, monkeypatch):
    def no_rows(self):
        raise AssertionError("the report built one row per scenario")

    monkeypatch.setattr(factored.Factored, "frame", no_rows)
    code, out, err = run(capsys, ["report", *SMALL, "--out", str(tmp_path / "r.html")])
    assert (code, err) == (0, "") and "wrote the report of 48 rows" in out


def test_finding_5_the_report_from_tables_equals_the_report_from_rows(params):
    spec = {"expiry": ("2020-11-01", "2021-02-28"), "application": ("2020-11-01", "2021-01-31"),
            "freq": "W-MON", "options": ("a", "b"), "expedited": (False, True), "delivery": (False, True)}
    from_tables = report.tables_of_sweep(spec, params)
    from_rows = report.tables_of_frame(report.run_sweep(params=params, **spec))
    assert from_tables.rows == from_rows.rows
    np.testing.assert_array_equal(from_tables.codes, from_rows.codes)
    for name in ("status", "deadlines", "fees"):
        pd.testing.assert_frame_equal(getattr(from_tables, name), getattr(from_rows, name), check_dtype=False)


def test_finding_5_a_new_grid_does_not_build_the_previous_grids_rows(app):
    app.controls.granularity.value = "month"
    app.recompute_now()
    previous = app.results
    app.controls.granularity.value = "week"
    app.recompute_now()
    assert previous is not app.results and "result" not in previous.done


def test_finding_5_what_if_drops_an_old_grids_comparison_when_the_grid_changes():
    from explorer.ui.tabs import MAP_TAB, WHATIF_TAB

    app = build_app(debounce=None)
    app.tabs.selected_index = WHATIF_TAB
    assert app.whatif_view.comparison is not None
    app.tabs.selected_index = MAP_TAB
    app.controls.granularity.value = "week"
    app.recompute_now()
    assert app.whatif_view.comparison is None  # its rows no longer held for a grid not shown
    app.tabs.selected_index = WHATIF_TAB
    assert app.whatif_view.comparison is not None
    assert len(app.whatif_view.comparison.rows) == app.results.rows


def test_finding_5_downloads_and_what_if_state_their_row_limits_on_the_page(app):
    assert f"{MAX_LINK_ROWS:,} rows" in app.downloads_view.intro.value
    assert f"{MAX_COMPARE_ROWS:,} rows" in app.whatif_view.limit.value
    app.set_language("sk")
    try:
        # Slovak groups digits with a (no-break) space: 50 000, not 50,000
        assert f"{format_number(MAX_LINK_ROWS, 'sk', 0)} riadkov" in app.downloads_view.intro.value
        assert f"{MAX_LINK_ROWS:,}" not in app.downloads_view.intro.value
    finally:
        app.set_language("en")


# -- finding 6: a report never contradicts its own link -------------------------------------------


def test_finding_6_no_report_of_a_view_that_did_not_compute():
    app = build_app(debounce=None)
    app.open_link("expiry_from=2021-06-01&expiry_to=2020-01-01")
    assert "ends before it starts" in app.message.value
    with pytest.raises(ViewNotComputed):
        app.report_content()
    app.share.html_report._handle(None, {"event": "build"}, [])
    assert "The report was not made: the view on the page has an error" in app.message.value
    app.open_link("")
    app.controls.expiry_end.value = dt.date(2021, 12, 31)
    app.recompute_now()
    assert app.report_content().rows == app.results.rows


def test_finding_6_every_value_of_the_reports_view_is_words(app):
    app.controls.readings.dropdowns[next(iter(app.controls.readings.dropdowns))].index = 1
    app.recompute_now()
    content = app.report_content()
    for key, value in content.view.items():
        text = report.cell_text(value)
        assert not re.search(r"[()\[\]]'|\('|^\(", text), (key, text)
    readings = content.view["Readings of the guidance"]  # the row's name in words, as the report shows it
    assert readings.startswith("Readings in force:")
    assert "The card's expiry" in readings  # the reading's label, not its code
    assert content.params is app.results.params  # the readings the view computed under
    assert report.cell_text((("a", "b"), ("c", "d"))) == "a: b; c: d"


# -- finding 7: tracebacks become one-line messages -----------------------------------------------


@pytest.mark.parametrize(("expiry", "missing"),
                         [("2020-01-01:", "last"), (":", "first"), (":2020-01-01", "first")])
def test_finding_7_a_half_empty_or_empty_range_is_one_line(tmp_path, capsys, expiry, missing):
    code, _, err = run(capsys, ["sweep", "--expiry", expiry, "--application", "2020-01-01:2020-02-01",
                                "--out", str(tmp_path / "a.csv")])
    assert code == cli.EXIT_BAD_INPUT and err.count("\n") == 1
    assert f"the {missing} day is missing" in err and "Traceback" not in err


@pytest.mark.parametrize(("flag", "character"),
                         [("--reform", "\x00"), ("--params", "\x07"), ("--reform", "\x1b")])
def test_finding_7_a_yaml_file_with_a_control_character_is_one_line_naming_the_file(tmp_path, capsys, flag,
                                                                                       character):
    path = tmp_path / "hostile.yaml"
    path.write_text(f"name: x{character}\ndescription: y\n", encoding="utf-8")
    code, _, err = run(capsys, ["sweep", *SMALL, flag, str(path), "--out", str(tmp_path / "a.csv")])
    assert code == cli.EXIT_BAD_INPUT and err.count("\n") == 1
    assert str(path) in err and f"control character U+{ord(character):04X} at line 1, column 8" in err
    assert "without control characters" in err and "yaml.reader" not in err


def test_finding_7_an_unreadable_special_file_as_reform_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, ["sweep", *SMALL, "--reform", "/proc/self/environ",
                                "--out", str(tmp_path / "a.csv")])
    assert code == cli.EXIT_BAD_INPUT and err.count("\n") == 1
    assert "/proc/self/environ" in err and "control character U+0000" in err
    assert "PATH=" not in err  # nothing of the file is echoed


# -- finding 8: messages and files ----------------------------------------------------------------


def test_finding_8_a_20000_character_link_value_is_cut_and_its_length_given():
    _, messages = decode("granularity=" + "x" * 20_000, {"granularity": _codec()}, {})
    assert len(messages) == 1 and len(messages[0]) < 400 and "20,000 characters" in messages[0]
    _, messages = decode("y" * 20_000 + "=1", {}, {})
    assert len(messages) == 1 and len(messages[0]) < 400 and "20,000 characters" in messages[0]


def _refuse(text):
    raise ValueError("never")


def _codec():
    from explorer.ui.urlstate import Codec

    return Codec(_refuse, str, "a granularity")


def test_finding_8_long_values_in_errors_are_cut_with_their_length():
    text = str(ExplorerError("field", "v" * 20_000, "short text"))
    assert len(text) < 400 and "(20,000 characters)" in text


def test_finding_8_repeated_link_keys_are_named():
    values, messages = decode("granularity=week&granularity=month", {"granularity": _choices()}, {})
    assert values == {"granularity": "month"}
    assert messages == ["Link parameter “granularity” is given 2 times: the last value is used."]


def test_finding_8_link_messages_speak_the_links_language():
    from explorer.ui.urlstate import choice

    codecs = {"lang": choice(["en", "sk"]), "granularity": _choices()}
    _, messages = decode("lang=sk&granularity=year&nope=1", codecs, {"granularity": "month"})
    assert messages == [
        "Parameter odkazu „granularity=year“ nie je jedna z hodnôt „day“, „week“, „month“: "
        "použije sa predvolená hodnota „month“.",
        "Parameter odkazu „nope“ je neznámy: ignoruje sa."]


def _choices():
    from explorer.ui.urlstate import choice

    return choice(["day", "week", "month"])


def test_finding_8_a_link_with_1200_keys_gets_one_clear_message():
    query = "&".join(f"k{i}=1" for i in range(1_200))
    values, messages = decode(query, {"k1": _choices()}, {})
    assert values == {} and messages == [
        f"This link has 1,200 parameters, more than the {MAX_LINK_KEYS} a link to this dashboard can hold: "
        "none of them was used, so the page shows the default view."]


def test_finding_8_tornado_hands_a_link_with_1200_keys_to_the_page(monkeypatch):
    from tornado import httputil

    from explorer import serving

    uri = "/?" + "&".join(f"k{i}=1" for i in range(1_200))
    monkeypatch.setattr(httputil, "_DEFAULT_PARSE_BODY_CONFIG", httputil.ParseBodyConfig())
    with pytest.raises(httputil.HTTPInputError):  # tornado's default: an empty HTTP 400
        httputil.HTTPServerRequest(start_line=httputil.RequestStartLine("GET", uri, "HTTP/1.1"),
                                     headers=httputil.HTTPHeaders({"Host": "127.0.0.1"}))
    serving.allow_many_link_keys()
    request = httputil.HTTPServerRequest(start_line=httputil.RequestStartLine("GET", uri, "HTTP/1.1"),
                                     headers=httputil.HTTPHeaders({"Host": "127.0.0.1"}))
    assert len(request.query_arguments) == 1_200


def test_finding_8_page_errors_show_dates_as_dates_and_no_row_label():
    app = build_app(debounce=None)
    app.open_link("expiry_from=0001-01-01")
    message = app.message.value
    assert "0001-01-01" in message and not PYTHON_FORMS.search(message), message
    assert preview(pd.Timestamp("2020-01-01")) == "2020-01-01" and preview(dt.date(1, 1, 1)) == "0001-01-01"
    assert preview(pd.NaT) == "no date"


def test_finding_8_write_errors_name_the_file_asked_for(tmp_path, capsys, monkeypatch):
    def disk_full(frame, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setitem(export._WRITERS, "csv", disk_full)
    out = tmp_path / "a.csv"
    code, _, err = run(capsys, ["sweep", *SMALL, "--out", str(out)])
    assert code == cli.EXIT_OS_ERROR and err == f"explorer: error: {out}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []  # no hidden temporary file left behind


def test_finding_8_an_unwritable_folder_is_found_before_the_work(tmp_path, capsys, monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("the sweep ran before the output was checked")

    monkeypatch.setattr(cli, "sweep", no_work)
    monkeypatch.setattr(report, "tables_of_sweep", no_work)
    for command in ("sweep", "report"):
        out = f"/proc/a.{'csv' if command == 'sweep' else 'html'}"
        code, _, err = run(capsys, [command, *SMALL, "--out", out])
        assert code == cli.EXIT_BAD_INPUT and out in err and "cannot write in '/proc'" in err


def test_finding_8_an_out_ending_in_a_slash_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        cli.main(["sweep", *SMALL, "--out", "dir.csv/"])
    _, err = capsys.readouterr()
    assert info.value.code == 2 and "dir.csv/ ends in a slash, so it names a folder" in err
    assert list(tmp_path.iterdir()) == []


def test_finding_8_a_nul_in_a_population_cell_is_shown_visibly(tmp_path, params):
    path = tmp_path / "holders.csv"
    path.write_bytes(b"card_expiry,application_date\n2021-03-1\x000,2020-12-23\n2021-03-10,2020-12-2\x1b[8m3\n")
    bad = load_population(path, params).bad
    assert bad["value"].tolist() == ["2021-03-1\\x000", "2020-12-2\\x1b[8m3"]


def test_finding_8_to_ics_escapes_bare_cr_nul_and_esc():
    dates = pd.DataFrame({"date": [dt.date(2021, 6, 30)], "event": ["Apply\rby\x00now\x1b[2J"],
                          "detail": ["x\r\ny"]})
    calendar = to_ics(dates, title="T\x1b]0;owned\x07")
    lines = calendar.split("\r\n")
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", calendar.replace("\r\n", ""))
    unfolded = calendar.replace("\r\n ", "")
    assert "SUMMARY:T\\\\x1b]0\\;owned\\\\x07: Apply\\nby\\\\x00now\\\\x1b[2J" in unfolded


def test_finding_8_a_reforms_name_and_description_print_with_control_characters_escaped(tmp_path, capsys,
                                                                                        monkeypatch):
    from explorer.whatif import reforms

    (tmp_path / "evil.yaml").write_text('name: "evil\\e[2J\\e]0;title\\a"\n'
                                        'description: "clears\\rthe screen\\e[31m"\n'
                                        "changes:\n  transition_deadline: 2021-12-31\n", encoding="utf-8")
    monkeypatch.setattr(reforms, "REFORMS_DIR", tmp_path)
    code, out, _ = run(capsys, ["reforms"])
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "evil\\x1b[2J\\x1b]0;title\\x07" in out and "clears the screen\\x1b[31m" in out


def test_finding_8_error_messages_print_control_characters_escaped(tmp_path, capsys):
    out = tmp_path / "a\x1b[2J.txt"
    code, _, err = run(capsys, ["sweep", *SMALL, "--out", str(out)])
    assert code == cli.EXIT_BAD_INPUT and "\x1b" not in err and "a\\x1b[2J.txt" in err
