#!/usr/bin/env python3
"""Run an asyncio program on CPython's own event loop with only the clock made virtual.

Usage: python3 virtual_run.py FILE.py [--limit SECONDS] [--epoch SECONDS] [--echo-stderr] [--suspensions]
                            [--max-steps N] [--max-lines N] [--events] [--turns]

(In the browser, ``--speed X`` makes the clock real instead: see ``PacedClock``.)

Everything that decides *order* is CPython's: the real ``asyncio.SelectorEventLoop`` (ready queue,
timer heap, ``_run_once``), real Tasks, Futures, Queues and generators.  Only time is replaced:

* ``loop.time()``, ``time.monotonic()``, ``time.perf_counter()`` and ``time.time()`` read one
  virtual clock (it starts at 0.0; ``time.time()`` is a whole-second epoch plus the clock, so
  differences of wall-clock readings are exact; ``--epoch`` fixes that epoch, for runs that must
  print the same wall-clock times every time, and the real time otherwise).  ``time.localtime``/``strftime``/``ctime`` without
  an explicit time use it too.
* The selector's ``select(timeout)`` does not sleep: when nothing is ready it jumps the clock to the
  next deadline (snapped to the exact ``when`` of the loop's first timer, so timers fall due exactly)
  and returns, and ``_run_once`` then pops every timer due by then.
* ``os.urandom`` draws from ``random.Random(0)``, so names made from it repeat from run to run.
* ``time.sleep(x)`` in the loop's thread advances the clock by ``x`` at once without yielding: the
  loop is blocked, as on CPython, and timers that fall due meanwhile are picked up after the batch.

Worker threads (``asyncio.to_thread`` / ``loop.run_in_executor`` with a thread pool) run for real,
but their ``time.sleep`` is a *virtual sleeper*: the thread registers a deadline on the clock and
blocks on a condition variable.  Every function submitted to a thread pool is wrapped in a ``_Job``
that records whether the thread is running, virtually sleeping, or finished.  The clock never moves
while some job is running (or has finished but its result has not yet reached the loop through
``call_soon_threadsafe``): ``select`` then waits in real time on the real selector (the loop's
self-pipe wakes it).  When every job is asleep the loop jumps to the earliest of its own next timer
and the sleepers' deadlines, wakes the sleepers due, and again waits for them to settle before the
loop's own callbacks at that instant run.  So a ``time.sleep(2)`` in a thread ends exactly 2 virtual
seconds later while the loop goes on serving other tasks, and results are deterministic.
``shutdown_default_executor`` (called by ``asyncio.run``) drains jobs the same way in the loop thread.

Termination: if the clock would pass ``--limit`` seconds (default: no limit), or nothing can ever wake the loop (no
ready callbacks, no timers, no jobs; a short real-time grace lets foreign threads call
``call_soon_threadsafe``), the run is reported as ``never-exits`` and the process ends at once
(``os._exit``; nothing more of the program runs, as when a real run is killed).

Output: one JSON object on stdout::

    {"lines": [{"t": 0.0, "text": "..."}], "stderr": [{"t": ..., "text": ...}],
     "elapsed": 3.0, "exit": {"status": "ok"|"exception"|"never-exits",
                              "exception": "TypeError: ..." | null,
                              "last_event": 3.0, "stopped_at": null | t}}

``lines`` are the program's stdout lines (time stamped when the newline is written); ``stderr``
holds warnings and the traceback.  For ``never-exits`` ``elapsed`` is null (the program has no
end), ``last_event`` is when the last thing happened and ``stopped_at`` when the harness gave up.
With ``--suspensions`` the object also has ``"suspensions"``: every time a task stops running
without having finished (each step of a Task that ends at an ``await``), and every blocking
``time.sleep`` in the loop's thread, in order::

    {"task": 2, "coro": "say_after", "t": 0.0, "line": 9, "blocking": false}

and ``"tasks"``, every task that ran a step: ``{"1": "main", "2": "say_after"}``.
With ``--events`` it also has ``"events"``, the run's trace (see ``_event``), and ``"unawaited"``,
every coroutine dropped without ever being awaited, with the program's line that made it::

    {"name": "say_after", "t": 0.0, "line": 17}

With ``--turns`` (which implies ``--events``) it also has ``"turns"``, the loop's bookkeeping at each
``_run_once``, after its wait: the callbacks the turn runs (``_ready``, then the timers ``due``) and
the timers still pending (``_scheduled``, by deadline), cancelled ones left out::

    {"t": 1.0, "events": 10, "ready": [], "due": [[1.0, {"wakes": 2}]], "timers": [[2.0, {"wakes": 3}]]}

A callback is a task's step (``{"step": 2}``), a sleep's timer by the task it wakes
(``{"wakes": 3}``), or a function by name (``{"call": "_run_until_complete_cb"}``); ``events`` is
how many of ``"events"`` came before the turn.
``task`` is N of the task's name ``Task-N``, ``coro`` the name of its coroutine's function (null
for a blocking sleep outside any task); ``line`` is the program's line the task is at: the
innermost frame of the program's file in the task's chain of awaits (through coroutines, async
generators and their ``asend``), ``null`` if the task is only in asyncio's own code.

File descriptor 1 is redirected to stderr while the program runs, so nothing it writes can mix with
the JSON.
"""

