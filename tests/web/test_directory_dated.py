"""The directory and the guide on the bundled REAL data: dated (« à jour en septembre 2019 »),
renamed bodies noted, the print's blank template row not shown, and `tel:` links with each
overseas region's own country code (expected numbers written by hand from the print)."""

from __future__ import annotations

import httpx


def test_directory_is_dated_notes_renamed_bodies_and_hides_template_rows(real_url: str) -> None:
    page = httpx.get(real_url + "/annuaire").text
    assert "à jour en septembre 2019" in page
    assert "Les DIRECCTE sont devenues les DREETS le 1er avril 2021." in page
    assert "si différente" not in page
    found = httpx.get(real_url + "/recherche", params={"q": "si différente"}).text
    assert "Commission en charge de l’apprentissage – si différente" not in found


def test_overseas_numbers_call_their_own_country_code(real_url: str) -> None:
    page = httpx.get(real_url + "/annuaire").text
    for printed, tel in (("05 90 60 48 48", "tel:+590590604848"),    # Guadeloupe
                         ("05 94 30 79 61", "tel:+594594307961"),    # Guyane
                         ("05 96 71 11 02", "tel:+596596711102"),    # Martinique
                         ("02 62 83 00 40", "tel:+262262830040"),    # La Réunion
                         ("0269 64 38 42", "tel:+262269643842")):    # Mayotte
        assert f'href="{tel}">{printed}</a>' in page, printed
    assert "tel:+33596" not in page and "tel:+33269" not in page


def test_guide_notes_renamed_bodies(real_url: str) -> None:
    page = httpx.get(real_url + "/ou-s-adresser",
                     params={"public": "demandeurs-d-emploi", "region": "martinique"}).text
    assert "Pôle emploi s’appelle France Travail depuis le 1er janvier 2024." in page
    assert "à jour en septembre 2019" in page
