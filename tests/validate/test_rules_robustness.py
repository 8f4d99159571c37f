"""Every rule copes with any SYNTHETIC edition: random figures, periods of every kind,
missing values and evolutions, without raising."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validation_builders import INDICATORS, edition, evo, fig, run

from monoreg import formatting as fr
from monoreg.model import Severity

PLACES = ("chiffres-cles", "population-emploi", "budgets-consolides")
TERRITORIES = ("28", "FR", "FR-HM", "53")
PERIODS = ("2028", "2029", "2030", "2028-T2", "2029-T2", "2029-07", "2028/2029",
           "1er janvier 2029")
PRINTED = st.one_of(
    st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False)
    .map(lambda d: fr.number(d, 2)),
    st.integers(min_value=0, max_value=10**8).map(str),
    st.sampled_from(["Non renseigné", "-", "30 70 000", "1.5", "0"]))
FIGURES = st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(sorted(INDICATORS)),
                             st.sampled_from(TERRITORIES), st.sampled_from(PERIODS), PRINTED),
                   max_size=25)
CLAIMS = st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(sorted(INDICATORS)),
                            st.sampled_from(PERIODS), st.sampled_from(PERIODS),
                            st.sampled_from(["+1,00 %", "-0,7 pt", "%", "-", "3.3%", "0"])),
                  max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIGURES, CLAIMS)
def test_rules_never_raise(figures: list[tuple[str, ...]], claims: list[tuple[str, ...]]
                           ) -> None:
    unique = {(p, i, t, d): printed for p, i, t, d, printed in figures}
    ed = edition(*(fig(p, i, t, d, printed) for (p, i, t, d), printed in unique.items()),
                 evolutions=tuple(evo(p, i, b, d, printed) for p, i, b, d, printed in claims))
    for finding in run(ed):
        assert finding.message and finding.severity in Severity
