"""Web and e-mail addresses in printed text, and where they lead.

Every address the monograph prints becomes a link in the PDF, the HTML and the portal,
except those validation finds wrong (« ww.orientation-formation-emploi.org », an accented
host): a reader gets them as printed, never a link that leads nowhere or somewhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from monoreg.model import Finding

# An e-mail address, or a web address with its scheme or starting with 'www.'; a trailing
# full stop, comma or closing bracket belongs to the sentence; a backslash never belongs to
# one (the writers scan escaped source text). The Typst template uses the same pattern (its
# regex engine reads this syntax the same way).
ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:https?://|www\.)[^\s<>«»\"()\\]*[^\s<>«»\"().,;:!?\\]")
# The rules whose findings mean an address is wrong as printed.
ADDRESS_RULES = ("email-address", "web-address")


def href(address: str) -> str:
    """Where an address leads: 'https://www.c2rp.fr', 'mailto:contact@c2rp.fr'."""
    if address.startswith(("http://", "https://")):
        return address
    if address.startswith("www."):
        return "https://" + address
    return "mailto:" + address


def unlinked(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Addresses an unaccepted finding says are wrong, as printed."""
    return tuple(sorted({f.printed for f in findings
                         if f.rule in ADDRESS_RULES and f.printed and not f.accepted}))


def segments(text: str, wrong: Sequence[str] = ()) -> Iterator[tuple[str, str | None]]:
    """The text in pieces, each with where it leads (None: plain text)."""
    position = 0
    for match in ADDRESS.finditer(text):
        if match.start() > position:
            yield text[position:match.start()], None
        address = match.group()
        yield address, None if address in wrong else href(address)
        position = match.end()
    if position < len(text):
        yield text[position:], None


def links_in(text: str, wrong: Sequence[str] = ()) -> dict[str, str]:
    """Every linkable address of a text, with its target."""
    return {address: target for address, target in segments(text, wrong) if target}
