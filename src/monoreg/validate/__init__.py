"""Validation: independent rules that find and explain every inconsistency of an edition.

`validate_edition(edition, catalog)` runs every registered rule and returns the findings,
errors first; findings an editor accepted in the data files carry their justification.
"""

from monoreg.validate.context import Context
from monoreg.validate.registry import RULES, Rule, load_rules, rule, validate_edition
from monoreg.validate.tolerances import DEFAULT_SETTINGS, ValidationSettings

__all__ = ["DEFAULT_SETTINGS", "RULES", "Context", "Rule", "ValidationSettings", "load_rules",
           "rule", "validate_edition"]
