"""The body of a Text as blocks: paragraphs and bullet lists.

Bodies are written as Markdown's smallest subset: paragraphs separated by blank lines, bullets
as lines starting with '- ' (a list may follow a paragraph line directly: « Intro :\n- a »).
Only markdown-it-py's paragraph and list rules run, so nothing else in a printed text (a '#',
a '>', '*', '_' or a four-space indent) changes meaning. Numbered items ('1. Repérer…') are the
numbered headings of policy texts as printed: they stay paragraphs, number included, and so do
items marked '*' or '+', which bodies do not use as bullets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

BULLET = "-"


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Paragraph | Bullets


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # 'zero' has no rule on; inline parsing is not wanted at all (bodies are plain text).
    return MarkdownIt("zero").enable(["paragraph", "list"])


def _line(content: str) -> str:
    return " ".join(part.strip() for part in content.splitlines() if part.strip())


def parse_body(body: str) -> tuple[Block, ...]:
    """The blocks of a text body, in order; bullets of nested lists join their list."""
    blocks: list[Block] = []
    items: list[str] = []
    # Per open list item, the marker kept in the text when its list is not a bullet list.
    prefixes: list[str] = []
    lists: list[bool] = []  # per open list: is it a '-' bullet list?

    def flush() -> None:
        if items:
            blocks.append(Bullets(tuple(items)))
            items.clear()

    tokens: list[Token] = _parser().parse(body)
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "bullet_list_open" and token.markup == BULLET)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            prefixes.append("" if lists[-1] else f"{token.info}{token.markup} ")
        elif token.type == "list_item_close":
            prefixes.pop()
        elif token.type == "inline":
            text = _line(token.content)
            if not text:
                continue
            if lists and lists[-1]:
                items.append(text)
                continue
            flush()
            if prefixes and prefixes[-1]:
                text = f"{prefixes[-1]}{text}"
                prefixes[-1] = ""  # the marker goes on the item's first paragraph only
            blocks.append(Paragraph(text))
    flush()
    return tuple(blocks)
