"""The checker: a case against the case schema and the method's rules.

The names below are its public API. Besides checking cases, they let another
kind of document be checked with the same rules (``keykis.study.checks`` for
worksheets): the rule functions of ``keykis.check.rules`` yield ``Hit``s on
any ``Case``-shaped data; ``place_hits`` places, words, levels and filters
them into ``Finding``s; ``describe_error``, ``allowed_keys`` and ``key_hint``
word the document's own schema errors; ``file_error`` turns an unreadable
file into a finding.
"""

from keykis.check.config import Config, config_for
from keykis.check.engine import check_case, check_path, file_error, has_errors, message_for, place_hits, printed_size_notes
from keykis.check.findings import Finding, Hit, format_findings
from keykis.check.structure import allowed_keys, describe_error, key_hint

__all__ = [
    "Config", "Finding", "Hit", "allowed_keys", "check_case", "check_path", "config_for", "describe_error",
    "file_error", "format_findings", "has_errors", "key_hint", "message_for", "place_hits", "printed_size_notes",
]
