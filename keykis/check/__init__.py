"""The checker: a case against the case schema and the method's rules."""

from keykis.check.engine import check_case, check_path, has_errors
from keykis.check.findings import Finding, format_findings

__all__ = ["Finding", "check_case", "check_path", "format_findings", "has_errors"]
