"""The stand-in's `tqdm.asyncio`: `tqdm.as_completed(aws, leave=False)` is `asyncio.as_completed`
with a progress bar on stderr that moves as each awaitable completes.

Real tqdm redraws one line with `\\r`, adds the elapsed time and the rate (`[00:01<00:05,
1.10s/it]`) and, with `leave=False`, clears the bar at the end. This stand-in writes each state
of the bar as a line of its own, as tqdm draws its left part (`' 17%|█▋        | 1/6'`), and
leaves it: the page shows every state, at the moment it was drawn.
"""
import asyncio
import sys

BLOCKS = " ▏▎▍▌▋▊▉█"
WIDTH = 10


class tqdm:
    def __init__(self, iterable, total, leave=True):
        self.iterable, self.total, self.n = iterable, total, 0
        self.display()

    def display(self):
        fraction = self.n / self.total if self.total else 1.0
        full, part = divmod(int(fraction * WIDTH * (len(BLOCKS) - 1)), len(BLOCKS) - 1)
        bar = BLOCKS[-1] * full
        if full < WIDTH:
            bar += BLOCKS[part] + " " * (WIDTH - full - 1)
        print(f"{fraction * 100:3.0f}%|{bar}| {self.n}/{self.total}", file=sys.stderr)

    def __iter__(self):
        for obj in self.iterable:
            yield obj
            self.n += 1
            self.display()

    @classmethod
    def as_completed(cls, fs, *, timeout=None, total=None, **tqdm_kwargs):
        if total is None:
            total = len(fs)
        yield from cls(asyncio.as_completed(fs, timeout=timeout), total=total, **tqdm_kwargs)
