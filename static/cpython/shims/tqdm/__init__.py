"""tqdm in the page, for programs of the learner's own (a lesson's program finds its lesson's
stand-in first): `tqdm(iterable, total=None, desc=None)`, `update(n)`, `close()`, `with`, and
`trange(n)`; `tqdm.asyncio.tqdm` adds `as_completed` and `gather`.

The bar goes to stderr as tqdm draws its left part (`desc:  50%|█████     | 1/2`), each state on
a line of its own rather than redrawn with `\\r`, so that the page shows every state at the
moment it was drawn (and a column's progress bar follows it); the elapsed time and the rate are
left out.
"""
import sys

_BLOCKS = " ▏▎▍▌▋▊▉█"
_WIDTH = 10


class tqdm:
    def __init__(self, iterable=None, total=None, desc=None, leave=True, file=None, **_ignored):
        if total is None and iterable is not None:
            try:
                total = len(iterable)
            except TypeError:
                total = None
        self.iterable, self.total, self.desc, self.n = iterable, total, desc, 0
        self.file = file if file is not None else sys.stderr
        self.display()

    def _bar(self):
        if not self.total:
            return f"{self.n}it"
        fraction = min(self.n / self.total, 1.0)
        full, part = divmod(int(fraction * _WIDTH * (len(_BLOCKS) - 1)), len(_BLOCKS) - 1)
        bar = _BLOCKS[-1] * full
        if full < _WIDTH:
            bar += _BLOCKS[part] + " " * (_WIDTH - full - 1)
        return f"{fraction * 100:3.0f}%|{bar}| {self.n}/{self.total}"

    def display(self):
        prefix = f"{self.desc}: " if self.desc else ""
        print(prefix + self._bar(), file=self.file)

    def update(self, n=1):
        self.n += n
        self.display()

    def close(self):
        pass

    def __iter__(self):
        for item in self.iterable:
            yield item
            self.update()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def trange(*args, **kwargs):
    return tqdm(range(*args), **kwargs)
