"""A stand-in for pandas, beside the lesson's program so that `import pandas` finds it first.

It has the lesson's part of pandas: `read_json(path)` of a list of records, and a `DataFrame` whose
`tail(n)` keeps the last rows, whose `iterrows()` gives `(index, row)` with `row['column']`, and
which prints as pandas prints a frame of numbers and short strings (a column as wide as its
widest value or name, values right-aligned, the index on the left). With real pandas at home,
`pip install pandas` and delete this folder.
"""
import json


class DataFrame:
    def __init__(self, records, index=None):
        self.records = list(records)
        self.index = list(range(len(self.records))) if index is None else list(index)
        self.columns = list(self.records[0]) if self.records else []

    def tail(self, n=5):
        start = max(len(self.records) - n, 0)
        return DataFrame(self.records[start:], self.index[start:])

    def iterrows(self):
        return zip(self.index, (dict(record) for record in self.records))

    def __str__(self):
        index = [str(i) for i in self.index]
        index_width = max(map(len, index), default=0)
        cells = [[str(record[column]) for column in self.columns] for record in self.records]
        widths = [max([len(column)] + [len(row[c]) for row in cells]) for c, column in enumerate(self.columns)]
        header = " " * index_width + "".join(f"  {column:>{w}}" for column, w in zip(self.columns, widths))
        rows = [f"{i:<{index_width}}" + "".join(f"  {cell:>{w}}" for cell, w in zip(row, widths))
                for i, row in zip(index, cells)]
        return "\n".join([header] + rows)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return DataFrame(json.load(f))
