"""Plotly figures (as plain JSON-ready dictionaries) and table layouts of the stored rollups.

Each chart has a table of the same numbers beside it; the columns of both come from one layout, so they agree.
"""

from assurance import palette

from .choices import RollupKind

# GOV.UK colours; the level scale runs light to dark so it reads in greyscale too.
LEVEL_COLOURS = [palette.PALE_BLUE, palette.LIGHT_BLUE, palette.BLUE, palette.DARK_BLUE, palette.MID_GREY]
RAG_COLOURS = [palette.RED, palette.ORANGE, palette.GREEN, palette.MID_GREY]
COMPARISON_COLOURS = [palette.GREEN, palette.YELLOW, palette.RED, palette.MID_GREY, palette.LIGHT_BLUE, palette.BLUE]
PROGRESS_COLOURS = [palette.GREEN, palette.MID_GREY, palette.RED]

# kind: (title, [(column, label)], colours of the counted columns, key column label)
LAYOUTS: dict[str, tuple[str, list[tuple[str, str]], list[str], str]] = {
    RollupKind.COMPETENCY_LEVELS: (
        "Agreed competency levels",
        [("level_1", "Level 1"), ("level_2", "Level 2"), ("level_3", "Level 3"), ("level_4", "Level 4"),
         ("not_rated", "Not rated")],
        LEVEL_COLOURS,
        "Competency",
    ),
    RollupKind.GOVERNANCE_RAG: (
        "Governance ratings",
        [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("not_rated", "Not rated")],
        RAG_COLOURS,
        "Governance area",
    ),
    RollupKind.INDICATORS: (
        "Outcomes compared with England",
        [("better", "Better"), ("similar", "Similar"), ("worse", "Worse"), ("not_tested", "Not tested"),
         ("higher", "Higher (no polarity)"), ("lower", "Lower (no polarity)")],
        COMPARISON_COLOURS,
        "Indicator",
    ),
    RollupKind.PROGRESS: (
        "Progress since the previous cycle",
        [("up", "Moved up"), ("same", "Same level"), ("down", "Moved down")],
        PROGRESS_COLOURS,
        "Competency",
    ),
}  # fmt: skip

# Extra columns shown in the indicator table only (not stacked in its chart).
INDICATOR_EXTRA = [
    ("quartile_1", "Quartile 1 (best)"),
    ("quartile_2", "Quartile 2"),
    ("quartile_3", "Quartile 3"),
    ("quartile_4", "Quartile 4"),
    ("improving", "Improving"),
    ("worsening", "Worsening"),
]


# The tables of governance by area and mean levels (shown on the areas page, `national/areas.html`, and as CSV).
TABLE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    RollupKind.GOVERNANCE_AREAS: [
        ("name", "Governance area"), ("red", "Red"), ("amber", "Amber"), ("green", "Green"),
        ("not_rated", "Not rated"), ("rated", "PCTs rated"), ("share_red", "Share red"),
        ("share_amber", "Share amber"), ("share_green", "Share green"),
    ],
    RollupKind.GOVERNANCE_ALL: [
        ("counted", "PCTs signed off"), ("rated_all", "PCTs rated on every area"),
        ("green_all", "Green on every area"), ("red_all", "Red on every area"),
        ("share_green_all", "Share green on every area"), ("share_red_all", "Share red on every area"),
    ],
    RollupKind.COMPETENCY_MEANS: [
        ("competency", "Competency number"), ("name", "Competency"), ("rated", "PCTs rated"),
        ("mean", "Mean agreed level"),
    ],
}  # fmt: skip


def columns(kind: str, *, extra: bool = True) -> list[tuple[str, str]]:
    """The table columns of a rollup kind: the key's name, the counts, the total, and (with `extra`) the rest."""
    if kind in TABLE_COLUMNS:
        return TABLE_COLUMNS[kind]
    title, counted, _, key_label = LAYOUTS[kind]
    more = INDICATOR_EXTRA if extra and kind == RollupKind.INDICATORS else []
    return [("name", key_label), *counted, ("total", "PCTs"), *more]


def extra_columns(kind: str) -> list[tuple[str, str]]:
    """Columns shown in a second table beside the chart's own (the indicators' quartiles and trends)."""
    if kind != RollupKind.INDICATORS:
        return []
    return [("name", LAYOUTS[kind][3]), *INDICATOR_EXTRA]


