"""Decision forms of the staff task pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import Step

DECISION_LABELS = {
    Step.INTAKE: (("accept", _("受け付ける")), ("return", _("補正を依頼する"))),
    Step.REVIEW: (
        ("recommend_approval", _("承認が適当と判断する")),
        ("recommend_refusal", _("不承認が適当と判断する")),
        ("return", _("補正を依頼する")),
    ),
    Step.DECISION: (
        ("approve", _("承認する")),
        ("refuse", _("不承認とする")),
        ("send_back", _("審査に差し戻す")),
    ),
}
COMMENT_REQUIRED = {
    ("intake", "return"): _("補正を依頼する内容を書いてください。"),
    ("review", "return"): _("補正を依頼する内容を書いてください。"),
    ("decision", "refuse"): _("不承認の理由を書いてください（行政手続法第8条）。"),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("判断"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("コメント"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("補正の依頼や不承認の理由は申請者に送られます。"),
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["decision"].choices = DECISION_LABELS[step]

    def clean(self):
        cleaned = super().clean()
        message = COMMENT_REQUIRED.get((self.step, cleaned.get("decision")))
        if message and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", message)
        return cleaned


class ReviewForm(DecisionForm):
    novelty = forms.BooleanField(
        label=_("新規性: 自社にとって新たな取組で、同業他社で相当程度普及していない"),
        required=False,
    )
    feasibility = forms.BooleanField(
        label=_("実現可能性: 計画の内容・体制で実施できる"), required=False
    )
    funding = forms.BooleanField(label=_("資金計画: 調達の見込みが妥当"), required=False)
    policy = forms.BooleanField(
        label=_("基本方針との整合: 経営革新の基本方針に適合"), required=False
    )

    field_order = ["novelty", "feasibility", "funding", "policy", "decision", "comment"]

    def checklist(self) -> dict:
        return {
            k: self.cleaned_data.get(k, False)
            for k in ("novelty", "feasibility", "funding", "policy")
        }
