"""CPython in the page (Pyodide): runs one program on virtual_run.py's virtual clock and returns
its result as JSON, the same fields as the recorder's traces. `worker.js` calls run() once per
program; everything a run patches (time, os.urandom, asyncio's policy and handles, warnings,
sys.stdout) is put back afterwards and the modules it imported are forgotten, so each run starts
as `python3 FILE.py` would, with a fresh copy of the harness.
"""
import asyncio
import gc
import importlib.util
import io
import itertools
import json
import os
import sys
import time
import warnings
from importlib import _bootstrap

import _pyodide._importhook

HOME = "/home/pyodide"
HARNESS = f"{HOME}/cpython/virtual_run.py"
# aiohttp, aiofiles and tqdm for a learner's own program (worker.js writes them), after the
# program's own folder, where a lesson's stand-ins lie.
SHIMS = f"{HOME}/cpython/shims"

_PATCHED = [
    (time, ["monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns", "sleep",
            "localtime", "gmtime", "ctime", "strftime"]),
    (os, ["urandom"]),
    (asyncio, ["SelectorEventLoop"]),
    (asyncio.events.Handle, ["_run"]),
    (asyncio.Queue, ["put_nowait", "get_nowait"]),
    (warnings, ["showwarning", "_warn_unawaited_coroutine"]),
    (sys, ["stdout", "stderr", "__stdout__", "argv"]),
    (_bootstrap, ["_get_module_not_found_error"]),
]
_SAVED = [(owner, name, getattr(owner, name)) for owner, names in _PATCHED for name in names]
_runs = itertools.count(1)
# Where worker.js mounted the page's private file system ({"path": ...}), or why it could not
# ({"missing": ...}); the aiofiles stand-in asks private_files().
_private = {}


def private_files():
    """(folder, None) for the page's private file system, or (None, why the browser has none)."""
    return _private.get("path"), _private.get("missing")


def run(files, program, epoch, limit=None, max_steps=None, max_lines=None, speed=None, private=None):
    """Runs `program` (a name in `files`, a dict of path -> text written to a folder of its own),
    on the virtual clock, or with `speed` on real time sped up that many times (the measured run).
    `private`: worker.js's word on the private file system (see _private)."""
    _private.clear()
    _private.update(private or {})
    folder = f"{HOME}/run-{next(_runs)}"
    for path, text in files.items():
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    modules, main, path, cwd = set(sys.modules), sys.modules.get("__main__"), list(sys.path), os.getcwd()
    origin_depth = sys.get_coroutine_origin_tracking_depth()
    sys.path.insert(1, SHIMS)
    running = asyncio.events._get_running_loop()
    os.chdir(folder)
    # A module that is not here fails as in `python3 FILE.py` (`No module named 'numpy'`), not with
    # Pyodide's advice to install it, which this page cannot take; the page says what is here.
    if _pyodide._importhook.orig_get_module_not_found_error is not None:
        _bootstrap._get_module_not_found_error = _pyodide._importhook.orig_get_module_not_found_error
    # Pyodide's own loop counts as running while JavaScript calls in; asyncio.run() must not see it.
    asyncio.events._set_running_loop(None)
    spec = importlib.util.spec_from_file_location("virtual_run", HARNESS)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    # The virtual run keeps the loop's turns too, for the loop inspector; the measured run need not.
    argv = [program, "--turns" if speed is None else "--events", "--epoch", str(epoch)]
    argv += [] if limit is None else ["--limit", str(limit)]
    argv += [] if max_steps is None else ["--max-steps", str(max_steps)]
    argv += [] if max_lines is None else ["--max-lines", str(max_lines)]
    argv += [] if speed is None else ["--speed", str(speed)]
    try:
        result = harness.run_in_browser(argv)
    finally:
        for owner, name, value in _SAVED:
            setattr(owner, name, value)
        sys.set_coroutine_origin_tracking_depth(origin_depth)
        asyncio.set_event_loop_policy(None)
        asyncio.events._set_running_loop(running)
        for name in set(sys.modules) - modules:
            del sys.modules[name]
        sys.modules["__main__"] = main
        sys.path[:] = path
        os.chdir(cwd)
        # What the program left (a loop never closed, its pending tasks) goes now, unheard, as it
        # would when `python3 FILE.py` ends: not in the next program's stderr.
        harness.CLOCK.loops.clear()
        del harness
        stderr, sys.stderr = sys.stderr, io.StringIO()
        gc.collect()
        sys.stderr = stderr
    return json.dumps(result, ensure_ascii=False)
