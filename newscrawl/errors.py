"""Why a page or record was refused: one exception type carrying a reason slug for stats and logs."""

from __future__ import annotations


class Refused(ValueError):
    """A page that yields no record, or a record that must not be written.

    ``reason`` is a short slug (``not_html``, ``no_body``, ``body_too_short`` ...) used in the stats key
    ``newscrawl/dropped/<reason>``; ``detail`` is the human sentence for the log and stderr.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail or reason
