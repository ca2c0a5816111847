#!/usr/bin/env python3
"""Prints the fault campaign's report (target/faults/report.json) as the Markdown table in
docs/RELIABILITY.md.

    scripts/fault/report-table.py [REPORT]
"""
import json
import sys

COLUMNS = [("scenario", "name"), ("members", "members"), ("acknowledged", "acknowledged"), ("persisted", "persisted"),
           ("lost", "lost"), ("duplicated", "duplicated"), ("forks", "forks"), ("verified", "verified"),
           ("failed appends", "failed_appends"), ("recovery s", "recovery_s"), ("heap max MB", "heap_max_mb"),
           ("passed", "passed")]


def cell(scenario, key):
    value = scenario.get(key, "")
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, int) and key in ("lost", "duplicated", "forks") and value:
        return "**%d**" % value
    return "{:,}".format(value) if isinstance(value, int) and value >= 1000 else str(value)


def main(argv):
    path = argv[1] if len(argv) > 1 else "target/faults/report.json"
    with open(path) as source:
        scenarios = json.load(source)["scenarios"]
    print("| " + " | ".join(title for title, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for scenario in scenarios:
        print("| " + " | ".join(("`%s`" % scenario["name"]) if key == "name" else cell(scenario, key)
                                for _, key in COLUMNS) + " |")


if __name__ == "__main__":
    main(sys.argv)
