"""What makes a printed telephone number, e-mail or web address usable: the rules the
contact checks (validate/rules/contacts.py) report on, and the portal's links follow — a
link is made exactly when the check finds nothing wrong with the address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber

from monoreg.model.names import fold
from monoreg.validate.wording import quote

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)
LOCAL_PART = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$",
                        re.IGNORECASE)
TOP_LEVEL = re.compile(r"^[a-z]{2,63}$", re.IGNORECASE)


def read_phone(text: str, plan: str, default: str) -> PhoneNumber | None:
    """The number in its region's plan, else in the default plan; None when invalid."""
    for region in dict.fromkeys((plan, default)):
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def host_problem(host: str) -> tuple[str, str] | None:
    """What is wrong with a host name, and the host as it should probably be."""
    ascii_host = fold(host)
    if ascii_host != host.lower():
        return "hôte accentué", ascii_host
    labels = host.lower().split(".")
    if labels[0] in ("w", "ww", "wwww"):
        return f"{quote(labels[0] + '.')} pour {quote('www.')}", ".".join(["www", *labels[1:]])
    if len(labels) < 2 or not all(LABEL.match(label) for label in labels) \
            or not TOP_LEVEL.match(labels[-1]):
        return "nom de domaine mal formé", ""
    return None


def host_of(address: str) -> str:
    """The host of a web address printed with or without its scheme ('www.c2rp.fr')."""
    first = address.strip().split()[0] if address.strip() else ""
    try:
        return urlsplit(first if "//" in first else f"//{first}").hostname or ""
    except ValueError:  # an unbalanced '[' reads as a broken IPv6 address
        return ""


def tel_uri(text: str, plan: str = "FR") -> str | None:
    """A tel: link for a valid number (in its plan, French by default), else None: printed
    numbers may be wrong, and then they stay text."""
    number = read_phone(text, plan, plan)
    if number is None:
        return None
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def web_href(text: str) -> str | None:
    """A link for a printed web address (https when printed without a scheme), else None."""
    address = text.strip()
    if not address or any(c.isspace() for c in address):
        return None
    host = host_of(address)
    if not host or host_problem(host) is not None:
        return None
    return address if address.startswith(("http://", "https://")) else f"https://{address}"


def mailto_href(text: str) -> str | None:
    """A mailto: link for a well-formed e-mail address, else None."""
    address = text.strip()
    local, at, domain = address.rpartition("@")
    if not at or not LOCAL_PART.match(local) or host_problem(domain) is not None:
        return None
    return f"mailto:{address}"
