"""Error messages that say what to do, once (the GOV.UK error-message pattern).

Django's generic 「この項目は必須です。」 becomes 「<label>を入力してください。」
(or 選んでください for a choice), and the error summary shows a message alone when it
already names the field, instead of gluing the label to it.
Loaded in templates as ``{% load form_errors %}``.
"""

from django import forms, template
from django.forms.fields import Field
from django.utils.translation import gettext as _

register = template.Library()

CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def _generic_required() -> str:
    return str(Field.default_error_messages["required"])


@register.filter
def error_text(field, error) -> str:
    """The message to show for `error` of the bound `field`."""
    text = str(error)
    if text != _generic_required():
        return text
    label = str(field.label or "")
    if isinstance(field.field.widget, CHOICE_WIDGETS):
        return _("%(label)sを選んでください。") % {"label": label}
    return _("%(label)sを入力してください。") % {"label": label}


@register.filter
def summary_text(field, error) -> str:
    """The line of the error summary: the message, prefixed with the field's label only when
    the message does not already name it (a checkbox's message always stands alone)."""
    text = error_text(field, error)
    label = str(field.label or "")
    if not label or label in text or isinstance(field.field.widget, forms.CheckboxInput):
        return text
    return _("%(label)s：%(message)s") % {"label": label, "message": text}
