"""Every exception type Zholdau Monitor raises, each with a message that says what to do."""

from __future__ import annotations


class ZholdauError(Exception):
    """Base class: catch this to handle any error of ours."""


class ReadError(ZholdauError):
    """An input could not be read; the message names the source and how to fix it."""

    def __init__(self, source: str, message: str, hint: str = "") -> None:
        self.source = source
        self.hint = hint
        text = f"{source}: {message}"
        if hint:
            text += f" — {hint}"
        super().__init__(text)


class KnowledgeError(ZholdauError):
    """A knowledge data file is invalid; the message names the file, the entry and the problem."""


class StoreError(ZholdauError):
    """The store could not be opened or used (bad URL, newer schema than this program, ...)."""


class ConfigError(ZholdauError):
    """A setting has a value we cannot use; the message names the setting and what it accepts."""


class PlanError(ZholdauError):
    """An Address implementation plan could not be read; the message names the lines and what to fix."""