import argparse
import asyncio
import concurrent.futures
import functools
import gc
import heapq
import inspect
import itertools
import json
import os
import random
import re
import selectors
import sys
import threading
import time
import traceback
import types
import warnings

_real_time = time.time
_real_perf_counter = time.perf_counter
_real_localtime = time.localtime
_real_gmtime = time.gmtime
_real_strftime = time.strftime
_real_ctime = time.ctime

GRACE_REAL_SECONDS = 0.05   # real wait before declaring "nothing can wake the loop"
# CPython in the browser (Pyodide): no threads, no sockets, and the process must not end. See
# run_in_browser().
IN_BROWSER = sys.platform == "emscripten"
POLL_REAL_SECONDS = 0.002   # real wait while worker threads run


def quantize(t):
    """Virtual times are whole nanoseconds (as time.monotonic_ns counts them).

    So 0.1 + 0.2 s of sleeps is 0.3 exactly, deadlines that are nominally equal are equal (and
    tie-break by creation order), and an elapsed of 13.5 s prints as 13.5, not 13.500000000000002.
    """
    return round(t * 1e9) / 1e9


class NeverExits(BaseException):
    pass


class Emitted(BaseException):
    """In the browser, where the process must not end: the run is over, with this result."""


class _Job:
    """One function submitted to a thread pool: its state as the clock sees it."""

    __slots__ = ("executor", "seq", "state", "deadline", "afut", "cfut")

    def __init__(self, executor, seq):
        self.executor = executor
        self.seq = seq
        self.state = "queued"      # queued -> running <-> sleeping -> finished
        self.deadline = None
        self.afut = None           # the asyncio future; done once the result reached the loop
        self.cfut = None           # the executor's future; cancelled if the job never started

    def gone(self):
        if self.state == "queued":
            return self.cfut is not None and self.cfut.cancelled()
        return self.state == "finished" and self.afut is not None and self.afut.done()


class VirtualClock:
    def __init__(self, limit, epoch=None):
        self.now = 0.0
        self.epoch = float(int(_real_time() if epoch is None else epoch))
        self.limit = limit
        self.last_event = 0.0
        self.cond = threading.Condition()
        self.jobs = []
        self.sleepers = []          # heap of (deadline, seq, key); key is a _Job or a token
        self._seq = itertools.count()
        self.local = threading.local()
        self.loops = set()

    # -- reading -------------------------------------------------------------------------------
    def monotonic(self):
        return self.now

    def wall(self):
        return self.epoch + self.now

    # -- moving --------------------------------------------------------------------------------
    def _advance_locked(self, t):
        t = quantize(t)
        if t > self.now:
            self.now = t
            self.last_event = t
        self.cond.notify_all()

    def _check_limit(self, target):
        if self.limit is not None and target > self.limit + 1e-9:
            raise_never_exits(stopped_at=self.limit)

    def _next_sleeper_locked(self):
        while self.sleepers:
            deadline, _, key = self.sleepers[0]
            if isinstance(key, _Job) and (key.state != "sleeping" or key.deadline != deadline):
                heapq.heappop(self.sleepers)    # stale entry
                continue
            if isinstance(key, dict) and key.get("done"):
                heapq.heappop(self.sleepers)
                continue
            return deadline
        return None

    def _pop_due_locked(self):
        while self.sleepers and self.sleepers[0][0] <= self.now:
            _, _, key = heapq.heappop(self.sleepers)
            if isinstance(key, dict):
                key["done"] = True

    # -- jobs ----------------------------------------------------------------------------------
    def _busy_jobs_locked(self, loop_side):
        """True while some worker thread may still act before the clock moves.

        loop_side: the loop is free to run, so a finished job counts as busy until its result has
        reached the loop; from a blocking time.sleep in the loop thread it cannot, so it does not.
        """
        self.jobs = [j for j in self.jobs if not j.gone()]
        occupied = {}
        for j in self.jobs:
            if j.state in ("running", "sleeping") or (j.state == "finished" and loop_side):
                occupied[j.executor] = occupied.get(j.executor, 0) + 1
        for j in self.jobs:
            if j.state == "running":
                return True
            if j.state == "sleeping" and j.deadline <= self.now:
                return True     # woken, not yet back on its feet
            if j.state == "finished" and loop_side and not (j.afut is not None and j.afut.done()):
                return True
        # A queued job will start promptly if its pool has a free worker.
        for j in sorted((j for j in self.jobs if j.state == "queued"), key=lambda j: j.seq):
            cap = getattr(j.executor, "_max_workers", 1)
            if occupied.get(j.executor, 0) < cap:
                return True
            occupied[j.executor] = occupied.get(j.executor, 0) + 1
        return False

    def new_job(self, executor):
        with self.cond:
            job = _Job(executor, next(self._seq))
            self.jobs.append(job)
            return job

    def set_job_state(self, job, state):
        with self.cond:
            job.state = state
            self.cond.notify_all()
        self._poke_loops()

    def _poke_loops(self):
        for loop in list(self.loops):
            try:
                if not loop.is_closed():
                    loop._write_to_self()
            except Exception:
                pass

    # -- time.sleep ------------------------------------------------------------------------------
    def sleep(self, seconds):
        seconds = float(seconds)
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        counting = getattr(self.local, "counting", None)
        job = getattr(self.local, "job", None)
        if counting is not None:
            counting[0] += seconds
        elif job is not None:
            self._sleep_in_job(job, seconds)
        elif (threading.current_thread() is threading.main_thread()
              or getattr(self.local, "loop_thread", False)):
            self._sleep_blocking(seconds)
        else:
            self._sleep_foreign(seconds)

    def _sleep_in_job(self, job, seconds):
        with self.cond:
            job.deadline = quantize(self.now + seconds)
            job.state = "sleeping"
            heapq.heappush(self.sleepers, (job.deadline, next(self._seq), job))
            self.cond.notify_all()
        self._poke_loops()
        with self.cond:
            while self.now < job.deadline:
                self.cond.wait()
            job.state = "running"
            job.deadline = None

    def _sleep_foreign(self, seconds):
        token = {"done": False}
        with self.cond:
            heapq.heappush(self.sleepers, (quantize(self.now + seconds), next(self._seq), token))
        self._poke_loops()
        with self.cond:
            while not token["done"]:
                self.cond.wait()

    def _sleep_blocking(self, seconds):
        """time.sleep in the loop's (or main) thread: the thread is blocked, the clock runs on."""
        with self.cond:
            target = quantize(self.now + seconds)
        self._check_limit(target)
        self.drain(until=target)

    def drain(self, until=None):
        """Move the clock (from a thread that is blocked) up to `until`, or until no job is left.

        Worker threads that wake on the way get to run, as they would while this thread is blocked.
        """
        with self.cond:
            while True:
                if self._busy_jobs_locked(loop_side=False):
                    self.cond.wait(POLL_REAL_SECONDS)
                    continue
                nxt = self._next_sleeper_locked()
                if until is None:
                    if nxt is None:
                        return
                    self._check_limit(nxt)
                    self._advance_locked(nxt)
                    self._pop_due_locked()
                    continue
                if nxt is not None and nxt < until:
                    self._advance_locked(nxt)
                    self._pop_due_locked()
                    continue
                self._advance_locked(until)
                self._pop_due_locked()
                # let sleepers woken at exactly `until` settle too
                while self._busy_jobs_locked(loop_side=False):
                    self.cond.wait(POLL_REAL_SECONDS)
                return


