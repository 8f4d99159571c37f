"""Finds English words left in French user-facing text (help pages, errors, pages, PDF text).

Shared test helper: ``english_words(text)`` returns the English words found, ``[]`` for clean
French. Identifiers the contract fixes are not prose and are skipped: command names, option names
(``--format``), metavars (``REGION``), rule and indicator ids (passed in ``allowed``), file names,
paths, URLs, code spans and snake_case keys.

The word list holds common English words that are *not* also French words, so that « or »,
« son », « plus », « message », « options », « usage » or « table » never raise a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Commands, metavars, option values, JSON statuses and settings fixed by docs/cli-contract.md:
# they may appear in French text as they are.
CONTRACT_IDS: frozenset[str] = _words(
    """
    monoreg load show export validate build serve init release import monograph of-list lheo
    edition new status fill sheet apply diff backup restore
    REGION YEAR FILE DIR FROM TO H P YYYY-MM-DD FILE.xlsx
    text json csv xlsx html pdf plain
    error warning info ok flagged accepted corrected withheld
    MONOREG_DATABASE_URL MONOREG_DATA_DIR
    """
)

# Common English words that are not French words (nor French words without their accents).
ENGLISH_WORDS: frozenset[str] = _words(
    """
    the and of to with this that these those is was were be been being by from for
    it its it's into onto than then there their they them what which who whom whose when
    where why how all any each every some many more most other such only own same so very
    can could will would should shall may might must do does did doing done has have had
    having not no yes if else while because about above below after before between under
    over again further once here both few nor too just now also
    show shows shown exit help commands command default defaults required optional
    enable disable enabled disabled install installed completion current copy customize
    files folder folders directory path paths value values number numbers year years
    edition editions region regions data output input print prints printed
    write writes written read reads list lists load loads loaded build builds built
    run runs running find finds found check checks checked missing empty invalid unknown
    error errors warning warnings findings finding rule rules fix fixed next step steps
    key keys column columns row rows line lines reports
    update updates updated publish published release released new old first last
    one two three every none all yet still left remain remains remaining done
    see use used uses using get gets set sets give gives given make makes made take
    should without within through per against across
    summary spreadsheet sheet cell cells open opens save saves saved delete deleted
    start server host database stored monographs monograph downloads
    download proof always never free training employment apprenticeship
    success failed failure wrong mistake growth rate consistency sum
    don't can't cannot doesn't isn't won't aren't wasn't didn't you your we our
    """
)

# French words an English list would otherwise catch (kept explicit so the list stays honest).
FRENCH_HOMOGRAPHS: frozenset[str] = _words(
    """
    a as on or son plus me but are pour message messages options usage arguments table tables
    figure file page pages ok index public site format formats type types source sources contact
    contacts test tests date dates note notes question port total simple code codes minute
    minutes solution solutions place mention an store report stop shell installation
    """
)

_CODE_SPAN = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"\b(?:https?|ftp|file)://\S+|\bwww\.\S+")
_DOMAIN = re.compile(r"\b(?:[\w-]+\.)+(?:fr|com|org|net|eu|io|gouv)\b")
# Click's own English labels whose words alone are also French: their English typography
# (no space before the colon) gives them away.
_ENGLISH_LABELS = re.compile(r"\b(Usage|Options|Arguments|Commands|Error):")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_PATHISH = re.compile(r"\S*[\w.]/[\w.]\S*|[\w.~-]+/")
_FILE_NAME = re.compile(
    r"\b[\w.-]+\.(?:xlsx|xls|csv|json|html?|pdf|txt|py|md|ya?ml|toml|sh|typ|xml|zip|sqlite|db|gz|png)\b",
    re.IGNORECASE,
)
_SNAKE = re.compile(r"\b\w+_\w+\b")
_ID_LIKE = re.compile(r"[\w.-]*\w")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """English words of ``text`` in order of first appearance, once each (case kept).

    ``allowed`` adds ids the caller knows are fixed (rule ids, indicator ids, region slugs);
    they are matched as whole tokens, hyphens included, so ``growth-consistency`` is allowed
    while the word « growth » in prose is not.
    """
    ids = CONTRACT_IDS | frozenset(allowed)
    found: list[str] = [m.group(0) for m in _ENGLISH_LABELS.finditer(text)]
    for pattern in (_CODE_SPAN, _URL, _DOMAIN, _FILE_NAME, _PATHISH, _OPTION, _SNAKE):
        text = pattern.sub(" ", text)
    text = _ID_LIKE.sub(lambda m: " " if m.group(0) in ids else m.group(0), text)
    seen: set[str] = set()
    for token in _WORD.findall(text):
        key = token.lower().replace("’", "'")
        if key in FRENCH_HOMOGRAPHS or key in seen:
            continue
        parts = [key, *key.split("'")]
        if any(part in ENGLISH_WORDS for part in parts):
            seen.add(key)
            found.append(token)
    return found


def assert_french(text: str, allowed: Iterable[str] = (), where: str = "") -> None:
    """Fails with the English words found and the line each first appears on."""
    words = english_words(text, allowed)
    if not words:
        return
    lines = []
    for word in words:
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        line = next((ln.strip() for ln in text.splitlines() if pattern.search(ln)), "")
        lines.append(f"  « {word} » dans : {line}")
    place = f" ({where})" if where else ""
    raise AssertionError(f"English in French text{place}:\n" + "\n".join(lines))
