"""The binary COPY stream: PostgreSQL reads back exactly the values and NULLs that went in."""

import io
import math

import numpy as np
import pandas as pd
from django.db import connection, transaction

from outcomes import pgcopy
from tests.conftest import requires_postgres


def test_column_types_map_to_binary_kinds():
    kinds = [pgcopy.column_type(t) for t in ("bigint", "smallint", "integer", "double precision", "boolean")]
    assert kinds == [">i8", ">i2", ">i4", ">f8", "u1"]
    assert pgcopy.column_type("varchar(7)") == "text"


@requires_postgres()
def test_postgresql_reads_back_every_value_and_null(db):
    frame = pd.DataFrame(
        {
            "big": [1, 2**40, 3],
            "small": pd.array([4, None, 2009], dtype="Int64"),
            "number": [0.1, np.nan, -1.5e-300],
            "text": ["2009-10", None, "café"],
            "flag": [True, False, True],
        }
    )
    kinds = [">i8", ">i2", ">f8", "text", "u1"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE t (big bigint, small smallint, number double precision, text varchar(9), flag boolean)"
        )
        cursor.cursor.copy_expert("COPY t FROM STDIN WITH (FORMAT binary)", io.BytesIO(pgcopy.encode(frame, kinds)))
        cursor.execute("SELECT * FROM t ORDER BY big")
        rows = cursor.fetchall()
        cursor.execute("DROP TABLE t")
    assert rows[0] == (1, 4, 0.1, "2009-10", True)
    assert rows[1][1:4] == (2009, -1.5e-300, "café") and rows[1][0] == 3
    big, small, number, text, flag = rows[2]
    assert (big, small, text, flag) == (2**40, None, None, False) and number is None
    assert not math.isnan(rows[0][2])


def _reference(frame: pd.DataFrame, kinds: list[str]) -> bytes:
    """The binary COPY format written row by row with struct, as the PostgreSQL manual describes it."""
    import struct

    out = [pgcopy.HEADER]
    for row in frame.itertuples(index=False):
        out.append(struct.pack(">h", len(kinds)))
        for value, kind in zip(row, kinds, strict=True):
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                out.append(struct.pack(">i", -1))
                continue
            raw = str(value).encode() if kind == "text" else np.array(value).astype(np.dtype(kind)).tobytes()
            out.append(struct.pack(">i", len(raw)) + raw)
    return b"".join([*out, pgcopy.TRAILER])


def test_the_stream_matches_a_row_by_row_encoding():
    """Repeated and empty texts, NULLs in every kind, a column all NULL, and a frame of one row."""
    rng = np.random.default_rng(7)
    n = 500
    frame = pd.DataFrame(
        {
            "big": rng.integers(-(2**40), 2**40, n),
            "small": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(0, 3000, n)), dtype="Int64"),
            "period": rng.choice(np.array(["2009-10", "2006-08", "", "café", None], dtype=object), n),
            "number": np.where(rng.random(n) < 0.3, np.nan, rng.normal(size=n)),
            "empty": [None] * n,
            "flag": rng.random(n) < 0.5,
        }
    )
    kinds = [">i8", ">i2", "text", ">f8", ">f8", "u1"]
    assert pgcopy.encode(frame, kinds) == _reference(frame, kinds)
    assert pgcopy.encode(frame.head(1), kinds) == _reference(frame.head(1), kinds)
