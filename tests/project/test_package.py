"""The package as a new user gets it: the wheel, installed without extras into a fresh venv outside
the checkout, runs the API and the command line from another folder, and Dask workers use it.

Builds the wheel and installs it with its dependencies (about a minute): marked slow, run by `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import explorer
from explorer.core import datafiles
from explorer.interfaces import cli
from tests.paths import ROOT

INSTALL_TIMEOUT = 900
RUN_TIMEOUT = 300
EXTRA_HINT = "pip install 'residence-explorer[dashboard]'"
SWEEP = ["--expiry", "2020-10-01:2021-03-31", "--application", "2020-10-01:2021-06-30", "--freq", "MS"]


@dataclass(frozen=True)
class Installed:
    """A fresh venv holding the installed wheel, and a working folder outside the checkout."""

    wheel: Path
    venv: Path
    folder: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def explorer(self) -> Path:
        return self.venv / "bin" / "explorer"

    def run(self, *args: str | Path, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess[str]:
        """Run a command in the working folder, with nothing of the checkout on the import path."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run([str(a) for a in args], cwd=self.folder, env=env, capture_output=True,
                              text=True, timeout=timeout)


def _check(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert proc.returncode == 0, \
        f"{proc.args} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel, install it (no extras) into a new venv, and make a folder to run in."""
    work = tmp_path_factory.mktemp("package")
    assert ROOT not in work.resolve().parents
    dist = work / "dist"
    _check(subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                           "-q", "-w", str(dist), str(ROOT)], cwd=work, capture_output=True, text=True,
                          timeout=INSTALL_TIMEOUT))
    wheel = next(dist.glob("residence_explorer-*.whl"))
    venv = work / "venv"
    # The venv module of the interpreter this venv was made from: a plain venv, no site-packages shared.
    base = Path(sys.base_prefix) / "bin" / "python3"
    _check(subprocess.run([str(base), "-m", "venv", str(venv)], capture_output=True, text=True,
                          timeout=INSTALL_TIMEOUT))
    _check(subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", str(wheel)], capture_output=True, text=True,
                          timeout=INSTALL_TIMEOUT))
    folder = work / "elsewhere"
    folder.mkdir()
    return Installed(wheel, venv, folder)


def test_the_checkout_reads_its_own_data_folder():
    assert datafiles.DATA_DIR == ROOT / "data"
    assert datafiles.data_path("parameters.yaml") == ROOT / "data" / "parameters.yaml"


LAZY_PROBE = """
import importlib, json, sys
import explorer
light = sorted(m for m in sys.modules if m.startswith(("explorer.", "pandas", "numpy")))
from explorer import evaluate, sweep
import explorer.core.engine
try:
    explorer.no_such_name
except AttributeError as error:
    unknown = str(error)
print(json.dumps({
    "light": light,
    "all": explorer.__all__,
    "same": {name: getattr(explorer, name) is getattr(importlib.import_module(module), name)
             for name, module in json.loads(sys.argv[1]).items()},
    "from_import": evaluate is explorer.core.engine.evaluate and sweep is explorer.sweep,
    "dir": sorted(set(explorer.__all__) - set(dir(explorer))),
    "labels": explorer.labels.__name__,
    "unknown": unknown}))
"""
OLD_API = {"OUTPUT_COLUMNS": "explorer.core.engine", "evaluate": "explorer.core.engine",
           "load_parameters": "explorer.core.parameter_file", "Parameters": "explorer.core.parameters",
           "ExplorerError": "explorer.errors", "ParameterFileError": "explorer.errors",
           "Explanation": "explorer.person.explain", "explain": "explorer.person.explain",
           "bok_activation_places": "explorer.person.paperwork", "documents": "explorer.person.paperwork",
           "grid": "explorer.scenarios.grid", "PopulationLoad": "explorer.scenarios.population",
           "load_population": "explorer.scenarios.population",
           "synthetic_population": "explorer.scenarios.population", "sweep": "explorer.scenarios.sweep",
           "deadlines_table": "explorer.tables.summaries", "fees_table": "explorer.tables.summaries",
           "status_table": "explorer.tables.summaries", "Comparison": "explorer.whatif.compare",
           "compare": "explorer.whatif.compare", "readings": "explorer.whatif.readings_table",
           "Reform": "explorer.whatif.reforms", "list_reforms": "explorer.whatif.reforms",
           "load_reform": "explorer.whatif.reforms", "Sensitivity": "explorer.whatif.sensitivity",
           "sensitivity": "explorer.whatif.sensitivity"}
