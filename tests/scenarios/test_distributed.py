"""The engine on Dask (local scheduler and an in-test LocalCluster) equals pandas on the same rows."""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import explorer
from explorer import ExplorerError
from explorer.scenarios.distributed import evaluate_dask, population_dask, synthetic_dask
from explorer.scenarios.population import load_population, synthetic_chunks
from explorer.scenarios.progress import active_client, compute
from explorer.tables import aggregates as agg
from explorer.tables.distributed import aggregate_dask
from tests.paths import DATA

SAMPLE = DATA / "populations" / "sample.csv"


@pytest.fixture(scope="module")
def params():
    return explorer.load_parameters()


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as c:
        yield c


@pytest.fixture
def client(cluster):
    with Client(cluster) as c:
        yield c


def _assert_tables_equal(got: dict, expected: dict) -> None:
    assert set(got) == set(expected)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], check_exact=False, rtol=1e-12)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as objects with None for missing (Dask stores text as Arrow strings)."""
    return frame.astype(object).where(frame.notna(), None)


def _pandas_aggregates(n: int, partition_rows: int, seed: int, params) -> dict:
    frame = pd.concat(list(synthetic_chunks(n, chunk_rows=partition_rows, seed=seed)))
    return agg.all_aggregates(explorer.evaluate(frame, params), params)


def test_synthetic_dask_partitions_equal_the_pandas_chunks():
    ddf = synthetic_dask(2_500, partition_rows=1_000, seed=5)
    assert ddf.npartitions == 3
    expected = pd.concat(list(synthetic_chunks(2_500, chunk_rows=1_000, seed=5)))
    pd.testing.assert_frame_equal(ddf.compute(), expected)


def test_evaluate_dask_equals_evaluate_on_the_same_rows(params):
    frame = explorer.grid(("2020-10-01", "2021-07-31"), ("2020-09-01", "2021-07-31"), freq="9D")
    ddf = dd.from_pandas(frame, npartitions=4)
    lazy = evaluate_dask(ddf, params)
    assert list(lazy.columns) == list(explorer.evaluate(frame.head(0), params).columns)
    pd.testing.assert_frame_equal(lazy.compute(), explorer.evaluate(frame, params))


def test_aggregate_dask_on_the_local_scheduler_equals_pandas(params, capsys):
    assert active_client() is None
    got = aggregate_dask(synthetic_dask(9_000, partition_rows=2_000, seed=2), params, progress=True)
    _assert_tables_equal(got, _pandas_aggregates(9_000, 2_000, 2, params))
    assert "100% Completed" in capsys.readouterr().out  # dask.diagnostics.ProgressBar


def test_aggregate_dask_on_a_local_cluster_equals_pandas(client, params):
    assert active_client() is client
    # many partitions, so that the partial sums are combined over more than one level
    got = aggregate_dask(synthetic_dask(20_000, partition_rows=500, seed=9), params, progress=False,
                         split_every=4)
    _assert_tables_equal(got, _pandas_aggregates(20_000, 500, 9, params))


def test_aggregate_dask_accepts_already_evaluated_partitions(client, params):
    frame = pd.concat(list(synthetic_chunks(3_000, chunk_rows=1_000, seed=1)))
    evaluated = evaluate_dask(dd.from_pandas(frame, npartitions=3), params)
    got = aggregate_dask(evaluated, params, progress=False)
    _assert_tables_equal(got, agg.all_aggregates(explorer.evaluate(frame, params), params))


def test_distributed_progress_bar_is_shown_with_a_client(client, capsys):
    ddf = synthetic_dask(1_000, partition_rows=500, seed=0)
    (frame,) = compute(ddf, progress=True)
    assert len(frame) == 1_000
    assert "100%" in capsys.readouterr().out


def test_population_dask_reads_files_lazily_and_checks_rows_like_pandas(client, tmp_path, params):
    lines = SAMPLE.read_text().splitlines()
    header, rows = lines[0], lines[1:]
    first, second = tmp_path / "pop-1.csv", tmp_path / "pop-2.csv"
    first.write_text("\n".join([header, *rows[:8]]) + "\n")
    second.write_text("\n".join([header, *rows[8:]]) + "\n")
    pop = population_dask(str(tmp_path / "pop-*.csv"), params)
    assert pop.good.npartitions == 2 and pop.files == (str(first), str(second))
    good, bad = compute(pop.good, pop.bad, progress=False)
    for path in (first, second):
        load = load_population(path, params)
        pd.testing.assert_frame_equal(good[good["file"] == str(path)].drop(columns="file"), load.good,
                                      check_index_type=False, check_dtype=False)
        mine = bad[bad["file"] == str(path)].drop(columns="file").reset_index(drop=True)
        pd.testing.assert_frame_equal(_plain(mine), _plain(load.bad), check_dtype=False)
    assert len(good) + bad.groupby(["file", "row"]).ngroups == 16
    result = evaluate_dask(pop.good, params).compute()
    assert set(result["status"].astype(str)) >= {"choice", "five_year_only", "late_card_expired"}


def test_population_dask_without_matching_files_raises(tmp_path):
    with pytest.raises(ExplorerError, match="no file found"):
        population_dask(str(tmp_path / "none-*.parquet"))


def test_aggregate_dask_with_worker_processes_over_tcp_equals_pandas(params):
    # Worker processes receive the parameters and tasks pickled, as on a real cluster.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert client.scheduler.address.startswith("tcp://127.0.0.1")
        got = aggregate_dask(synthetic_dask(6_000, partition_rows=2_000, seed=3), params, progress=False)
    _assert_tables_equal(got, _pandas_aggregates(6_000, 2_000, 3, params))
