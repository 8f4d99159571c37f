"""Errors by kind: what the user got wrong, versus bugs.

`InputError` means the input or the data is wrong (exit 1, HTTP 4xx); `UsageError` means the
command was called wrongly (exit 2). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class MonoregError(Exception):
    """Base of every error monoreg raises on purpose."""


class InputError(MonoregError):
    """The input or the data is wrong; the message names the file and line, or the field."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.reason = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self._render())

    def _render(self) -> str:
        """One French sentence: « observations.csv, ligne 9, champ 'value' : … »."""
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f", ligne {self.line}"
        if self.field:
            where += (", " if where else "") + f"champ '{self.field}'"
        return f"{where} : {self.reason}" if where else self.reason


class UsageError(MonoregError):
    """The command or request was used wrongly (unknown region, bad option)."""


class NotFound(UsageError):
    """Something named by the user does not exist (region, edition, indicator)."""
