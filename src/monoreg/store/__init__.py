"""The store owns the SQL: one schema, the same code on SQLite and PostgreSQL."""
