"""Large frames are evaluated in chunks; the result must not depend on the chunk size."""

import pandas as pd
import pytest

import explorer
from explorer.core import engine


def test_chunked_evaluation_equals_one_pass(monkeypatch):
    frame = explorer.grid(("2020-10-01", "2021-01-31"), ("2020-09-01", "2021-07-15"), freq="W",
                          stamp_channel="post_office", stamp_lead_days=3)
    whole = explorer.evaluate(frame)
    monkeypatch.setattr(engine, "CHUNK_ROWS", 97)
    chunked = explorer.evaluate(frame)
    assert len(frame) > 10 * 97
    pd.testing.assert_frame_equal(chunked, whole)


def test_bad_second_application_in_a_later_chunk_names_its_own_row(monkeypatch):
    monkeypatch.setattr(engine, "CHUNK_ROWS", 2)
    frame = pd.DataFrame({
        "card_expiry": ["2020-11-15"] * 5,
        "application_date": ["2020-10-01"] * 5,
        "option": ["a"] * 5,
        "second_application_date": ["2021-06-01"] * 4 + ["2020-09-30"],
    }, index=[f"p{i}" for i in range(5)])
    with pytest.raises(explorer.ExplorerError) as err:
        explorer.evaluate(frame)
    assert err.value.row == "p4"
    assert "second_application_date" in str(err.value) and "2020-09-30" in str(err.value)
