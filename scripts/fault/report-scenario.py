#!/usr/bin/env python3
"""Adds or replaces one scenario in the fault campaign's report (target/faults/report.json).

    report-scenario.py REPORT NAME key=value...

The report is {"scenarios": [{"name": ..., "acknowledged": ..., ...}, ...]}, one entry per name,
in the order scenarios first ran; a rerun replaces its entry. Values that read as integers become
numbers, "true"/"false" booleans, anything else a string.
"""
import json
import os
import sys


def typed(value):
    if value in ("true", "false"):
        return value == "true"
    try:
        return int(value)
    except ValueError:
        return value


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    path, name = argv[1], argv[2]
    entry = {"name": name}
    for pair in argv[3:]:
        key, sep, value = pair.partition("=")
        if not sep:
            sys.exit("report-scenario: not key=value: %s" % pair)
        entry[key] = typed(value)
    report = {"scenarios": []}
    if os.path.exists(path):
        with open(path) as existing:
            report = json.load(existing)
    scenarios = report.setdefault("scenarios", [])
    for i, scenario in enumerate(scenarios):
        if scenario.get("name") == name:
            scenarios[i] = entry
            break
    else:
        scenarios.append(entry)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path + ".tmp", "w") as out:
        json.dump(report, out, indent=2)
        out.write("\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main(sys.argv)
