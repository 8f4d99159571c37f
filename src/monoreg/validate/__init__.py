"""Validation: independent rules that find and explain every inconsistency of an edition.

`validate_edition(edition, catalog)` runs every registered rule and returns the findings,
errors first; findings an editor accepted in the data files carry their justification.
"""

from monoreg.validate.registry import RULES, Context, rule, validate_edition

__all__ = ["RULES", "Context", "rule", "validate_edition"]
