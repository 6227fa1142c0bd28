"""Filters that write the plan's codes in words: ``{{ version.rule_set|rule_set_label }}``."""

from django import template

from approvals.presenters.check import rule_set_label as _rule_set_label
from approvals.targets.counting import fiscal_year_display, unit_label

register = template.Library()


@register.filter
def rule_set_label(code) -> str:
    return _rule_set_label(code) or str(code or "")


@register.filter
def target_unit(unit, count=None) -> str:
    """A target series' unit for `count` of it: 「件」, or "approval"/"approvals"."""
    return unit_label(str(unit or ""), count)


@register.filter
def fiscal_year(year) -> str:
    """2007年度（平成19年度）, or FY2007 in English."""
    return fiscal_year_display(int(year))