class PacedClock(VirtualClock):
    """The measured run (``--speed X``): the clock is real time, sped up ``X`` times.

    ``loop.time()`` and every ``time`` reading are real seconds since the start times ``X``; the
    selector and a blocking ``time.sleep`` wait in real time (a busy wait: CPython in a Web Worker
    has nothing else that waits, and the worker holds nothing but this run). So the loop is late
    when the program's own work or the machine delays it, and the lateness adds up as it does on
    CPython. Only for the browser, where no other thread can move a clock.
    """

    def __init__(self, limit, epoch, speed):
        self.speed = float(speed)
        self._start = _real_perf_counter()
        super().__init__(limit, epoch)

    @property
    def now(self):
        return (_real_perf_counter() - self._start) * self.speed

    @now.setter
    def now(self, _value):
        pass    # VirtualClock.__init__ starts it at 0; real time moves it

    def _advance_locked(self, t):
        while self.now < t:
            pass
        self.last_event = max(self.last_event, self.now)
        self.cond.notify_all()


CLOCK = None
EMIT = None     # set by main(): writes the JSON and ends the process


def raise_never_exits(stopped_at):
    """Stop at once: nothing more of the program may run (no cleanup prints), as if killed."""
    if EMIT is not None:
        EMIT("never-exits", stopped_at=stopped_at)
    raise NeverExits(stopped_at)


class VirtualSelector(selectors.BaseSelector):
    """Delegates registration to a real selector (the loop's self-pipe); select() jumps the clock."""

    def __init__(self, clock):
        self._real = _NoFdSelector() if IN_BROWSER else selectors.DefaultSelector()
        self._clock = clock
        self.loop = None

    def register(self, fileobj, events, data=None):
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj):
        return self._real.unregister(fileobj)

    def modify(self, fileobj, events, data=None):
        return self._real.modify(fileobj, events, data)

    def get_key(self, fileobj):
        return self._real.get_key(fileobj)

    def get_map(self):
        return self._real.get_map()

    def close(self):
        self._real.close()

    def _timer_target(self, timeout):
        clock = self._clock
        target = quantize(clock.now + timeout)
        loop = self.loop
        if loop is not None and loop._scheduled:
            when = loop._scheduled[0]._when
            if abs(when - target) <= 2e-9:
                target = when     # land exactly on the timer (deadlines are quantized too)
        return target

    def select(self, timeout=None):
        clock = self._clock
        if timeout is not None and timeout <= 0:
            return self._real.select(0)
        # Fix the loop's own target once; waking sleepers on the way does not change it.
        target = None if timeout is None else self._timer_target(timeout)
        while True:
            with clock.cond:
                busy = clock._busy_jobs_locked(loop_side=True)
            if busy:
                events = self._real.select(POLL_REAL_SECONDS)
                if events:
                    return events
                continue
            if target is not None and clock.now >= target:
                return self._real.select(0)
            with clock.cond:
                nxt = clock._next_sleeper_locked()
            if nxt is not None and (target is None or nxt < target):
                clock._check_limit(nxt)
                with clock.cond:
                    clock._advance_locked(nxt)
                    clock._pop_due_locked()
                continue
            if target is None:
                # No ready callback, no timer, no job: only another thread could still wake us.
                events = self._real.select(GRACE_REAL_SECONDS)
                if events:
                    return events
                raise_never_exits(stopped_at=clock.now)
            clock._check_limit(target)
            with clock.cond:
                clock._advance_locked(target)
                clock._pop_due_locked()
            # sleepers due at exactly `target` settle (loop above) before the loop's callbacks


