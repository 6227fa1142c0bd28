"""The firm's form to delegate to a support body's user (支援機関への委任).

The limits are approvals.support.services.delegation_problems, which the API applies too:
this form only parses what was typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.support.services import scope_choices


class DelegationForm(forms.Form):
    username = forms.CharField(
        label=_("支援機関の担当者のユーザー名"),
        max_length=150,
        required=False,
        help_text=_("支援機関の担当者から伝えられたユーザー名（ログインID）を入力してください"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("委任する権限"),
        required=False,
        choices=scope_choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["view"],
        help_text=_("「閲覧」は常に含まれます。必要な権限だけを選んでください"),
    )
    valid_to = forms.DateField(
        label=_("有効期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("この日まで有効です（3年以内）。期限が過ぎると自動で使えなくなります"),
        error_messages={"invalid": _("有効期限は 2026-12-16 のように日付で入力してください。")},
    )
    power_of_attorney = forms.FileField(
        label=_("委任状"),
        required=False,
        help_text=_("「提出」を委任するときに必要です（PDF・PNG・JPEG）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    copy_mails = forms.BooleanField(
        label=_("企業あてのお知らせメール（提出・補正・結果）の写しを委任先にも送る"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("username", "scopes", "valid_to"):
            self.fields[name].submission_required = True
