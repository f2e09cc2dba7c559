"""explorer.sensitivity: robust statuses over every reading combination, changes per alternative."""

from __future__ import annotations

import copy
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer
from explorer.core.rules.transition import STATUSES

REFORM_NAMES = [r.name for r in explorer.list_reforms()]
BASE = explorer.load_parameters()
READINGS = list(BASE.readings)
DAY0 = pd.Timestamp("2019-11-01")


def _reference(frame: pd.DataFrame, names: list[str], reforms: list[str], weight: str | None):
    """The plain loop sensitivity replaces: evaluate on every combination, row by row in sets."""
    params = BASE
    sides = [params] + [explorer.load_reform(r).apply(params) for r in reforms]
    seen = [set() for _ in range(len(frame))]
    for side in sides:
        for combo in itertools.product(*[[a.value for a in params[n].alternatives] for n in names]):
            out = explorer.evaluate(frame, side.replace(**dict(zip(names, combo, strict=True))))
            for i, s in enumerate(out["status"].astype(str)):
                seen[i].add(s)
    base = explorer.evaluate(frame, params)
    w = frame[weight].to_numpy(dtype=float) if weight else np.ones(len(frame))
    rows, depends = [], [[] for _ in range(len(frame))]
    one_at_a_time = [(n, a.value, params.replace(**{n: a.value})) for n in names
                     for a in params[n].alternatives if a.value != params.reading(n)]
    one_at_a_time += [("reform", r, explorer.load_reform(r).apply(params)) for r in reforms]
    for reading, alternative, p in one_at_a_time:
        out = explorer.evaluate(frame, p)
        row = {"reading": reading, "alternative": alternative, "total": w.sum()}
        for measure, column in (("status", "status"), ("apply_by", "apply_by"), ("fees_eur", "fees_cents"),
                                ("gap_days", "gap_days"), ("visits", "visits")):
            b, r = base[column].astype(object), out[column].astype(object)
            differ = [not ((pd.isna(x) and pd.isna(y)) or (not pd.isna(x) and not pd.isna(y) and x == y))
                      for x, y in zip(b, r, strict=True)]
            row[f"{measure} changed"] = float(np.dot(differ, w))
        for s in STATUSES:
            row[f"net {s}"] = float(w[(out["status"] == s).to_numpy()].sum()
                                    - w[(base["status"] == s).to_numpy()].sum())
        rows.append(row)
        name = alternative if reading == "reform" else reading
        for i, moved in enumerate((out["status"] != base["status"]).to_numpy()):
            if moved and name not in depends[i]:
                depends[i].append(name)
    statuses = [" / ".join(s for s in STATUSES if s in found) for found in seen]
    columns = ["reading", "alternative", "total", *[f"{m} changed" for m in
               ("status", "apply_by", "fees_eur", "gap_days", "visits")], *[f"net {s}" for s in STATUSES]]
    robust = [len(s) == 1 for s in seen]
    return pd.DataFrame(rows, columns=columns), robust, statuses, [", ".join(d) for d in depends]


days = st.integers(0, 1000)
row = st.fixed_dictionaries({
    "card_expiry": days, "application_date": days,
    "option": st.sampled_from(["a", "b"]), "expedited": st.booleans(), "delivery": st.booleans(),
    "years_resided": st.sampled_from([0, 2, 6]), "w": st.integers(0, 5),
})


@settings(max_examples=15)
@given(rows=st.lists(row, min_size=1, max_size=12),
       names=st.lists(st.sampled_from(READINGS), unique=True, max_size=3),
       reforms=st.lists(st.sampled_from(REFORM_NAMES), unique=True, max_size=2),
       weighted=st.booleans())
