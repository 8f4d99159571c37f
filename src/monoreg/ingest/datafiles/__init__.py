"""The hand-edited data files under data/ (see data/README.md)."""
