"""A stand-in for tqdm, beside the lesson's program so that `import tqdm` finds it first: the
lesson uses only `tqdm.asyncio.tqdm.as_completed` (see `asyncio.py`). With real tqdm at home,
`pip install tqdm` and delete this folder."""
