"""Editions over time: the next edition scaffolded from the last one, the editor's checklist,
what changed between two editions, time series across editions and imports, rankings."""
