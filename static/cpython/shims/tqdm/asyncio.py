"""The page's `tqdm.asyncio` (see `tqdm/__init__.py`): `tqdm.as_completed(aws, total=None)` is
`asyncio.as_completed` with the bar moving as each completes; `await tqdm.gather(*aws)` is
`asyncio.gather` with the same."""
import asyncio

from . import tqdm as _tqdm


class tqdm_asyncio(_tqdm):
    @classmethod
    def as_completed(cls, fs, *, timeout=None, total=None, **kwargs):
        fs = list(fs)
        yield from cls(asyncio.as_completed(fs, timeout=timeout), total=len(fs) if total is None else total, **kwargs)

    @classmethod
    async def gather(cls, *fs, **kwargs):
        bar = cls(total=len(fs), **kwargs)

        async def counted(i, f):
            result = await f
            bar.update()
            return i, result

        results = await asyncio.gather(*(counted(i, f) for i, f in enumerate(fs)))
        bar.close()
        return [result for _, result in sorted(results, key=lambda pair: pair[0])]


tqdm = tqdm_asyncio
