"""The catalogue files are well-formed gettext files: every entry has its msgstr (a merge or a hand
edit can drop one, and Babel then skips or misreads the entry with only a warning)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from explorer.core.datafiles import data_path

CATALOGUES = sorted(Path(data_path("locale")).rglob("*.po*"))


def test_there_are_catalogues_in_both_languages_and_templates():
    names = {(p.parent.parent.name if p.suffix == ".po" else "template", p.stem) for p in CATALOGUES}
    wanted = {(lang, domain) for lang in ("en", "sk", "template") for domain in ("explorer", "interface")}
    assert wanted <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=[str(p.relative_to(p.parents[2])) for p in CATALOGUES])
def test_every_catalogue_file_reads_without_a_problem(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)  # PoFileError names the entry and the line
    assert len(catalog) > 100
