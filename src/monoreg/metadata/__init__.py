"""The catalogue: reference data declared in files (regions, units, sections, indicators,
sources), loaded into the typed model."""
