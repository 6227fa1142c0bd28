"""The 廃止 form: the firm's reason and the date its approved plan ended."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import TEXT_MAX_LENGTH
from approvals.discontinuation import discontinue_problems


class DiscontinueForm(forms.Form):
    reason = forms.CharField(
        label=_("廃止の理由"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("廃止の理由を書いてください。")},
    )
    effective_on = forms.DateField(
        label=_("廃止の日"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("承認日から今日までの日付を指定してください。"),
        error_messages={
            "required": _("廃止の日を入力してください。"),
            "invalid": _("廃止の日は 2026-12-16 のように日付で入力してください。"),
        },
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        cleaned = super().clean()
        if "reason" in cleaned and "effective_on" in cleaned:
            problems = discontinue_problems(
                self.application,
                reason=cleaned["reason"],
                effective_on=cleaned["effective_on"],
            )
            for field, message in problems.items():
                self.add_error(field, message)
        return cleaned
