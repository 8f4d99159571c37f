"""Contacts and directory: telephone numbers valid in the French numbering plans and written
as French typography does, e-mail and web addresses well formed, and an e-mail's domain
matching the organisation's web site.

Numbers are read by phonenumbers in the plan of the entry's region (overseas regions have
their own: `phone_plans`). The checks on addresses look for what print gets wrong (an
accented host, « ww. » for « www. »): general validators accept accented hosts, which are
valid internationalised names but not the organisations' real addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberType

from monoreg.model import Contact, DirectoryEntry, Finding, NetworkLink, Severity
from monoreg.validate.addresses import LOCAL_PART, host_of, host_problem, read_phone
from monoreg.validate.context import Context
from monoreg.validate.registry import rule
from monoreg.validate.wording import quote

FAMILY = "contacts"
GEOGRAPHIC = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
              PhoneNumberType.FIXED_LINE_OR_MOBILE)

Holder = Contact | DirectoryEntry


def who(item: object, detail: str | None = None) -> str:
    """Whose address or number it is, for the message: 'Carif-Oref Normandie (Site de Caen)'."""
    if isinstance(item, Contact):
        name = ", ".join(x for x in (item.organisation, item.role, item.person) if x)
    elif isinstance(item, DirectoryEntry):
        name = f"{item.organisation} ({item.territory_label})"
    elif isinstance(item, NetworkLink):
        name = item.network
    else:
        name = ""
    return f"{name}{f', {detail}' if detail else ''}"


def phones(context: Context) -> Iterator[tuple[Holder, str, str, str]]:
    """(item, whose number, number as printed, numbering plan) for every telephone."""
    settings = context.settings
    region_plan = settings.phone_plans.get(context.edition.region, settings.phone_region)
    for contact in context.edition.contacts:
        if contact.phone:
            yield contact, who(contact), contact.phone, region_plan
    for entry in context.edition.directory:
        plan = settings.phone_plans.get(entry.territory or "", settings.phone_region)
        for phone in entry.phones:
            yield entry, who(entry, phone.label), phone.number, plan


def in_pairs(digits: str) -> str:
    return " ".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@rule("phone-number", Severity.ERROR, FAMILY)
def phone_number(context: Context) -> Iterator[Finding]:
    """Un numéro de téléphone est un numéro valide d'un plan de numérotation (10 chiffres en
    France, métropole et outre-mer), un seul par ligne."""
    default = context.settings.phone_region
    for item, name, text, plan in phones(context):
        if read_phone(text, plan, default) is not None:
            continue
        digits = re.sub(r"\D", "", text)
        if "/" in text:
            message = (f"{name} : {quote(text)} n'est pas un numéro, mais deux numéros ou un "
                       "numéro et un complément ; écrire chaque numéro en entier.")
            expected = "un numéro complet par ligne"
        elif digits.startswith("0") and not digits.startswith("00"):
            message = (f"{name} : {quote(text)} compte {len(digits)} chiffres ; un numéro "
                       "français en compte 10.")
            expected = "10 chiffres"
        else:
            message = f"{name} : {quote(text)} n'est pas un numéro de téléphone valide."
            expected = "un numéro valide"
        yield context.finding(item, message, printed=text, expected=expected)


@rule("phone-format", Severity.WARNING, FAMILY, flags=False)
def phone_format(context: Context) -> Iterator[Finding]:
    """Un numéro s'écrit comme le veut la typographie française : dix chiffres groupés par
    deux (« 02 69 64 38 42 », pas « 0269 64 38 42 ») ; un numéro hors du plan à dix chiffres
    (Nouvelle-Calédonie) s'écrit sous sa forme internationale « +687 24 66 22 », le préfixe
    « 00 » ne valant que depuis la France (information). Les numéros spéciaux (0 800…)
    gardent leur groupement commercial."""
    settings = context.settings
    for item, name, text, plan in phones(context):
        number = read_phone(text, plan, settings.phone_region)
        if number is None:
            continue  # phone-number says it
        national = str(number.national_number)
        region = phonenumbers.region_code_for_number(number)
        if _spaced(text).startswith(("00", "+")) or region not in settings.french_phone_regions:
            expected = f"+{number.country_code} {in_pairs(national)}"
            if _spaced(text) == expected:
                continue
            where = "étranger" if region not in settings.french_phone_regions \
                else "hors du plan français à dix chiffres"
            yield context.finding(
                item, f"{name} : numéro {where} ({region}) {quote(text)}, à écrire sous sa "
                      f"forme internationale {expected}.", printed=text, expected=expected,
                severity=Severity.INFO)
        elif phonenumbers.number_type(number) in GEOGRAPHIC:
            expected = in_pairs("0" + national)
            if _spaced(text) != expected:
                yield context.finding(
                    item, f"{name} : {quote(text)} s'écrit en dix chiffres groupés par "
                          f"deux, {expected}.", printed=text, expected=expected)


def addresses(context: Context) -> Iterator[tuple[object, list[str], list[str]]]:
    """(item, e-mail addresses, web addresses) for every contact, directory entry and
    network of the guide."""
    for contact in context.edition.contacts:
        yield contact, [contact.email] if contact.email else [], \
            [contact.website] if contact.website else []
    for entry in context.edition.directory:
        yield entry, list(entry.emails), [*entry.websites, *entry.public_websites]
    if context.edition.guide is not None:
        for link in context.edition.guide.networks:
            yield link, [], [link.url]


@rule("email-address", Severity.ERROR, FAMILY)
def email_address(context: Context) -> Iterator[Finding]:
    """Une adresse électronique est bien formée : une partie locale, une arobase, un nom de
    domaine sans accent (« contact@cap-métiers.pro » n'est pas l'adresse de cap-metiers.pro)."""
    for item, emails, _ in addresses(context):
        for email in emails:
            local, at, domain = email.strip().rpartition("@")
            if not at or not LOCAL_PART.match(local):
                yield context.finding(item, f"{who(item)} : adresse électronique mal "
                                            f"formée {quote(email)}.", printed=email,
                                      expected="partie-locale@domaine.fr")
                continue
            problem = host_problem(domain)
            if problem is not None:
                what, host = problem
                yield context.finding(
                    item, f"{who(item)} : adresse électronique {quote(email)}, {what}.",
                    printed=email,
                    expected=f"{local}@{host}" if host else "partie-locale@domaine.fr")


@rule("web-address", Severity.ERROR, FAMILY)
def web_address(context: Context) -> Iterator[Finding]:
    """Une adresse web est bien formée : un nom de domaine sans accent, qui commence par
    « www. » et pas « ww. » (adresse tronquée), suivi d'un domaine de premier niveau."""
    for item, _, websites in addresses(context):
        for address in websites:
            host = host_of(address)
            problem = host_problem(host) if host else ("aucun nom de domaine", "")
            if problem is None:
                continue
            what, fixed = problem
            yield context.finding(
                item, f"{who(item)} : adresse web {quote(address)}, {what}.",
                printed=address,
                expected=address.replace(host, fixed, 1) if fixed else "www.domaine.fr")


def _matches(domain: str, host: str) -> bool:
    host = host.removeprefix("www.")
    return domain == host or host.endswith("." + domain) or domain.endswith("." + host)


@rule("email-domain", Severity.INFO, FAMILY)
def email_domain(context: Context) -> Iterator[Finding]:
    """Le domaine d'une adresse électronique est celui d'un site de l'organisme
    (contact@agefma.fr et www.agefma.org ne le sont pas) : un domaine différent est souvent
    une faute de frappe, parfois un choix de l'organisme."""
    for item, emails, websites in addresses(context):
        hosts = [h.lower() for h in map(host_of, websites) if h]
        for email in emails:
            domain = email.strip().rpartition("@")[2].lower()
            if not hosts or not domain or any(_matches(domain, h) for h in hosts):
                continue
            yield context.finding(
                item, f"{who(item)} : le domaine de {quote(email)} ({domain}) n'est celui "
                      f"d'aucun site de l'organisme ({', '.join(hosts)}).", printed=email,
                expected=f"une adresse @{hosts[0].removeprefix('www.')}")
