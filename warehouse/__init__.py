"""The DuckDB warehouse: connection, migrations, marts and data checks."""