def test_sensitivity_equals_a_loop_of_evaluate_over_every_combination(rows, names, reforms, weighted):
    frame = pd.DataFrame(rows)
    for c in ("card_expiry", "application_date"):
        frame[c] = DAY0 + pd.to_timedelta(frame[c], unit="D")
    frame.index = [f"r{i}" for i in range(len(frame))]
    weight = "w" if weighted else None
    found = explorer.sensitivity(frame, readings=names, reforms=reforms, weight=weight)
    table, robust, statuses, depends = _reference(frame, names, reforms, weight)
    assert list(found.rows.index) == list(frame.index)
    assert found.rows["robust"].tolist() == robust
    assert found.rows["statuses"].astype(str).tolist() == statuses
    got_depends = [set(filter(None, d.split(", "))) for d in found.rows["depends_on"].astype(str)]
    assert got_depends == [set(filter(None, d.split(", "))) for d in depends]
    got = found.table
    keys = ["reading", "alternative"]
    assert got[keys].values.tolist() == table[keys].values.tolist()
    for column in table.columns[2:]:
        np.testing.assert_allclose(got[column].to_numpy(dtype=float), table[column].to_numpy(dtype=float),
                                   err_msg=column)
    assert set(got["counted"]) <= {"people" if weighted else "rows"}


def test_a_sweep_in_factored_form_equals_its_frame():
    sweep = dict(expiry=("2020-11-01", "2021-08-31"), application=("2020-11-15", "2021-07-31"), freq="D",
                 stamp_channel="post_office", stamp_lead_days=3)
    factored = explorer.sensitivity(sweep, reforms=REFORM_NAMES)
    plain = explorer.sensitivity(explorer.grid(**sweep), reforms=REFORM_NAMES)
    assert (factored.rows.reset_index(drop=True) == plain.rows.reset_index(drop=True)).all().all()
    pd.testing.assert_frame_equal(factored.table.drop(columns="counted"), plain.table.drop(columns="counted"),
                                  check_dtype=False)
    assert set(factored.table["counted"]) == {"scenarios"}
    by_factored = factored.by("QS").drop(columns="counted")
    by_plain = plain.by("QS").drop(columns="counted")
    pd.testing.assert_frame_equal(by_factored, by_plain, check_dtype=False)


@pytest.mark.parametrize("expiry, applied, statuses, reading", [
    ("2020-06-30", "2020-07-01", "choice / late_card_expired", "card_expiry_reading"),
    ("2021-06-27", "2021-06-28", "five_year_only / late_card_expired", "card_expiry_reading"),
    ("2020-12-31", "2020-12-31", "choice / five_year_only", "before_reading"),
    ("2021-08-01", "2021-06-30", "five_year_only / late_transition_deadline", "before_reading"),
])
def test_the_spec_reading_rows_depend_on_their_reading(expiry, applied, statuses, reading):
    frame = pd.DataFrame({"card_expiry": [expiry], "application_date": [applied]})
    rows = explorer.sensitivity(frame).rows
    assert not rows["robust"].iloc[0]
    assert rows["statuses"].iloc[0] == statuses
    assert rows["depends_on"].iloc[0] == reading


def test_a_row_far_from_every_boundary_is_robust():
    frame = pd.DataFrame({"card_expiry": ["2022-05-01"], "application_date": ["2020-03-02"]})
    rows = explorer.sensitivity(frame, reforms=REFORM_NAMES).rows
    assert rows["robust"].iloc[0] and rows["statuses"].iloc[0] == "five_year_only"
    assert rows["depends_on"].iloc[0] == ""


def test_a_new_reading_in_the_parameters_file_is_picked_up(raw_parameters, write_parameters):
    raw = copy.deepcopy(raw_parameters)
    new = copy.deepcopy(raw["parameters"]["stamp_refund_reading"])
    raw["parameters"]["some_new_reading"] = new
    params = explorer.load_parameters(write_parameters(raw))
    frame = pd.DataFrame({"card_expiry": ["2020-06-30"], "application_date": ["2020-06-01"]})
    found = explorer.sensitivity(frame, params=params)
    assert "some_new_reading" in set(found.table["reading"])
    assert found.combinations == 2 ** len(params.readings)


def test_by_a_population_group_adds_up_to_the_table():
    frame = pd.DataFrame({"card_expiry": ["2020-06-30", "2020-12-31", "2021-06-27", "2022-01-01"],
                          "application_date": ["2020-07-01", "2020-12-31", "2021-06-28", "2020-02-03"],
                          "region": ["east", "west", "east", "west"], "people": [10, 20, 30, 40]})
    found = explorer.sensitivity(frame, weight="people")
    grouped = found.by("region").groupby(["reading", "alternative"], sort=False).sum(numeric_only=True)
    table = found.table.set_index(["reading", "alternative"])
    np.testing.assert_allclose(grouped["status changed"], table["status changed"])
    advisory = found.by("region").set_index(["reading", "alternative", "region"])
    assert advisory.loc[("card_expiry_reading", "advisory", "east"), "status changed"] == 40
    assert "people" in found.summary("en")