def figure(kind: str, records: list[dict], scope_name: str) -> dict:
    """A Plotly horizontal stacked bar chart of one rollup (one bar per row, one segment per counted column).

    Built as a plain dictionary (Plotly's figure JSON) rather than through plotly.graph_objects, whose validation
    costs tens of milliseconds per figure on a page view.
    """
    title, counted, colours, _ = LAYOUTS[kind]
    names = [r["name"] for r in records]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": label,
            "y": names,
            "x": [r.get(column) or 0 for r in records],
            "marker": {"color": colour},
            "hovertemplate": "%{y}: %{x} PCTs<extra>" + label + "</extra>",
        }
        for (column, label), colour in zip(counted, colours, strict=False)
    ]
    layout = {
        "barmode": "stack",
        "title": {"text": f"{title}: {scope_name}"},
        "xaxis": {"title": {"text": "Number of PCTs"}, "rangemode": "tozero"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.2, "traceorder": "normal"},
        "height": max(280, 34 * len(records) + 160),
        "margin": {"l": 10, "r": 10, "t": 50, "b": 70},
        "font": {"family": "arial, sans-serif", "size": 13},
    }
    return {"data": data, "layout": layout}


def pct_columns(names: dict) -> list[tuple[str, str]]:
    """The columns of the table of an SHA's PCTs: code, name, state, a level per competency, RAG counts."""
    levels = [(f"competency_{n}", f"Competency {n}: {name}") for n, name in names["competencies"].items()]
    rags = [("red", "Governance red"), ("amber", "Governance amber"), ("green", "Governance green")]
    return [("pct", "PCT code"), ("name", "PCT"), ("state", "State"), *levels, *rags]


def moderation_figure(competencies: list[dict], threshold: float, sha_name: str | None = None) -> dict:
    """Moderation across SHAs as a Plotly dot chart, one row per competency (the table below has the numbers).

    For England (`sha_name` None): each SHA's mean agreed level minus the rest of England's, with dashed lines at
    plus and minus the threshold; flagged SHAs in red. For one SHA: its mean beside the rest of England's.
    """
    labels = [f"{c['number']}. {c['name']}" for c in competencies]

    def points(rows_of, x_of):
        return [
            (label, row)
            for label, c in zip(labels, competencies, strict=True)
            for row in rows_of(c)
            if x_of(row) is not None
        ]

    font = {"family": "arial, sans-serif", "size": 13}
    layout = {
        "yaxis": {"autorange": "reversed", "automargin": True, "type": "category", "categoryarray": labels},
        "legend": {"orientation": "h", "y": -0.15},
        "height": max(320, 40 * len(labels) + 180),
        "margin": {"l": 10, "r": 10, "t": 50, "b": 80},
        "font": font,
    }
    if sha_name is None:
        data = []
        for flagged, name, colour, symbol in ((False, "Within the threshold", palette.BLUE, "circle"),
                                              (True, "Flagged", palette.RED, "diamond")):  # fmt: skip
            shown = [(label, r) for label, r in points(lambda c: c["rows"], lambda r: r["difference"])
                     if r["flagged"] == flagged]  # fmt: skip
            data.append({
                "type": "scatter", "mode": "markers", "name": name,
                "x": [round(r["difference"], 2) for _, r in shown], "y": [label for label, _ in shown],
                "text": [r["sha_name"] for _, r in shown],
                "marker": {"color": colour, "size": 10, "symbol": symbol},
                "hovertemplate": "%{text}: %{x:+.2f} levels<extra>%{y}</extra>",
            })  # fmt: skip
        line = {"type": "line", "yref": "paper", "y0": 0, "y1": 1}
        layout |= {
            "title": {"text": "Each SHA's mean agreed level minus the rest of England's"},
            "xaxis": {"title": {"text": "Difference in mean level"}, "zeroline": True},
            "shapes": [
                line | {"x0": x, "x1": x, "line": {"color": palette.RED, "dash": "dash", "width": 1}}
                for x in (-threshold, threshold)
            ],
        }
        return {"data": data, "layout": layout}
    own = points(lambda c: c["rows"], lambda r: r["mean"])
    rest = points(lambda c: c["rows"], lambda r: r["rest_mean"])
    data = [
        {"type": "scatter", "mode": "markers", "name": "Rest of England",
         "x": [round(r["rest_mean"], 2) for _, r in rest], "y": [label for label, _ in rest],
         "marker": {"color": palette.MID_GREY, "size": 10, "symbol": "square"},
         "hovertemplate": "Rest of England: %{x:.2f}<extra>%{y}</extra>"},
        *[
            {"type": "scatter", "mode": "markers", "name": f"{sha_name}, flagged" if flagged else sha_name,
             "x": [round(r["mean"], 2) for _, r in own if r["flagged"] == flagged],
             "y": [label for label, r in own if r["flagged"] == flagged],
             "marker": {"color": palette.RED if flagged else palette.BLUE, "size": 11,
                        "symbol": "diamond" if flagged else "circle"},
             "hovertemplate": sha_name + ": %{x:.2f}<extra>%{y}</extra>"}
            for flagged in (False, True)
        ],
    ]  # fmt: skip
    layout |= {
        "title": {"text": f"Mean agreed level: {sha_name} and the rest of England"},
        "xaxis": {"title": {"text": "Mean agreed level (1 to 4)"}, "range": [0.8, 4.2], "dtick": 1},
    }
    return {"data": data, "layout": layout}
