"""Filters that write the plan's codes in words: ``{{ version.rule_set|rule_set_label }}``."""

from django import template

from approvals.presenters.check import rule_set_label as _rule_set_label

register = template.Library()


@register.filter
def rule_set_label(code) -> str:
    return _rule_set_label(code) or str(code or "")