"""Every public name of the package and the module it came from when explorer/__init__.py imported
them all at once (before issue 18): each must still be there, the same object."""


def test_import_explorer_loads_each_public_name_on_first_use_and_keeps_them_all(tmp_path):
    """`import explorer` alone loads none of the package's parts nor pandas; every public name, `from
    explorer import ...`, `import explorer.core.engine` and explorer.labels work as before; an
    unknown name is an AttributeError that names it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = _check(subprocess.run([sys.executable, "-c", LAZY_PROBE, json.dumps(OLD_API)], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT))
    got = json.loads(out.stdout)
    assert got["light"] == []
    assert sorted(got["all"]) == sorted(OLD_API) and got["same"] == dict.fromkeys(OLD_API, True)
    assert got["from_import"] is True and got["dir"] == [] and got["labels"] == "explorer.labels"
    assert got["unknown"] == "module 'explorer' has no attribute 'no_such_name'"


@pytest.mark.slow
def test_the_wheel_carries_every_data_file_inside_the_package(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {f"explorer/_data/{p.relative_to(ROOT / 'data').as_posix()}"
               for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert shipped and shipped <= names
    assert not [n for n in names if n.startswith("data/")]
    assert "residence_explorer-0.1.0.data/data/share/residence-explorer/notebooks/dashboard.ipynb" in names


@pytest.mark.slow
def test_the_core_install_has_none_of_the_dashboard_libraries(installed):
    probe = "import importlib.util as u; print([m for m in ('plotly', 'ipywidgets', 'voila', 'matplotlib') " \
            "if u.find_spec(m)])"
    assert _check(installed.run(installed.python, "-c", probe)).stdout.strip() == "[]"


@pytest.mark.slow
def test_the_installed_api_finds_its_data_from_another_folder(installed):
    script = textwrap.dedent("""
        import json, explorer
        from explorer.core.datafiles import DATA_DIR
        params = explorer.load_parameters()
        rows = explorer.sweep(expiry=("2020-10-01", "2021-03-31"), application=("2020-10-01", "2021-06-30"),
                              freq="MS")
        print(json.dumps({"module": explorer.__file__, "data": str(DATA_DIR),
                          "fee": str(params.value("fee_expedited", on="2021-01-01")),
                          "rows": len(rows), "statuses": rows["status"].value_counts().to_dict(),
                          "reforms": sorted(r.name for r in explorer.list_reforms())}))
    """)
    got = json.loads(_check(installed.run(installed.python, "-c", script)).stdout)
    site = installed.venv.resolve()
    assert Path(got["module"]).resolve().is_relative_to(site)
    assert Path(got["data"]).resolve().is_relative_to(site) and got["data"].endswith("explorer/_data")
    params = explorer.load_parameters()
    assert got["fee"] == str(params.value("fee_expedited", on="2021-01-01"))
    here = explorer.sweep(expiry=("2020-10-01", "2021-03-31"), application=("2020-10-01", "2021-06-30"),
                          freq="MS")
    assert got["rows"] == len(here)
    assert got["statuses"] == {str(k): int(v) for k, v in here["status"].value_counts().items()}
    assert got["reforms"] == sorted(r.name for r in explorer.list_reforms())


@pytest.mark.slow
def test_explorer_readings_runs_from_another_folder(installed, capsys):
    proc = _check(installed.run(installed.explorer, "readings"))
    assert cli.main(["readings"]) == 0
    assert proc.stdout == capsys.readouterr().out
    assert "card_expiry_reading" in proc.stdout


@pytest.mark.slow
def test_explorer_sweep_writes_the_same_rows_as_the_checkout(installed, tmp_path):
    _check(installed.run(installed.explorer, "sweep", *SWEEP, "--out", "sweep.parquet"))
    assert cli.main(["sweep", *SWEEP, "--out", str(tmp_path / "here.parquet")]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet(installed.folder / "sweep.parquet"),
                                  pd.read_parquet(tmp_path / "here.parquet"))


@pytest.mark.slow
@pytest.mark.parametrize("command", [["summary", *SWEEP], ["reforms"],
                                     ["compare", *SWEEP, "--reform", "expedited-fee-waived"]])
def test_the_other_commands_that_do_not_draw_print_what_the_checkout_prints(installed, capsys, command):
    proc = _check(installed.run(installed.explorer, *command))
    assert cli.main(command) == 0
    assert proc.stdout == capsys.readouterr().out and proc.stdout.strip()


@pytest.mark.slow
def test_explorer_report_without_the_dashboard_extra_names_the_extra_in_one_line(installed):
    proc = installed.run(installed.explorer, "report", *SWEEP, "--out", "report.html")
    assert proc.returncode == cli.EXIT_BAD_INPUT
    assert proc.stderr.strip().splitlines() == [
        f"explorer: error: drawing a report's charts needs plotly, which is not installed: {EXTRA_HINT}"]
    assert not (installed.folder / "report.html").exists()


@pytest.mark.slow
def test_the_dashboard_without_its_extra_names_the_extra(installed):
    proc = installed.run(installed.python, "-c", "import explorer.ui")
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines()[-1].endswith(EXTRA_HINT)


DASK_SCRIPT = """
import json, subprocess, sys
from distributed import Client, LocalCluster


