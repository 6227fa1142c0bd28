"""The evidence file of a particulars report, on the portal's company page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EvidenceForm(forms.Form):
    evidence_attachment = forms.FileField(
        label=_("変更を証明する書類"),
        required=False,
        help_text=_(
            "承認を受けた後に商号・代表者・所在地を変更するときに必要です"
            "（履歴事項全部証明書など。PDF・PNG・JPEG）。電話番号などの変更には不要です。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
