"""Contacts and directory, each rule with a failing and a passing SYNTHETIC edition.

The numbers and addresses below are invented; they only have the shapes the rules judge.
"""

from __future__ import annotations

from dataclasses import replace

from validation_builders import contact, directory_entry, edition, guide, run

from monoreg.model import NetworkLink, Phone, Severity


def entry(*numbers: str, territory: str | None = "28", **fields: object) -> object:
    return edition(directory=(directory_entry(
        territory=territory, phones=tuple(Phone(n) for n in numbers), **fields),))


def test_phone_numbers_that_are_not_numbers() -> None:
    findings = run(entry("05 55 79 36 000", "0 800 007 070 / 474"), "phone-number")
    assert [(f.printed, f.expected) for f in findings] == [
        ("05 55 79 36 000", "10 chiffres"),
        ("0 800 007 070 / 474", "un numéro complet par ligne")]
    assert findings[0].section == "annuaire"


def test_phone_numbers_valid_in_their_region_plan() -> None:
    assert run(entry("02 31 95 52 00", "0 800 05 00 00"), "phone-number") == []
    # Guadeloupe's numbers are read in Guadeloupe's plan
    assert run(entry("05 90 60 48 48", territory="01"), "phone-number") == []
    assert run(edition(contacts=(contact(phone="02 31 06 98 32"),)), "phone-number") == []
    assert [f.section for f in run(edition(contacts=(contact(phone="02 31 06"),)),
                                   "phone-number")] == ["conseil-regional"]


def test_phone_format_in_pairs_and_international() -> None:
    findings = run(entry("0269 64 38 42", territory="06"), "phone-format")
    assert [(f.severity, f.expected) for f in findings] == [
        (Severity.WARNING, "02 69 64 38 42")]
    foreign = run(entry("00 687 24 66 22", territory=None), "phone-format")
    assert [(f.severity, f.expected) for f in foreign] == [(Severity.INFO, "+687 24 66 22")]


def test_phone_format_as_french_typography_writes_it() -> None:
    assert run(entry("02 69 64 38 42", territory="06"), "phone-format") == []
    assert run(entry("+687 24 66 22", territory=None), "phone-format") == []
    assert run(entry("0 800 222 100"), "phone-format") == []   # free number: its own grouping


def test_email_addresses_malformed_or_accented() -> None:
    ed = edition(directory=(directory_entry(emails=("contact@cap-métiers.pro",
                                                    "contact@@exemple.fr"),
                                            websites=("www.cap-metiers.pro",)),))
    findings = run(ed, "email-address")
    assert [(f.printed, f.expected) for f in findings] == [
        ("contact@cap-métiers.pro", "contact@cap-metiers.pro"),
        ("contact@@exemple.fr", "partie-locale@domaine.fr")]


def test_email_addresses_well_formed() -> None:
    ed = edition(directory=(directory_entry(emails=("karine.exemple@oprf-synthetique.fr",)),),
                 contacts=(contact(email="direction@region-synthetique.fr"),))
    assert run(ed, "email-address") == []


def test_web_addresses_truncated_or_accented() -> None:
    ed = edition(directory=(directory_entry(
        websites=("ww.orientation-synthetique.org",),
        public_websites=("www.atout.cap-métiers.pro", "https://", "http://[www.x.fr")),))
    findings = run(ed, "web-address")
    assert [(f.printed, f.expected) for f in findings] == [
        ("ww.orientation-synthetique.org", "www.orientation-synthetique.org"),
        ("www.atout.cap-métiers.pro", "www.atout.cap-metiers.pro"),
        ("https://", "www.domaine.fr"), ("http://[www.x.fr", "www.domaine.fr")]


def test_web_addresses_well_formed() -> None:
    links = (NetworkLink("Réseau", "www.cnfpt.fr - Rubrique “Nous connaître”"),
             NetworkLink("Réseau", "https://gouv.nc/direction/formation-continue"),
             NetworkLink("Réseau", "www.pole-emploi.fr/informations/en-region-@/region"))
    ed = edition(guide=replace(guide(), networks=links), directory=(directory_entry(),))
    assert run(ed, "web-address") == []


def test_email_domain_differs_from_the_web_site() -> None:
    ed = edition(directory=(directory_entry(emails=("contact@agefma-synthetique.fr",),
                                            websites=("www.agefma-synthetique.org",)),))
    findings = run(ed, "email-domain")
    assert [(f.severity, f.expected) for f in findings] == [
        (Severity.INFO, "une adresse @agefma-synthetique.org")]


def test_email_domain_of_the_web_site() -> None:
    ed = edition(directory=(directory_entry(emails=("oref@region-synthetique.fr",),
                                            websites=("www.formation.region-synthetique.fr",)),
                            directory_entry(emails=("contact@sans-site.fr",), websites=())))
    assert run(ed, "email-domain") == []