def test_unknown_reading_and_bad_period_are_named():
    frame = pd.DataFrame({"card_expiry": ["2020-06-30"], "application_date": ["2020-06-01"]})
    with pytest.raises(explorer.ExplorerError, match="no_such_reading"):
        explorer.sensitivity(frame, readings=["no_such_reading"])
    with pytest.raises(explorer.ExplorerError, match="by"):
        explorer.sensitivity(frame).by("fortnightly")


def test_weighted_status_table_counts_people_as_repeated_rows():
    grid = explorer.sweep(expiry=("2020-06-01", "2021-08-01"), application=("2020-05-01", "2021-08-01"),
                          freq="MS", options=["b"], expedited=[False], delivery=[False])
    grid["people"] = np.arange(len(grid)) % 4
    weighted = explorer.status_table(grid, weight="people")
    repeated = explorer.status_table(grid.loc[grid.index.repeat(grid["people"])])
    merged = weighted.merge(repeated, on=["expiry period", "application period"], suffixes=("", "_r"))
    for s in STATUSES:
        np.testing.assert_allclose(merged[s], merged[f"{s}_r"])
    np.testing.assert_allclose(merged["people"], merged["rows"])
    assert len(weighted) == len(explorer.status_table(grid))  # cells with no people stay listed
    deadlines = explorer.deadlines_table(grid, weight="people")
    assert deadlines["people"].sum() == grid["people"].sum()


def test_relative_application_axis_applies_days_around_each_expiry():
    result = explorer.sweep("2020-06-01:2020-06-30", "expiry-30D:expiry+30D", freq="W",
                            options=["b"], expedited=[False], delivery=[False])
    offsets = (result["application_date"] - result["card_expiry"]).dt.days
    assert (offsets == result["application_days_after_expiry"]).all()
    assert sorted(set(offsets)) == list(range(-30, 31))
    late = result["application_days_after_expiry"] > 0
    assert (result.loc[late, "status"] == "late_card_expired").all()
    assert (result.loc[~late, "status"] == "choice").all()
    found = explorer.sensitivity(dict(expiry="2020-06-01:2020-06-30", application="expiry-30D:expiry+30D",
                                      freq="W", options=["b"]), readings=["card_expiry_reading"])
    assert found.rows["robust"].tolist() == np.repeat((~late).to_numpy(), 4).tolist()


@pytest.mark.parametrize("text", ["expiry+3D:expiry-3D", "expiry-3:expiry", "expiry-30D"])
def test_a_bad_relative_range_is_named(text):
    with pytest.raises(explorer.ExplorerError, match="application"):
        explorer.grid("2020-06-01:2020-06-30", text)


def test_compare_counts_people_with_a_weight_and_breaks_down_by_group():
    frame = pd.DataFrame({"card_expiry": ["2020-06-30", "2020-12-31", "2021-06-27", "2022-01-01"],
                          "application_date": ["2020-07-01", "2020-12-31", "2021-06-28", "2020-02-03"],
                          "region": ["east", "west", "east", "west"], "people": [10, 20, 30, 40]})
    base = explorer.load_parameters()
    cmp = explorer.compare(base, base.replace(card_expiry_reading="advisory"), frame=frame, weight="people")
    by = cmp.by("region").set_index("region")
    assert by.loc["east", "status changed"] == 40 and by.loc["west", "status changed"] == 0
    assert by["total"].sum() == 100
    assert "for 100 people: the status changes for 40 (40.0%)" in cmp.summary("en")
    assert cmp.status_transitions.loc[cmp.status_transitions["changed"], "people"].sum() == 40
    plain = explorer.compare(base, base.replace(card_expiry_reading="advisory"), frame=frame)
    assert "over 4 rows: the status changes in 2 (50.0%)" in plain.summary("en")