class _NoFdSelector(selectors.BaseSelector):
    """In the browser the loop has no file descriptors to watch and no thread can wake it: every
    select finds nothing, at once."""

    def __init__(self):
        self._map = {}

    def register(self, fileobj, events, data=None):
        key = selectors.SelectorKey(fileobj, id(fileobj), events, data)
        self._map[fileobj] = key
        return key

    def unregister(self, fileobj):
        return self._map.pop(fileobj)

    def select(self, timeout=None):
        return []

    def get_map(self):
        return self._map

    def close(self):
        self._map.clear()


_timer_seq = itertools.count()


class _OrderedTimerHandle(asyncio.TimerHandle):
    """A TimerHandle that breaks deadline ties by creation order.

    CPython's TimerHandle compares deadlines only, and heapq is not stable, so on a clock that does
    not move while code runs, timers with equal deadlines would fire in heap-shape order.  On a real
    clock a later call_later() reads a later monotonic() and so gets a later deadline; ordering ties
    by creation keeps that fact (the golden traces' rule: deadline, then order of creation).
    """

    __slots__ = ("_seq",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seq = next(_timer_seq)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() < other._key()
        return super().__lt__(other)

    def __le__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() <= other._key()
        return super().__le__(other)

    def __gt__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() > other._key()
        return super().__gt__(other)

    def __ge__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() >= other._key()
        return super().__ge__(other)

    __hash__ = asyncio.TimerHandle.__hash__


# In the browser one interpreter runs program after program, and the C Task's own counter of
# names (Task-1, Task-2…) cannot be reset: tasks are numbered here instead, from 1 in each run.
_task_numbers = itertools.count(1)


def _new_task(loop, coro, context=None):
    """The loop's task factory: the task as asyncio makes it (numbered here in the browser), its
    creation an event of the run's trace (--events)."""
    name = f"Task-{next(_task_numbers)}" if IN_BROWSER else None
    task = asyncio.Task(coro, loop=loop, name=name, context=context)
    _event(task, "created", name=getattr(coro, "__name__", None))
    return task


class VirtualEventLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector(CLOCK)
        super().__init__(selector)
        selector.loop = self
        CLOCK.loops.add(self)
        if IN_BROWSER or EVENTS is not None:
            self.set_task_factory(_new_task)

    def time(self):
        return CLOCK.now

    def call_at(self, when, callback, *args, context=None):
        # base_events.call_at with _OrderedTimerHandle instead of events.TimerHandle.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _OrderedTimerHandle(quantize(when), callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def run_forever(self):
        CLOCK.local.loop_thread = True
        return super().run_forever()

    def _process_events(self, event_list):
        # Called once per _run_once, after the wait for the next timer and before the timers
        # due join the ready queue: the moment --turns records the loop's bookkeeping.
        super()._process_events(event_list)
        if TURNS is not None:
            _record_turn(self)

    if IN_BROWSER:
        # No socketpair in the browser, and no other thread to write to it.
        def _make_self_pipe(self):
            pass

        def _close_self_pipe(self):
            pass

        def _write_to_self(self):
            pass

    def close(self):
        super().close()
        CLOCK.loops.discard(self)

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if IN_BROWSER:
            return self._run_inline(func, *args)
        if executor is None:
            executor = self._default_executor
            self._check_default_executor()
            if executor is None:
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
                self._default_executor = executor
        if not isinstance(executor, concurrent.futures.ThreadPoolExecutor):
            return super().run_in_executor(executor, func, *args)
        job = CLOCK.new_job(executor)

        def run_job():
            CLOCK.local.job = job
            CLOCK.set_job_state(job, "running")
            try:
                return func(*args)
            finally:
                CLOCK.local.job = None
                CLOCK.set_job_state(job, "finished")

        job.cfut = executor.submit(run_job)
        job.afut = asyncio.futures.wrap_future(job.cfut, loop=self)
        return job.afut

    def _run_inline(self, func, *args):
        """A thread's job where there are no threads: it runs now, to its end, its `time.sleep`s
        adding up to how long it takes instead of blocking the loop, and its result arrives that
        much later while the loop goes on (as the page's Rust engine does without workers)."""
        future = self.create_future()
        CLOCK.local.counting = [0.0]
        try:
            result, error = func(*args), None
        except BaseException as e:   # the job's exception is the future's, as a thread's would be
            result, error = None, e
        finally:
            slept, CLOCK.local.counting = CLOCK.local.counting[0], None

        def arrive():
            if future.cancelled():
                return
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)

        self.call_at(self.time() + slept, arrive)
        return future

    async def shutdown_default_executor(self):
        # The stock version waits for a helper thread; here the loop thread drains the jobs on the
        # virtual clock itself (they can only finish if the clock moves), then shuts the pool.
        self._executor_shutdown_called = True
        if self._default_executor is None:
            return
        CLOCK.drain()
        self._default_executor.shutdown(wait=True)


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualEventLoop


