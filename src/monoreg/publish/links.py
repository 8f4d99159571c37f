"""Web and e-mail addresses in printed text, and where they lead.

Every address the monograph prints becomes a link in the PDF and the HTML, except those the
contact checks find wrong (« ww.orientation-formation-emploi.org », an accented host): a
reader gets them as printed, never a link that leads nowhere or somewhere else. Whether an
address is usable is decided once, in validate/addresses.py, for the portal too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from monoreg.validate.addresses import mailto_href, web_href

# An e-mail address, or a web address with its scheme or starting with 'www.'; a trailing
# full stop, comma or closing bracket belongs to the sentence; a backslash never belongs to
# one (the writers scan escaped source text). The Typst template uses the same pattern (its
# regex engine reads this syntax the same way).
ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:https?://|www\.)[^\s<>«»\"()\\]*[^\s<>«»\"().,;:!?\\]")


def href(address: str) -> str | None:
    """Where an address leads ('https://www.c2rp.fr', 'mailto:contact@c2rp.fr'), or None
    when the contact checks find it wrong."""
    if address.startswith(("http://", "https://", "www.")):
        return web_href(address)
    return mailto_href(address)


# Every address holds one of these, and none holds white space: the pattern runs only on the
# words that hold a marker (its e-mail branch, tried at each letter of every word of a long
# text, took most of the writers' time on links).
_MARKER = re.compile(r"@|https?://|www\.")
_SPACE = re.compile(r"\s")


def _addresses(text: str) -> Iterator[re.Match[str]]:
    """ADDRESS's matches in `text`, as ADDRESS.finditer(text) finds them."""
    end = 0
    for marker in _MARKER.finditer(text):
        if marker.start() < end:
            continue  # in the word just searched
        start = marker.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, marker.end())
        end = space.start() if space else len(text)
        yield from ADDRESS.finditer(text, start, end)


def segments(text: str) -> Iterator[tuple[str, str | None]]:
    """The text in pieces, each with where it leads (None: plain text)."""
    position = 0
    for match in _addresses(text):
        if match.start() > position:
            yield text[position:match.start()], None
        yield match.group(), href(match.group())
        position = match.end()
    if position < len(text):
        yield text[position:], None


def links_in(text: str) -> dict[str, str]:
    """Every linkable address of a text, with its target."""
    return {address: target for address, target in segments(text) if target}
