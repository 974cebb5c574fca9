"""The leakage audit: ``audit_split``, ``audit_cv`` and ``LeakageReport``."""

from ._api import audit_cv, audit_split
from ._report import LeakageReport

__all__ = ["LeakageReport", "audit_cv", "audit_split"]