def loaded():
    import sys
    engine = sys.modules.get("explorer.core.engine")
    return None if engine is None else engine.__file__


if __name__ == "__main__":
    explorer_cli, pattern = sys.argv[1:3]
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        before = client.run(loaded)
        proc = subprocess.run([explorer_cli, "population", pattern, "--dask", "--scheduler",
                               cluster.scheduler_address, "--no-progress"], capture_output=True, text=True)
        after = client.run(loaded)
        pids = client.run(lambda: __import__("os").getpid())
    print(json.dumps({"before": list(before.values()), "after": list(after.values()), "rc": proc.returncode,
                      "stdout": proc.stdout, "stderr": proc.stderr, "pids": list(pids.values()),
                      "here": __import__("os").getpid()}))
"""


@pytest.mark.slow
def test_population_dask_on_a_local_cluster_runs_in_workers_that_import_the_installed_package(installed):
    for name in ("sample_a.csv", "sample_b.csv"):
        (installed.folder / name).write_bytes((ROOT / "data" / "populations" / "sample.csv").read_bytes())
    (installed.folder / "dask_population.py").write_text(DASK_SCRIPT)
    got = json.loads(_check(installed.run(installed.python, "dask_population.py", installed.explorer,
                                          "sample_*.csv")).stdout)
    assert got["rc"] == 0, got["stderr"]
    assert len(set(got["pids"])) == 2 and got["here"] not in got["pids"]  # two worker processes
    assert got["before"] == [None, None]  # the workers import explorer only to run the population
    site = installed.venv.resolve()
    assert any(got["after"]) and all(Path(f).resolve().is_relative_to(site) for f in got["after"] if f)
    # The same aggregates as the installed package without Dask over the same rows (both files in one).
    lines = (ROOT / "data" / "populations" / "sample.csv").read_text().splitlines(keepends=True)
    (installed.folder / "both.csv").write_text("".join(lines + lines[1:]))
    plain = _check(installed.run(installed.explorer, "population", "both.csv", "--no-progress")).stdout
    with_dask = got["stdout"]
    assert "sample_*.csv: 2 file(s), 32 rows read, 18 valid, 14 with problems" in with_dask
    first = "== applications per week =="
    assert with_dask[with_dask.index(first):] == plain[plain.index(first):]
