"""The portal links an address exactly when the contact checks find nothing wrong with it."""

from __future__ import annotations

from monoreg.validate.addresses import mailto_href, tel_uri, web_href


def test_web_addresses() -> None:
    assert web_href("www.c2rp.fr") == "https://www.c2rp.fr"
    assert web_href(" http://www.agefma.org/ ") == "http://www.agefma.org/"
    assert web_href("www.cap-métiers.pro") is None   # accented host: flagged, not linked
    assert web_href("ww.c2rp.fr") is None            # truncated 'www.'
    assert web_href("voir le site") is None


def test_mail_addresses() -> None:
    assert mailto_href("contact@agefma.fr") == "mailto:contact@agefma.fr"
    assert mailto_href("contact@cap-métiers.pro") is None
    assert mailto_href("contact agefma.fr") is None


def test_phone_numbers() -> None:
    assert tel_uri("02 31 95 52 00") == "tel:+33231955200"
    assert tel_uri("02 31 95 52") is None            # nine digits: stays text
