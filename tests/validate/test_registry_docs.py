"""The registry: every rule named, documented and tested; every setting documented; a clean
SYNTHETIC edition gives nothing to report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from validation_builders import clean_edition, run

from monoreg.model import Severity
from monoreg.validate import RULES, ValidationSettings, load_rules, rule

PROJECT = Path(__file__).resolve().parents[2]
DOCS = (PROJECT / "docs" / "validation.md").read_text(encoding="utf-8")
TESTS = "\n".join(p.read_text(encoding="utf-8")
                  for p in (PROJECT / "tests").rglob("test_*.py"))


@pytest.mark.parametrize("rule_id", sorted(load_rules()))
def test_rule_is_named_documented_and_tested(rule_id: str) -> None:
    entry = RULES[rule_id]
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule_id)
    assert len(entry.doc) > 40, "the docstring is the rule's text in the report"
    assert f"`{rule_id}`" in DOCS, "docs/validation.md documents every rule"
    assert f'"{rule_id}"' in TESTS, "every rule is exercised by a test"


@pytest.mark.parametrize("setting", sorted(ValidationSettings.model_fields))
def test_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in DOCS
    assert ValidationSettings.model_fields[setting].description


def test_rule_ids_are_kebab_case_and_unique() -> None:
    with pytest.raises(ValueError, match="kebab-case"):
        rule("Not_Kebab", Severity.INFO, "test")
    with pytest.raises(ValueError, match="twice"):
        rule("evolution-mismatch", Severity.INFO, "test")(lambda context: [])


def test_clean_synthetic_edition_gives_nothing_to_report() -> None:
    edition = clean_edition()
    assert edition.synthetic
    assert [(f.rule, f.message) for f in run(edition)] == []
