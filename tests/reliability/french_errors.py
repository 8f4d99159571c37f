"""The bad-input corpus answers in French: the shared English detector (tests/english.py)
run over every refusal message the reliability tests get.

What a message quotes is not its prose: the names of fields and columns ('value',
'codeRegion': the data files' own ids, fixed by data/README.md) and the user's own text
given back in « … ». Both are taken out before the detector reads the sentence.
"""

from __future__ import annotations

import enum
import re

from english import assert_french

from monoreg import model

_QUOTED = re.compile(r"'[^'\n]*'|«[^»\n]*»|<[^<>\n]*>")
# The values the data files' closed lists take (data/README.md): ids, as an error lists them.
DATA_FILE_IDS = frozenset(
    member.value for name in dir(model) if isinstance(kind := getattr(model, name), type)
    and issubclass(kind, enum.Enum) for member in kind)


def assert_french_error(message: str) -> None:
    """Fails on English words in a refusal, naming them and their line."""
    assert_french(_QUOTED.sub(" ", message), allowed=DATA_FILE_IDS, where="message d'erreur")
