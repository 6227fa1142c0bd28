"""The form opening a change of an approved plan (変更承認申請): its reason and items."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import TEXT_MAX_LENGTH, ChangeItem


class ChangeForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("変更する事項"),
        choices=ChangeItem.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("変更する事項を1つ以上選んでください。")},
    )
    reason = forms.CharField(
        label=_("変更理由"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("なぜ計画を変更するのかを具体的に書いてください。"),
        error_messages={"required": _("変更理由を書いてください。")},
    )
