"""A delegate's 事前確認 and advice comment (approvals.support.advice_services does the writes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.support.advice import COMMENT_MAX, SECTION_CHOICES


class ConfirmationForm(forms.Form):
    comment = forms.CharField(
        label=_("確認のコメント"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("確認した点や、企業に伝えたいことがあれば書いてください（任意）。"),
    )
    # The fingerprint of the content shown: a draft changed meanwhile is not recorded.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class AdviceForm(forms.Form):
    section = forms.ChoiceField(
        label=_("どの項目への助言か"),
        choices=SECTION_CHOICES,
        error_messages={"invalid_choice": _("項目を一覧から選んでください。")},
    )
    body = forms.CharField(
        label=_("助言コメント"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("コメントを入力してください。")},
    )
