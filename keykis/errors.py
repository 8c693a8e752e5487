"""One error hierarchy: a base class, and errors meant to be shown to users.

A ``UserError`` carries a message that is already fit for a person: the CLI
prints it on one line without a traceback. Anything else is a bug. The
message is English; an error that also names its ``words`` (a key of the
vocabulary and the fields it needs) is shown in the user's language by
``keykis.vocabulary.error_message``.
"""

from __future__ import annotations

Words = tuple[str, dict[str, object]]
"""A vocabulary key ("file.empty") and the fields its text is filled with."""


class KeykisError(Exception):
    """Base class of every error raised on purpose by keykis."""


class UserError(KeykisError):
    """A problem with the user's input, shown as one clear line.

    Attributes:
        path: The file the problem is in, when there is one.
        line: 1-based line number, when known.
        column: 1-based column number, when known.
        words: The message as vocabulary words, for other languages, when there are some.
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, column: int | None = None,
        words: Words | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.words = words

    def where(self) -> str:
        """``path:line:column: `` (as much as is known), or nothing."""
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return where

    def __str__(self) -> str:
        return f"{self.where()}{self.message}"


class CaseFileError(UserError):
    """A case (or worksheet) file that cannot be read or parsed."""
