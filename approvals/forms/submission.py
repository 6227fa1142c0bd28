"""Submitting (with the acknowledgement of a failed self-check) and withdrawing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import TEXT_MAX_LENGTH


class SubmitForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=_("自己チェックで基準を満たさない項目があることを確認しました"),
        required=False,
    )

    reply = forms.CharField(
        label=_("補正の内容（担当者への回答）"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "何をどう修正したか、依頼への回答を書いてください（任意）。県の担当者が"
            "変更点と一緒に確認します。"
            "例: 2年目の売上高は、新製品の受注見込み（A社 1,000千円）を根拠に見直しました。"
        ),
    )

    def __init__(self, *args, needs_acknowledgement=False, resubmission=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_acknowledgement = needs_acknowledgement
        if not resubmission:
            del self.fields["reply"]
        if not needs_acknowledgement:
            del self.fields["acknowledge"]
        else:
            self.fields["acknowledge"].required = True
            self.fields["acknowledge"].error_messages["required"] = _(
                "基準を満たさない項目があることを確認し、チェックを入れてください。"
            )

    @property
    def acknowledged(self) -> bool:
        return bool(self.cleaned_data.get("acknowledge"))

    @property
    def reply_text(self) -> str:
        return (self.cleaned_data.get("reply") or "").strip()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("取下げの理由"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("任意。県の担当者が確認します。"),
    )
