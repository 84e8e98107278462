"""How figures reach people: one place for labels, number formats and the words that stand in for a
missing value, shared by every page, every download and the board pack.

Nothing a person reads should be a column name, a code or a pandas placeholder: `labels.toml` names
every column, code and category the marts hand out; `formats` turns each kind of value into text
(pounds with separators, whole counts, percentages to one decimal, dates without times, quarters that
say both the financial and the calendar months); `tables.for_people` applies both to a frame.
"""
