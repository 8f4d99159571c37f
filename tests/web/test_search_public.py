"""Search for the public on the bundled REAL data: the guide, its glossary, the networks, the
indicators and the monographs' sections are found beside the texts, each hit leads to the
exact item, and a query of stop words only or without results gets a friendly answer."""

from __future__ import annotations

import httpx
import lxml.html


def _hits(real_url: str, query: str) -> list[tuple[str, str, str]]:
    """(title, type, link) of each hit."""
    response = httpx.get(real_url + "/recherche", params={"q": query})
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.text)
    return [(li.xpath(".//h3")[0].text_content().strip(),
             li.xpath(".//p[@class='muted']")[0].text_content(),
             li.xpath(".//h3/a")[0].get("href"))
            for li in tree.xpath("//ol[@class='hits']/li")]


def test_vae_finds_the_policy_text_the_guide_and_the_glossary(real_url: str) -> None:
    hits = _hits(real_url, "VAE")
    titles = {title for title, _, _ in hits}
    links = {link for _, _, link in hits}
    assert "PRC" in titles and "PIC" in titles                 # glossary: « … (VAE) »
    assert "Points Relais Conseil VAE" in titles               # the guide's networks
    assert any(link.startswith("/ou-s-adresser?public=") for link in links)   # the guide
    assert any("/textes/" in link for link in links)           # the policy text
    assert "/ou-s-adresser#reseaux" in links
    assert "/regions/normandie#guide-orientation" in links


def test_indicators_and_sections_lead_to_their_page(real_url: str) -> None:
    hits = _hits(real_url, "taux de chômage")
    assert ("Taux de chômage", "Indicateur", "/indicateurs/taux_chomage") in [
        (t, kind.split(" —")[0].strip(), link) for t, kind, link in hits]
    sections = _hits(real_url, "apprentissage")
    assert any(link == "/regions/normandie#apprentissage" for _, _, link in sections)


def test_stop_words_only_get_a_friendly_answer_not_an_error(real_url: str) -> None:
    response = httpx.get(real_url + "/recherche", params={"q": "les"})
    assert response.status_code == 200
    assert "que des mots trop courants" in response.text
    assert 'href="/ou-s-adresser"' in response.text


def test_no_result_suggests_close_words_and_pages(real_url: str) -> None:
    page = httpx.get(real_url + "/recherche", params={"q": "formaton"}).text
    assert "Aucun résultat pour « formaton »" in page
    assert 'href="/recherche?q=formation"' in page
    assert 'href="/annuaire"' in page
