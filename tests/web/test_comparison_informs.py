"""Comparing regions on the bundled REAL data (INSEE total employment, end of 2019, and
legal populations on 1 January 2021): values per 1 000 inhabitants beside the totals,
each region placed against the regions' median with a stated threshold, and a period
choice. The position rule itself is checked on hand-written SYNTHETIC values."""

from __future__ import annotations

from decimal import Decimal

import httpx

from monoreg.web.services.comparison import _positions


def test_positions_against_the_median_with_its_absolute_deviation() -> None:
    # SYNTHETIC: median 4,5; absolute deviations 3,5 2,5 0,5 0,5 2,5 5,5 → their median
    # 2,5; « comparable » from 2 to 7 (bounds included).
    values = [Decimal(v) for v in ("1", "2", "4", "5", "7", "10")] + [None]
    labels, note = _positions(values, str)
    assert [labels.get(n) for n in range(7)] == [
        "plus bas", "comparable", "comparable", "comparable", "comparable", "plus élevé",
        None]
    assert note is not None and "Médiane des 6 régions : 4.5" in note and "(2.5)" in note


def test_indicator_page_gives_per_inhabitant_values_and_positions(real_url: str) -> None:
    page = httpx.get(real_url + "/indicateurs/emploi_total").text
    assert "Pour 1 000 habitants (population municipale, 1er janvier 2021)" in page
    # Normandie: 1 301 thousand jobs (end of 2019) / 3 327 966 inhabitants × 1 000 = 390,93.
    assert '">390,9</td>' in page
    assert "« Comparable » : à moins d&#39;un écart absolu médian" in page
    assert "plus élevé" in page and "comparable" in page
    assert 'id="periode"' in page


def test_rates_are_not_divided_by_the_population(real_url: str) -> None:
    page = httpx.get(real_url + "/indicateurs/taux_chomage").text
    assert "Pour 1 000 habitants" not in page
