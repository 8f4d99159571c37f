"""Ingest: every source (data files, monographs, open-data files) becomes typed records."""