MAX_LINES = None    # set by --max-lines
_lines_written = itertools.count(1)


def _count_line():
    """A program that writes without end is cut once it has written MAX_LINES lines."""
    if MAX_LINES is not None and next(_lines_written) >= MAX_LINES:
        raise_never_exits(stopped_at=CLOCK.now)


class _Capture:
    """A text stream that time-stamps each completed line with the virtual clock."""

    def __init__(self, sink, stream, echo=None):
        self.sink = sink
        self.stream = stream
        self.buf = ""
        self.lock = threading.RLock()
        self.echo = echo
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        with self.lock:
            if self.echo is not None:
                self.echo.write(s)
                self.echo.flush()
            self.buf += s
            while "\n" in self.buf:
                line, self.buf = self.buf.split("\n", 1)
                t = CLOCK.now
                CLOCK.last_event = max(CLOCK.last_event, t)
                self.sink.append({"t": round(t, 6), "text": line})
                _event(_current_task(), self.stream, text=line)
                _count_line()
        return len(s)

    def flush(self):
        pass

    def finish(self):
        with self.lock:
            if self.buf:
                self.sink.append({"t": round(CLOCK.now, 6), "text": self.buf})
                self.buf = ""

    def isatty(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        raise OSError("captured stream has no file descriptor")


SUSPENSIONS = None     # a list when --suspensions asks for them
PROGRAM_FILE = None
# With --suspensions: every task that ran a step, by number, and the name of its coroutine function.
TASKS = {}


def _task_number(task):
    match = re.fullmatch(r"Task-(\d+)", task.get_name())
    return int(match.group(1)) if match else None


def _innermost_line(coro):
    """The program's line the awaits starting at `coro` are suspended at (innermost frame)."""
    line, obj = None, coro
    for _ in range(256):
        if obj is None:
            break
        frame = getattr(obj, "cr_frame", None) or getattr(obj, "ag_frame", None) or getattr(obj, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename == PROGRAM_FILE:
            line = frame.f_lineno
        following = None
        for attr in ("cr_await", "ag_await", "gi_yieldfrom"):
            following = getattr(obj, attr, None)
            if following is not None:
                break
        if following is None and type(obj).__name__ in ("async_generator_asend", "async_generator_athrow"):
            # `async for` awaits the generator's asend object, which only refers to the generator.
            following = next((r for r in gc.get_referents(obj) if inspect.isasyncgen(r)), None)
        obj = following
    return line


EVENTS = None     # a list when --events asks for the run's trace


def _event(task, kind, **fields):
    """One event of the run's trace (--events): what a task did, at the virtual time."""
    if EVENTS is not None:
        number = 0 if task is None else _task_number(task)
        if number is not None:
            EVENTS.append({"task": number, "t": round(CLOCK.now, 6), "kind": kind, **fields})


TURNS = None     # a list when --turns asks for the loop's bookkeeping at each turn


def _callback_label(handle, sleepers):
    """A ready or scheduled callback as the loop inspector names it: a task's step (its
    `__step` or `task_wakeup`), a sleep's timer (`_set_result_unless_cancelled` on the future a
    task awaits: `sleepers` maps id(future) to that task), or the callback's own name."""
    callback, args = handle._callback, handle._args
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task) and _task_number(owner) is not None:
        return {"step": _task_number(owner)}
    while isinstance(callback, functools.partial):     # partial(_release_waiter, waiter)
        callback = callback.func
    name = getattr(callback, "__name__", None) or type(callback).__name__
    if name == "_set_result_unless_cancelled" and args and id(args[0]) in sleepers:
        return {"wakes": sleepers[id(args[0])]}
    return {"call": name}


def _record_turn(loop):
    """One turn of `_run_once` (--turns): what runs in it, in order (the ready queue, then the
    timers falling due now, which _run_once appends to it), and the timers still pending, by
    deadline. Cancelled handles are left out: _run_once skips them. `events` is how many events
    of the trace came before the turn."""
    end_time = loop.time() + loop._clock_resolution
    # A task keeps the future it awaits in _fut_waiter until its next step, even once the
    # future is cancelled (and has dropped its callbacks): the sleep is still that task's.
    sleepers = {id(task._fut_waiter): _task_number(task) for task in asyncio.all_tasks(loop)
                if getattr(task, "_fut_waiter", None) is not None and _task_number(task) is not None}
    timers = sorted((h for h in loop._scheduled if not h._cancelled), key=lambda h: (h._when, getattr(h, "_seq", 0)))
    ready = [_callback_label(h, sleepers) for h in loop._ready if not h._cancelled]
    due = [[round(h._when, 9), _callback_label(h, sleepers)] for h in timers if h._when < end_time]
    pending = [[round(h._when, 9), _callback_label(h, sleepers)] for h in timers if h._when >= end_time]
    TURNS.append({"t": round(CLOCK.now, 6), "events": len(EVENTS or ()), "ready": ready, "due": due, "timers": pending})


def _current_task():
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None


def _waits_on(task):
    """What a suspended task waits on: another task, a sleep (its seconds), or some future."""
    waiter = getattr(task, "_fut_waiter", None)
    if isinstance(waiter, asyncio.Task) and _task_number(waiter) is not None:
        return {"task": _task_number(waiter)}
    obj = task.get_coro()
    for _ in range(256):
        following = getattr(obj, "cr_await", None) or getattr(obj, "gi_yieldfrom", None) or getattr(obj, "ag_await", None)
        if following is not None and type(following).__name__ in ("async_generator_asend", "async_generator_athrow"):
            # `async for` awaits the generator's asend object, which only refers to the generator.
            following = next((r for r in gc.get_referents(following) if inspect.isasyncgen(r)), None)
        if following is None or not any(hasattr(following, a) for a in ("cr_frame", "gi_frame", "ag_frame")):
            break
        frame = getattr(following, "cr_frame", None)
        if frame is not None and frame.f_code.co_qualname == "Queue.join":
            # A wait on join(), named as the engine names it (model::mistakes reads it).
            return {"future": f"{_queue_name(frame.f_locals.get('self'))}.join()"}
        obj = following
    frame = getattr(obj, "cr_frame", None) or getattr(obj, "gi_frame", None)
    if frame is not None and "asyncio" in frame.f_code.co_filename:
        if frame.f_code.co_name == "sleep":
            return {"sleep": frame.f_locals.get("delay")}
        if frame.f_code.co_name == "__sleep0":      # asyncio.sleep(0): a bare yield
            return {"sleep": 0}
    return {"future": type(waiter).__name__ if waiter is not None else "future"}


QUEUES = {}     # id of each asyncio.Queue seen -> its name in the trace: queue, queue 2, ...


def _queue_name(queue):
    """A queue's name in the trace: the program gives it none, so by order of first use."""
    if id(queue) not in QUEUES:
        QUEUES[id(queue)] = "queue" if not QUEUES else f"queue {len(QUEUES) + 1}"
    return QUEUES[id(queue)]


def _awaited_call(task):
    """The program's line where the task's own coroutine awaits a coroutine call of the
    program (`await say_after(1, 'hello')`): the engine's `aio::call`. None when it awaits
    anything else (a future, a task, asyncio.sleep itself), or when the wait is not the
    program's own: a stand-in's (aiofiles' model of a file's latency is a sleep)."""
    coro = task.get_coro()
    following = getattr(coro, "cr_await", None)
    frame = getattr(following, "cr_frame", None)
    own = getattr(coro, "cr_frame", None)
    if frame is None or own is None or frame.f_code.co_filename != PROGRAM_FILE:
        return None
    obj = following
    for _ in range(256):
        code = getattr(getattr(obj, "cr_frame", None), "f_code", None)
        if code is None:
            break
        if code.co_filename != PROGRAM_FILE and "asyncio" not in code.co_filename:
            return None
        obj = getattr(obj, "cr_await", None)
    return own.f_lineno


def _record_suspension(task, line, blocking):
    number = _task_number(task) if task is not None else 0
    if number is not None:
        coro = getattr(task.get_coro(), "__name__", None) if task is not None else None
        SUSPENSIONS.append({"task": number, "coro": coro, "t": round(CLOCK.now, 6), "line": line, "blocking": blocking})


def install_suspension_recorder():
    """Every task step that ends unfinished is a suspension; `time.sleep` in the loop blocks."""
    run_handle = asyncio.events.Handle._run

    def _run(handle):
        task = getattr(handle._callback, "__self__", None)
        step = isinstance(task, asyncio.Task) and _task_number(task) is not None
        if step:
            TASKS.setdefault(_task_number(task), getattr(task.get_coro(), "__name__", None))
            _event(task, "resumed")
        run_handle(handle)
        if step and not task.done():
            line = _innermost_line(task.get_coro())
            _record_suspension(task, line, False)
            call = _awaited_call(task)
            if call is None:
                _event(task, "waits", line=line, on=_waits_on(task))
            else:
                _event(task, "waits", line=line, on=_waits_on(task), call=call)
        elif step:
            if task.cancelled():
                _event(task, "finished", outcome="cancelled")
            elif task._exception is not None:
                # Read, not retrieved: `task.exception()` would count as retrieving it, and CPython
                # would no longer write "Task exception was never retrieved" when the task goes.
                error = traceback.format_exception_only(type(task._exception), task._exception)[-1].strip()
                _event(task, "finished", outcome="raised", error=error)
            else:
                _event(task, "finished", outcome="returned")

    asyncio.events.Handle._run = _run
    put_nowait, get_nowait = asyncio.Queue.put_nowait, asyncio.Queue.get_nowait

    def queue_put(queue, item):
        put_nowait(queue, item)
        _event(_current_task(), "queue-put", queue=_queue_name(queue), size=queue.qsize())

    def queue_got(queue):
        item = get_nowait(queue)
        _event(_current_task(), "queue-got", queue=_queue_name(queue), size=queue.qsize())
        return item

    asyncio.Queue.put_nowait, asyncio.Queue.get_nowait = queue_put, queue_got
    sleep_blocking = VirtualClock._sleep_blocking

    def _sleep_blocking(clock, seconds):
        frame, line = sys._getframe(1), None
        while frame is not None and line is None:
            if frame.f_code.co_filename == PROGRAM_FILE:
                line = frame.f_lineno
            frame = frame.f_back
        task = _current_task()
        _record_suspension(task, line, True)
        _event(task, "blocked", seconds=seconds, line=line)
        sleep_blocking(clock, seconds)

    VirtualClock._sleep_blocking = _sleep_blocking


def install_unawaited_recorder():
    """Each coroutine never awaited, in `unawaited` with the program's line that made it:
    CPython's own warning names where the object was dropped (often a line of asyncio's, or
    `sys:1` at shutdown), and the line to fix is the call that made it. Coroutines keep where
    they were made (`cr_origin`, origin tracking); the warning is written as CPython writes it
    without that tracking, so stderr stays what `python3 FILE.py` writes."""
    sys.set_coroutine_origin_tracking_depth(ORIGIN_DEPTH)

    def _warn_unawaited_coroutine(coro):
        origin = getattr(coro, "cr_origin", None) or ()
        line = next((lineno for filename, lineno, _ in origin if filename == PROGRAM_FILE), None)
        UNAWAITED.append({"name": coro.__qualname__, "t": round(CLOCK.now, 6), "line": line})
        # CPython's warnings._warn_unawaited_coroutine without the origin it would now append;
        # stacklevel 2 names the frame that dropped the coroutine, as CPython's does.
        warnings.warn(f"coroutine '{coro.__qualname__}' was never awaited", category=RuntimeWarning,
                      stacklevel=2, source=coro)

    warnings._warn_unawaited_coroutine = _warn_unawaited_coroutine


UNAWAITED = []   # with --events: coroutines never awaited, as install_unawaited_recorder keeps them
# Frames of a coroutine's origin kept: the program's call may be under a stand-in's (aiohttp's).
ORIGIN_DEPTH = 8


def install_step_limit(max_steps):
    """A loop that runs callbacks without ever letting time move (`while True: await
    asyncio.sleep(0)`) would run forever on a virtual clock: after `max_steps` callbacks the run
    stops as never-exits."""
    run_handle = asyncio.events.Handle._run
    steps = itertools.count(1)

    def _run(handle):
        if next(steps) > max_steps:
            raise_never_exits(stopped_at=CLOCK.now)
        return run_handle(handle)

    asyncio.events.Handle._run = _run


def _at_shutdown():
    """From here on the program has ended, and what it left is dropped as at interpreter shutdown:
    a warning raised now (a coroutine never awaited) reads as CPython writes it then, `sys:1:`
    with no source line and no tracemalloc hint, not as a line of this harness."""
    global _SHUTDOWN
    if _SHUTDOWN:
        return
    _SHUTDOWN = True
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if os.path.abspath(filename) == os.path.abspath(__file__):
            filename, lineno, line = "sys", 1, ""
        shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show


_SHUTDOWN = False


def install_time():
    time.monotonic = CLOCK.monotonic
    time.perf_counter = CLOCK.monotonic
    time.time = CLOCK.wall
    time.monotonic_ns = lambda: int(round(CLOCK.now * 1e9))
    time.perf_counter_ns = time.monotonic_ns
    time.time_ns = lambda: int(round(CLOCK.wall() * 1e9))
    time.sleep = CLOCK.sleep
    time.localtime = lambda secs=None: _real_localtime(CLOCK.wall() if secs is None else secs)
    time.gmtime = lambda secs=None: _real_gmtime(CLOCK.wall() if secs is None else secs)
    time.ctime = lambda secs=None: _real_ctime(CLOCK.wall() if secs is None else secs)
    time.strftime = lambda fmt, t=None: _real_strftime(fmt, time.localtime() if t is None else t)


def install_entropy():
    """`os.urandom` draws from `random.Random(0)`: names a program makes from it (queue-random's
    items) repeat from run to run, so a run can be recorded and predicted. The page's Rust draws
    from the same stream; CPython's own `os.urandom` gives new bytes every run."""
    os.urandom = random.Random(0).randbytes


def main(argv=None):
    global CLOCK, EMIT, SUSPENSIONS, PROGRAM_FILE
    ap = argparse.ArgumentParser(description="Run an asyncio program on a virtual clock.")
    ap.add_argument("file")
    ap.add_argument("--limit", type=float, default=None, metavar="SECONDS")
    ap.add_argument("--epoch", type=float, default=None, metavar="SECONDS",
                    help="time.time() at virtual 0 (default: now, in whole seconds)")
    ap.add_argument("--echo-stderr", action="store_true", help="also copy the program's stderr")
    ap.add_argument("--suspensions", action="store_true", help="also report where tasks wait")
    ap.add_argument("--max-steps", type=int, default=None, metavar="N",
                    help="stop as never-exits after N callbacks of the loop (a program that never waits)")
    ap.add_argument("--events", action="store_true",
                    help="also report the run's trace: tasks created, steps, waits, lines, blocking sleeps")
    ap.add_argument("--max-lines", type=int, default=None, metavar="N",
                    help="stop as never-exits once the program has written N lines (stdout and stderr)")
    ap.add_argument("--speed", type=float, default=None, metavar="X",
                    help="in the browser only: run on real time sped up X times, not virtual time")
    ap.add_argument("--turns", action="store_true",
                    help="also report the loop's ready queue and timers at each turn (implies --events)")
    args = ap.parse_args(argv)
    global MAX_LINES, EVENTS, TURNS
    MAX_LINES = args.max_lines
    if args.turns:
        TURNS = []
        args.events = True
    if args.events:
        EVENTS = []
        args.suspensions = True

    with open(args.file, encoding="utf-8") as f:
        source = f.read()

    if args.speed is not None and not IN_BROWSER:
        ap.error("--speed is for the browser, where no other thread shares the clock")
    CLOCK = VirtualClock(args.limit, args.epoch) if args.speed is None else PacedClock(args.limit, args.epoch, args.speed)
    install_time()
    install_entropy()
    if args.suspensions:
        SUSPENSIONS, PROGRAM_FILE = [], args.file
        install_suspension_recorder()
    if args.events:
        install_unawaited_recorder()
    if args.max_steps is not None:
        install_step_limit(args.max_steps)
    asyncio.set_event_loop_policy(VirtualPolicy())
    asyncio.SelectorEventLoop = VirtualEventLoop    # loops built directly are virtual too

    # Keep the JSON channel private: fd 1 goes to stderr while the program runs.
    json_out = None
    if not IN_BROWSER:
        json_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
        sys.stdout.flush()
        os.dup2(2, 1)
    out_lines, err_lines = [], []
    real_err = sys.stderr
    cap_out = _Capture(out_lines, "printed")
    cap_err = _Capture(err_lines, "stderr", echo=real_err if args.echo_stderr else None)
    sys.stdout = sys.__stdout__ = cap_out
    sys.stderr = cap_err

    def emit(status, exception=None, elapsed=None, stopped_at=None):
        cap_out.finish()
        cap_err.finish()
        result = {
            "lines": out_lines,
            "stderr": err_lines,
            "elapsed": None if elapsed is None else round(elapsed, 6),
            "exit": {
                "status": status,
                "exception": exception,
                "last_event": round(CLOCK.last_event, 6),
                "stopped_at": None if stopped_at is None else round(stopped_at, 6),
            },
        }
        if SUSPENSIONS is not None:
            result["suspensions"] = SUSPENSIONS
            result["tasks"] = {str(number): name for number, name in sorted(TASKS.items())}
        if EVENTS is not None:
            result["events"] = EVENTS
            result["unawaited"] = UNAWAITED
        if TURNS is not None:
            result["turns"] = TURNS
        if IN_BROWSER:
            raise Emitted(result)
        json_out.write(json.dumps(result, ensure_ascii=False) + "\n")
        json_out.flush()
        os._exit(0)

    EMIT = emit
    module = types.ModuleType("__main__")
    module.__file__ = args.file
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    sys.argv = [args.file]
    sys.path[0] = os.path.dirname(os.path.abspath(args.file))

    status, exc_line = "ok", None
    try:
        # A syntax error is the program's, written as `python3 FILE.py` writes it.
        code = compile(source, args.file, "exec")
    except SyntaxError as e:
        cap_err.write("".join(traceback.format_exception_only(type(e), e)))
        emit("exception", exception=traceback.format_exception_only(type(e), e)[-1].strip(), elapsed=0.0)
    try:
        exec(code, module.__dict__)
    except Emitted:
        raise
    except NeverExits as ne:
        emit("never-exits", stopped_at=ne.args[0])
    except SystemExit as se:
        if se.code not in (None, 0):
            status, exc_line = "exception", f"SystemExit: {se.code}"
    except BaseException as e:
        status = "exception"
        exc_line = traceback.format_exception_only(type(e), e)[-1].strip()
        # Start at the program's own frames, as `python3 FILE.py` would print them.
        cap_err.write("".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next)))
        _at_shutdown()
        del e
    _at_shutdown()
    # Interpreter shutdown: drop the program's globals so never-awaited coroutines warn.
    try:
        module.__dict__.clear()
        gc.collect()
    except NeverExits as ne:
        emit("never-exits", stopped_at=ne.args[0])
    emit(status, exception=exc_line, elapsed=CLOCK.now)


def run_in_browser(argv):
    """main() for CPython in the browser (Pyodide): the result as a dict, where main() writes JSON
    and ends the process. The caller gives each run a fresh copy of this module and puts back what
    it patched (`worker.js`)."""
    try:
        main(argv)
    except Emitted as done:
        return done.args[0]
    raise RuntimeError("the run ended without a result")


if __name__ == "__main__":
    main()
