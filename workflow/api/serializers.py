"""Request bodies of the flow actions that begin outside a task: submit and withdraw."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from approvals.constants import TEXT_MAX_LENGTH


class SubmitSerializer(serializers.Serializer):
    acknowledge_failures = serializers.BooleanField(
        default=False,
        help_text=_("自己チェックで基準を満たさない項目があることを確認して提出する"),
    )
    reply = serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text=_("再提出のとき: 補正の内容（担当者への回答）。最初の提出では使われません"),
    )


class WithdrawSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text=_("取下げの理由など（任意）"),
    )
