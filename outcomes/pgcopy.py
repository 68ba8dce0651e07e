"""PostgreSQL's binary COPY format built from a DataFrame with numpy, with no per-value text formatting.

Formatting floats as CSV text costs about a microsecond a value; the binary format is the values' own bytes
(big-endian) behind a length per field, so a frame of results becomes a COPY stream in a few array operations.
Format: https://www.postgresql.org/docs/current/sql-copy.html ("Binary Format").

Rows are laid out in a byte matrix with a fixed slot per field (its length, then room for its longest value), filled
a column at a time with contiguous copies; keeping only the bytes each row really has (a boolean mask, read in row
order) gives the stream. Rows go in chunks so that the matrix stays small.
"""

import numpy as np
import pandas as pd

HEADER = b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
TRAILER = (-1).to_bytes(2, "big", signed=True)
# PostgreSQL column type -> numpy big-endian dtype; anything else (varchar, text) is sent as UTF-8 text.
FIXED = {"bigint": ">i8", "integer": ">i4", "smallint": ">i2", "double precision": ">f8", "boolean": "u1"}
CHUNK_ROWS = 100_000


def column_type(db_type: str) -> str:
    """The binary kind of a column from its database type ("varchar(7)" -> "text")."""
    return next((kind for name, kind in FIXED.items() if db_type.startswith(name)), "text")


def encode(frame: pd.DataFrame, kinds: list[str]) -> bytes:
    """The COPY ... (FORMAT binary) stream of the frame's rows; NaN, NA and None become NULL."""
    fields = [_field(frame.iloc[:, i], kind) for i, kind in enumerate(kinds)]
    count = np.frombuffer(len(kinds).to_bytes(2, "big"), np.uint8)
    body = [
        _rows(fields, count, start, min(start + CHUNK_ROWS, len(frame))) for start in range(0, len(frame), CHUNK_ROWS)
    ]
    return b"".join([HEADER, *body, TRAILER])


def _field(column: pd.Series, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(bytes written per row, -1 for NULL; the values as a rows x width byte matrix, zero-padded) of one column."""
    if kind == "text":  # each distinct text encoded once (periods, labels: a handful among many rows)
        codes, distinct = pd.factorize(column, use_na_sentinel=True)
        encoded = [str(value).encode() for value in distinct]
        width = max(map(len, encoded), default=0)
        table = np.zeros((len(encoded) + 1, width), np.uint8)  # the last row stands for NULL
        for i, raw in enumerate(encoded):
            table[i, : len(raw)] = np.frombuffer(raw, np.uint8)
        sizes = np.array([*map(len, encoded), -1], dtype=np.int64)
        return sizes[codes], table[codes]
    null = column.isna().to_numpy()
    dtype = np.dtype(kind)
    filler = 0.0 if dtype.kind == "f" else 0
    values = column.to_numpy(dtype=dtype.newbyteorder("="), na_value=filler).astype(dtype)
    return np.where(null, -1, dtype.itemsize), values.view(np.uint8).reshape(len(column), dtype.itemsize)


def _rows(fields: list[tuple[np.ndarray, np.ndarray]], count: np.ndarray, start: int, stop: int) -> bytes:
    """The rows start..stop of the stream: the field count, then each field's length and bytes."""
    rows = stop - start
    width = 2 + sum(4 + data.shape[1] for _, data in fields)
    matrix = np.zeros((rows, width), np.uint8)
    keep = np.zeros((rows, width), bool)
    matrix[:, :2], keep[:, :2] = count, True
    at = 2
    for lengths, data in fields:
        lengths, data = lengths[start:stop], data[start:stop]
        matrix[:, at : at + 4] = lengths.astype(">i4").view(np.uint8).reshape(rows, 4)
        keep[:, at : at + 4] = True
        at += 4
        matrix[:, at : at + data.shape[1]] = data
        keep[:, at : at + data.shape[1]] = np.arange(data.shape[1]) < lengths[:, None]
        at += data.shape[1]
    return matrix[keep].tobytes()
