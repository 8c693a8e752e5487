"""One error hierarchy: a base class, and errors meant to be shown to users.

A ``UserError`` carries a message that is already fit for a person: the CLI
prints it on one line without a traceback. Anything else is a bug.
"""

from __future__ import annotations


class KeykisError(Exception):
    """Base class of every error raised on purpose by keykis."""


class UserError(KeykisError):
    """A problem with the user's input, shown as one clear line.

    Attributes:
        path: The file the problem is in, when there is one.
        line: 1-based line number, when known.
        column: 1-based column number, when known.
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class CaseFileError(UserError):
    """A case (or worksheet) file that cannot be read or parsed."""
