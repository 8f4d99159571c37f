"""Derive: pure computations on figures (evolutions, shares, ratios). Nothing is rounded here."""
