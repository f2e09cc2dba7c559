"""The report to send: its HTML holds the view, parameters with sources, tables and one person; the
command line writes it as HTML or PDF and says clearly when it cannot."""

from __future__ import annotations

import re

import pytest

from explorer import labels
from explorer.interfaces import cli
from explorer.interfaces.report import build_report, parameter_tables
from explorer.person.timeline import evaluate_one

SWEEP = {"expiry": ("2020-06-01", "2021-05-31"), "application": ("2020-03-01", "2021-08-31"), "freq": "MS"}
PERSON = {"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a", "expedited": True}


@pytest.fixture(scope="module")
def document() -> str:
    return build_report(SWEEP, person=PERSON).to_html()


def test_the_report_holds_the_view_parameters_tables_and_person(document, params):
    body = document.split("</script></head>")[1]  # after plotly.js, embedded in the head
    text = re.sub(r"<[^>]+>", " ", body)
    for part in ("Residence card transition: scenario report", "The view", "2020-06-01 to 2021-05-31",
                 "Parameters in force", labels.label("transition_deadline"), "2021-06-30",
                 "Applying after 1 January 2021", "Options map", "Status counts",
                 "Deadlines by card expiry month", "Fees, visits and days without a card", "One person",
                 "Why, step by step"):
        assert part in text, part
    status = evaluate_one(PERSON)["status"]
    start = body.index('class="rx-report-person-outcome"')
    outcome = re.sub(r"<[^>]+>", "|", body[start:body.index("</table>", start)])
    assert f"|{labels.value_label(status, 'en')}|" in outcome  # the status's label ...
    assert f"|{status}|" not in outcome  # ... not its code
    words = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", body, flags=re.S))  # what is read
    assert "transition_deadline" not in words and "card_expiry" not in words
    assert document.count("<script") == 3  # plotly.js once, then one drawing script per chart
    assert 'src="http' not in body and 'href="http' not in body


def test_readings_get_their_own_table_with_the_value_in_force(params):
    plain, readings = parameter_tables(params.replace(card_expiry_reading="advisory"))
    assert list(readings["reading"]) == list(params.readings)
    assert readings.set_index("reading").loc["card_expiry_reading", "value in force"] == "advisory"
    assert "You should go to the Foreign Police" in readings["sentences"].iloc[0]
    assert not set(plain["parameter"]) & set(params.readings)
    assert len(plain) + len(params.readings) == len(params.table())


def test_cli_writes_an_html_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    code = cli.main(["report", "--expiry", "2020-06-01:2021-05-31", "--application", "2020-03-01:2021-08-31",
                     "--freq", "MS", "--person", "2020-11-13:2020-11-13", "--out", str(out)])
    assert code == 0 and "wrote the report of 1,728 rows" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "One person" in html and "2020-06-01 to 2021-05-31" in html


@pytest.mark.parametrize(("argv", "message"), [
    (["--out", "{tmp}/r.txt"], "unknown report format"),
    (["--out", "{tmp}/r.html", "--person", "2020-11-13"], "--person = '2020-11-13': not two dates"),
    (["--out", "{tmp}/missing/r.html"], "no such folder"),
])
def test_cli_report_bad_input_is_one_line(tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code = cli.main(["report", "--expiry", "2020-06-01:2020-07-31", "--application", "2020-06-01:2020-07-31",
                     "--freq", "MS", *argv])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and message in err and err.count("\n") == 1


def test_cli_pdf_without_chromium_says_so_before_any_work(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "r.pdf"
    code = cli.main(["report", "--expiry", "2020-06-01:2021-05-31", "--application", "2020-03-01:2021-08-31",
                     "--out", str(out)])
    assert code == cli.EXIT_BAD_INPUT and "CHROMIUM" in capsys.readouterr().err and not out.exists()


def test_cli_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "r.html"
    out.write_text("keep")
    argv = ["report", "--expiry", "2020-06-01:2020-07-31", "--application", "2020-06-01:2020-07-31",
            "--freq", "MS", "--out", str(out)]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT and out.read_text() == "keep"
    assert cli.main([*argv, "--force"]) == 0 and out.read_text() != "keep"
