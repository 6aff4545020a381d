#!/usr/bin/env python3
"""Record what CPython does with every program the page shows: the project's reference traces.

Usage: python3 tests/python/record.py [--check] [SCENARIO/VARIANT ...]

Each variant's Python, ``static/py/<scenario>/<variant>.py`` (the program the page shows, with the
tutorial's values), is run on this CPython by ``virtual_run.py``: CPython's own event loop, tasks,
queues and generators, with only the clock made virtual, so the run takes no real time and every
line carries the exact tutorial second it was printed at. The result goes to
``tests/traces/<scenario>/<variant>.json``::

    {"program": "say-after/gather.py", "source": "<the program's text>",
     "python": "3.11.2", "limit": 100000, "epoch": 1767225600,
     "lines": [{"t": 0.0, "text": "started at 00:00:00"}, ...],  # "or": [...] where runs differed
     "stderr": [{"t": 2.0, "text": "Traceback (most recent call last):"}, ...],
     "elapsed": 2.0,
     "exit": {"status": "ok" | "exception" | "never-exits", "exception": null | "NameError: ...",
              "last_event": 2.0, "stopped_at": null | 100000.0}}

``source`` is the text that was run, so a test can tell a trace recorded from another version of
the program; ``stand_ins``, where a scenario has them, the modules beside it (``aiohttp/__init__.py``
in a subfolder of the scenario's folder: stand-ins for packages the page cannot install), copied
beside it for the run. Each program runs in an empty temporary folder under its own file name
(``gather.py``), as ``python3 gather.py`` would at home: tracebacks name that file, and files the
program writes go to that folder. A program still running at ``limit`` virtual seconds, or waiting
on nothing that can ever wake it, ends as ``never-exits``.

With no names, every program is recorded; with names (``say-after/gather`` or ``say-after``),
only those. ``--check`` writes nothing: it exits 1 and names each trace that is missing or differs
from a fresh recording.

``tests/golden.rs`` reads these traces; see ``tests/traces/README.md``.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "static" / "py"
TRACES = ROOT / "tests" / "traces"
HARNESS = ROOT / "static" / "cpython" / "virtual_run.py"
LIMIT = 100000
# time.time() at virtual 0, in UTC: 2026-01-01 00:00:00, so `time.strftime('%X')` prints
# 00:00:00 at the start and every recording prints the same wall-clock times.
EPOCH = 1767225600
# Runs of each program: text that differs between them is recorded as alternatives (`or`).
RUNS = 5


def programs(names):
    """The (scenario, variant) of every program, or of those the names pick."""
    found = sorted((p.parent.name, p.stem) for p in PROGRAMS.glob("*/*.py"))
    if not names:
        return found
    picked = [pv for pv in found if any(n in (pv[0], f"{pv[0]}/{pv[1]}") for n in names)]
    unknown = [n for n in names if not any(n in (s, f"{s}/{v}") for s, v in found)]
    if unknown:
        sys.exit(f"record: no program {', '.join(unknown)} under {PROGRAMS.relative_to(ROOT)}")
    return picked


def run_once(folder, file_name):
    done = subprocess.run(
        [sys.executable, str(HARNESS), file_name, "--limit", str(LIMIT), "--epoch", str(EPOCH)],
        cwd=folder,
        env={**os.environ, "TZ": "UTC", "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"record: {file_name}: the harness failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def merge(runs, where):
    """One run, with `or` on each line whose text differed between the runs.

    Some text is not decided by the program: `print(done, pending)` shows a set of tasks, ordered
    by the tasks' addresses, which change from one process to the next. Every other thing (the
    number of lines, their times, the exit) must be the same in every run."""
    first = runs[0]
    for other in runs[1:]:
        for stream in ("lines", "stderr"):
            if [l["t"] for l in other[stream]] != [l["t"] for l in first[stream]]:
                sys.exit(f"record: {where}: runs printed {stream} at different times:\n{first[stream]}\n{other[stream]}")
        if other["exit"] != first["exit"] or other["elapsed"] != first["elapsed"]:
            sys.exit(f"record: {where}: runs ended differently: {first['exit']} / {other['exit']}")
    for stream in ("lines", "stderr"):
        for i, line in enumerate(first[stream]):
            seen = [run[stream][i]["text"] for run in runs]
            others = sorted(set(seen) - {line["text"]})
            if others:
                line["or"] = others
    return first


def stand_ins(scenario):
    """The files beside a scenario's programs: packages in its subfolders (``aiohttp/__init__.py``),
    stand-ins for what the page cannot install, which ``import`` finds first, and data files the
    programs read (``data.json``). Everything in the folder but the programs."""
    folder = PROGRAMS / scenario
    def beside(path):
        program = path.parent == folder and path.suffix == ".py"
        return path.is_file() and not program and "__pycache__" not in path.parts

    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if beside(p)}


def record(scenario, variant):
    source = (PROGRAMS / scenario / f"{variant}.py").read_text(encoding="utf-8")
    modules = stand_ins(scenario)
    with tempfile.TemporaryDirectory(prefix="playground-record-") as folder:
        file_name = f"{variant}.py"
        Path(folder, file_name).write_text(source, encoding="utf-8")
        for path, text in modules.items():
            Path(folder, path).parent.mkdir(parents=True, exist_ok=True)
            Path(folder, path).write_text(text, encoding="utf-8")
        run = merge([run_once(folder, file_name) for _ in range(RUNS)], f"{scenario}/{variant}")
    trace = {
        "program": f"{scenario}/{variant}.py",
        "source": source,
        **({"stand_ins": modules} if modules else {}),
        "python": platform.python_version(),
        "limit": LIMIT,
        "epoch": EPOCH,
    }
    trace.update(run)
    return trace


def _dumps(trace):
    """JSON with one printed line per text line, so a re-recording's diff reads like the output's."""
    def value(v):
        return json.dumps(v, ensure_ascii=False)

    fields = []
    for key, v in trace.items():
        if key in ("lines", "stderr"):
            items = ",\n".join(f"  {value(line)}" for line in v)
            fields.append(f' {value(key)}: [\n{items}\n ]' if v else f' {value(key)}: []')
        else:
            fields.append(f" {value(key)}: {value(v)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def main():
    ap = argparse.ArgumentParser(description="Record CPython's traces of the page's programs.")
    ap.add_argument("names", nargs="*", metavar="SCENARIO[/VARIANT]")
    ap.add_argument("--check", action="store_true", help="compare with the committed traces, write nothing")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"record: the reference is CPython 3.11; this is {platform.python_version()}")
    stale = []
    for scenario, variant in programs(args.names):
        path = TRACES / scenario / f"{variant}.json"
        trace = record(scenario, variant)
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        same = old is not None and _current(old, trace)
        if args.check:
            if not same:
                stale.append(f"{scenario}/{variant}")
            continue
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dumps(trace), encoding="utf-8")
        print(f"record: {scenario}/{variant}: {'unchanged' if same else 'written'}")
    if stale:
        print("record: differ from a fresh recording: " + " ".join(stale), file=sys.stderr)
        sys.exit(1)


def _current(old, new):
    """Whether a committed trace still says what a fresh recording says. The patch version of
    CPython does not count, nor an alternative text seen in one recording and not in the other."""
    def plain(trace):
        trace = json.loads(json.dumps(trace))
        trace.pop("python", None)
        for stream in ("lines", "stderr"):
            for line in trace.get(stream, []):
                line["texts"] = sorted({line["text"], *line.pop("or", [])})
                del line["text"]
        return trace

    old, new = plain(old), plain(new)
    for stream in ("lines", "stderr"):
        if len(old.get(stream, [])) != len(new[stream]):
            return False
        for o, n in zip(old[stream], new[stream]):
            if o["t"] != n["t"] or not set(n["texts"]) <= set(o["texts"]):
                return False
            o["texts"] = n["texts"]
    return old == new


if __name__ == "__main__":
    main()
