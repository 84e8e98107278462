"""Every column a mart hands out has a label and a format in presentation/labels.toml, every format
named there exists, and each kind of value reads as words (issue 18)."""

import pandas as pd

from presentation import formats
from presentation.labels import _file, known_column
from presentation.tables import FORMATS, for_people


def test_every_mart_column_has_a_label(con):
    views = con.execute(
        "select view_name from duckdb_views() where not internal and starts_with(view_name, 'mart_')"
    ).fetchall()
    columns = {c[0] for (view,) in views for c in con.execute(f"select * from {view} limit 0").description}
    assert len(views) > 15
    assert sorted(c for c in columns if not known_column(c)) == []


def test_every_format_the_labels_name_exists():
    assert {entry["format"] for entry in _file()["columns"].values()} - set(FORMATS) == set()


def test_values_read_as_people_write_them():
    frame = pd.DataFrame(
        {
            "allocation": [1255000.0, None],
            "commissioners": [1250.0, None],
            "pct_of_all": [37.04, None],
            "published_on": [pd.Timestamp("2013-04-01"), pd.NaT],
            "category": ["agreed_not_engaged", None],
            "period": ["2011-Q4", "2012-03"],
            "value": [None, 6.9],
        }
    )
    shown = for_people(frame)
    assert shown.columns.tolist() == [
        "Allocation for breaks",
        "Commissioners",
        "% of those asked",
        "Published on",
        "Co-production",
        "Quarter",
        "Value",
    ]
    assert shown.iloc[0].tolist() == [
        "£1,255,000",
        "1,250",
        "37.0%",
        "1 April 2013",
        "Not engaged, and says so",
        "2011-12 Q3 (October to December 2011)",
        formats.suppressed(),
    ]
    assert shown.iloc[1].tolist()[:5] == ["not reported", "0", "no answers yet", "not published", "not applicable"]
