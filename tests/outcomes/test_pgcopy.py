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
