#!/usr/bin/env python3
"""Move every `ui:` entry of data/outputs.yaml (en + sk) into the gettext catalogues in data/locale.

Run after merging a branch that added dashboard strings to outputs.yaml's `ui:` section:
    .venv/bin/python scripts/ui_to_po.py [--domain interface]
A key the catalogues already hold is updated in its own domain (the YAML text wins); new keys
go to --domain.  The `ui:` section is then removed from outputs.yaml.  Prints one line per key.
"""

from __future__ import annotations

import argparse
import sys

import yaml

from explorer.core.datafiles import data_path
from explorer.words.catalogue import DOMAINS, LOCALE_DIR
from explorer.words.catalogue_files import without_section, write_entries


def main(argv: list[str] | None = None) -> int:
    """Move the ui: entries and report what changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="interface", choices=DOMAINS,
                        help="domain that receives keys the catalogues do not hold yet")
    parser.add_argument("--outputs", default=str(data_path("outputs.yaml")))
    args = parser.parse_args(argv)
    with open(args.outputs, encoding="utf-8") as handle:
        text = handle.read()
    ui = (yaml.safe_load(text) or {}).get("ui") or {}
    bad = [k for k, v in ui.items() if not isinstance(v, dict) or not v.get("en") or not v.get("sk")]
    if bad:
        print("ui entries without both en and sk text: " + ", ".join(map(str, bad)), file=sys.stderr)
        return 1
    done = write_entries(((str(k), {lang: " ".join(str(v[lang]).split()) for lang in ("en", "sk")})
                          for k, v in ui.items()), args.domain, LOCALE_DIR)
    for key, what in done.items():
        print(f"{what}: {key}")
    if "ui" in (yaml.safe_load(text) or {}):
        with open(args.outputs, "w", encoding="utf-8") as handle:
            handle.write(without_section(text, "ui"))
    print(f"{len(done)} ui entries moved into {LOCALE_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
