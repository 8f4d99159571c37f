"""The one preferred-figure policy (derive/preferred.py) and the one tie policy
(derive/ranks.py), on SYNTHETIC figures."""

from __future__ import annotations

from decimal import Decimal

from monoreg.derive.preferred import Candidate, Origin, choose_preferred, origin_of
from monoreg.derive.ranks import shared_ranks
from monoreg.model import Observation, Quality, QualityStatus, Status, parse_period


def figure(value: str | None, *, status: QualityStatus = QualityStatus.OK,
           territory: str = "28") -> Observation:
    return Observation(indicator="population", territory=territory,
                       period=parse_period("2029"),
                       value=Decimal(value) if value is not None else None, unit="persons",
                       status=Status.VALUE if value is not None else Status.MISSING,
                       quality=Quality(status))


def best(*candidates: Candidate) -> Candidate:
    [chosen] = choose_preferred(candidates, lambda c: c).values()
    return chosen


def test_own_edition_then_series_then_other_editions_then_imports() -> None:
    own = Candidate(figure("1"), Origin.OWN_EDITION, 2030, 4)
    series = Candidate(figure("2"), Origin.SERIES, None, 1)
    other = Candidate(figure("3"), Origin.OTHER_EDITION, 2031, 2)
    imported = Candidate(figure("4"), Origin.IMPORT, None, 3)
    assert best(imported, other, series, own) is own
    assert best(imported, other, series) is series
    assert best(imported, other) is other


def test_a_sound_value_beats_a_flagged_one_which_beats_a_gap() -> None:
    flagged = Candidate(figure("1", status=QualityStatus.FLAGGED), Origin.OWN_EDITION, 2030, 1)
    withheld = Candidate(figure("1", status=QualityStatus.WITHHELD), Origin.OWN_EDITION, 2031, 0)
    missing = Candidate(figure(None), Origin.OWN_EDITION, 2031, 2)
    series = Candidate(figure("2"), Origin.SERIES, None, 3)
    corrected = Candidate(figure("5", status=QualityStatus.CORRECTED), Origin.OTHER_EDITION,
                          2029, 4)
    assert best(flagged, series) is series
    assert best(withheld, missing, flagged) is flagged
    assert best(withheld, missing) is withheld       # then the newest edition, then order
    assert best(flagged, corrected) is corrected


def test_the_newest_edition_then_storage_order_break_ties() -> None:
    older = Candidate(figure("1"), Origin.OWN_EDITION, 2030, 0)
    newer = Candidate(figure("2"), Origin.OWN_EDITION, 2031, 1)
    assert best(older, newer) is newer
    first, second = (Candidate(figure("1"), Origin.SERIES, None, n) for n in (0, 1))
    assert best(second, first) is first


def test_origin_of_a_stored_figure() -> None:
    assert origin_of("28", "28", "datafiles") is Origin.OWN_EDITION
    assert origin_of("FR", "28", "datafiles") is Origin.OTHER_EDITION
    assert origin_of("28", None, "series") is Origin.SERIES
    assert origin_of("28", None, "import") is Origin.IMPORT


def test_equal_values_share_a_rank() -> None:
    values = [Decimal(v) for v in ("9", "7", "7", "7", "3", "3", "1")]
    assert shared_ranks(values) == [1, 2, 2, 2, 5, 5, 7]
    assert shared_ranks([]) == []
