"""Decision forms of the staff task pages.

The decision is the button pressed (``name="decision"``); the comment's label says who will read
it. The same form is posted again, unchanged, from the confirmation page.
"""

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
# How a decision's button looks: the usual way forward, a warning, or a step back.
BUTTON_STYLES = {
    "accept": "button",
    "recommend_approval": "button",
    "approve": "button",
    "recommend_refusal": "button button-warning",
    "refuse": "button button-warning",
    "return": "button button-secondary",
    "send_back": "button button-secondary",
}
# What the decision will do, said on the confirmation page.
CONSEQUENCES = {
    ("intake", "accept"): _("申請を受け付け、審査に回します。"),
    ("intake", "return"): _(
        "申請者に補正を依頼します。コメントは補正の依頼として申請者にメールと申請画面で伝えられます。"
    ),
    ("review", "recommend_approval"): _(
        "「承認が適当」として決裁に回します。審査意見は県の内部の記録で、申請者には表示されません。"
    ),
    ("review", "recommend_refusal"): _(
        "「不承認が適当」として決裁に回します。審査意見は県の内部の記録で、申請者には表示されません。"
    ),
    ("review", "return"): _(
        "申請者に補正を依頼します。コメントは補正の依頼として申請者にメールと申請画面で伝えられます。"
    ),
    ("decision", "approve"): _(
        "計画を承認します。年度内の承認番号が採番され、申請者に通知されます。この決定は取り消せません。"
    ),
    ("decision", "refuse"): _(
        "計画を不承認とします。コメントは不承認の理由として申請者に通知されます。"
        "この決定は取り消せません。"
    ),
    ("decision", "send_back"): _("決裁せずに審査に差し戻します。コメントは県の内部の記録です。"),
}
COMMENT_REQUIRED = {
    ("intake", "return"): _("補正を依頼する内容を書いてください。"),
    ("review", "return"): _("補正を依頼する内容を書いてください。"),
    ("decision", "refuse"): _("不承認の理由を書いてください（行政手続法第8条）。"),
}
COMMENT_LABELS = {
    Step.INTAKE: (
        _("コメント"),
        _("補正を依頼するときは、その内容を書いてください（申請者に送られます）。"),
    ),
    Step.REVIEW: (
        _("審査意見"),
        _(
            "承認・不承認の判断では県の内部の記録です。補正を依頼するときは、"
            "この欄の内容が申請者に送られます。"
        ),
    ),
    Step.DECISION: (
        _("コメント・不承認の理由"),
        _("不承認とするときは、その理由を書いてください（不承認の理由として申請者に送られます）。"),
    ),
}


class DecisionForm(forms.Form):
    has_checklist = False

    decision = forms.ChoiceField(
        label=_("判断"),
        widget=forms.RadioSelect,
        error_messages={"required": _("判断のボタンを押してください。")},
    )
    comment = forms.CharField(
        label=_("コメント"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["decision"].choices = DECISION_LABELS[step]
        label, help_text = COMMENT_LABELS[step]
        self.fields["comment"].label = label
        self.fields["comment"].help_text = help_text

    def clean(self):
        cleaned = super().clean()
        message = COMMENT_REQUIRED.get((self.step, cleaned.get("decision")))
        if message and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", message)
        return cleaned

    def buttons(self) -> list[tuple[str, str, str]]:
        """(value, label, CSS classes) of each decision button."""
        return [(value, label, BUTTON_STYLES[value]) for value, label in DECISION_LABELS[self.step]]

    def checklist(self) -> dict | None:
        return None

    def decision_label(self) -> str:
        return dict(DECISION_LABELS[self.step])[self.cleaned_data["decision"]]

    def consequence(self) -> str:
        return CONSEQUENCES[(self.step, self.cleaned_data["decision"])]


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

    has_checklist = True
    CHECKLIST = ("novelty", "feasibility", "funding", "policy")
    field_order = [*CHECKLIST, "decision", "comment"]

    def checklist(self) -> dict:
        return {k: self.cleaned_data.get(k, False) for k in self.CHECKLIST}

    def checklist_fields(self):
        return [self[name] for name in self.CHECKLIST]

    def checklist_items(self) -> list[tuple[str, str, bool]]:
        """(field name, label, ticked) of a valid form, for the confirmation page."""
        return [(k, self.fields[k].label, self.cleaned_data.get(k, False)) for k in self.CHECKLIST]

    def unticked_for_approval(self) -> bool:
        """Recommending approval with an item of the checklist not confirmed."""
        return self.cleaned_data["decision"] == "recommend_approval" and not all(
            self.checklist().values()
        )
