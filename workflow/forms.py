"""Decision forms of the staff task pages.

The decision is the button pressed (``name="decision"``); the comment's label says who will read
it. The same form is posted again, unchanged, from the confirmation page.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from approvals.constants import STEP_DECISIONS, Decision, Step
from approvals.models import Review
from approvals.transitions import comment_required

# How a decision's button looks: the usual way forward, a warning, or a step back.
BUTTON_STYLES = {
    Decision.ACCEPT: "button",
    Decision.RECOMMEND_APPROVAL: "button",
    Decision.APPROVE: "button",
    Decision.RECOMMEND_REFUSAL: "button button-warning",
    Decision.REFUSE: "button button-warning",
    Decision.RETURN: "button button-secondary",
    Decision.SEND_BACK: "button button-secondary",
}
# What the decision will do, said on the confirmation page.
CONSEQUENCES = {
    (Step.INTAKE, Decision.ACCEPT): _("申請を受け付け、審査に回します。"),
    (Step.INTAKE, Decision.RETURN): _(
        "申請者に補正を依頼します。コメントは補正の依頼として申請者にメールと申請画面で伝えられます。"
    ),
    (Step.REVIEW, Decision.RECOMMEND_APPROVAL): _(
        "「承認が適当」として決裁に回します。審査意見は県の内部の記録で、申請者には表示されません。"
    ),
    (Step.REVIEW, Decision.RECOMMEND_REFUSAL): _(
        "「不承認が適当」として決裁に回します。審査意見は県の内部の記録で、申請者には表示されません。"
    ),
    (Step.REVIEW, Decision.RETURN): _(
        "申請者に補正を依頼します。コメントは補正の依頼として申請者にメールと申請画面で伝えられます。"
    ),
    (Step.DECISION, Decision.APPROVE): _(
        "計画を承認します。年度内の承認番号が採番され、申請者に通知されます。この決定は取り消せません。"
    ),
    (Step.DECISION, Decision.REFUSE): _(
        "計画を不承認とします。コメントは不承認の理由として申請者に通知されます。"
        "この決定は取り消せません。"
    ),
    (Step.DECISION, Decision.SEND_BACK): _(
        "決裁せずに審査に差し戻します。コメントは県の内部の記録です。"
    ),
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
        self.fields["decision"].choices = self.decision_choices()
        label, help_text = COMMENT_LABELS[step]
        self.fields["comment"].label = label
        self.fields["comment"].help_text = help_text

    def decision_choices(self) -> list[tuple[str, str]]:
        return [(d.value, d.label) for d in STEP_DECISIONS[self.step]]

    def clean(self):
        cleaned = super().clean()
        message = comment_required(self.step, cleaned.get("decision"))
        if message and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", message)
        return cleaned

    def buttons(self) -> list[tuple[str, str, str]]:
        """(value, label, CSS classes) of each decision button."""
        return [(value, label, BUTTON_STYLES[value]) for value, label in self.decision_choices()]

    def checklist(self) -> dict | None:
        return None

    def decision_label(self) -> str:
        return Decision(self.cleaned_data["decision"]).label

    def consequence(self) -> str:
        return CONSEQUENCES[(self.step, self.cleaned_data["decision"])]


def _checklist_item(name: str) -> forms.BooleanField:
    """A checklist item as the review record names and explains it."""
    field = Review._meta.get_field(name)
    return forms.BooleanField(
        label=format_lazy("{}: {}", field.verbose_name, field.help_text), required=False
    )


class ReviewForm(DecisionForm):
    novelty = _checklist_item("novelty")
    feasibility = _checklist_item("feasibility")
    funding = _checklist_item("funding")
    policy = _checklist_item("policy")

    has_checklist = True
    CHECKLIST = Review.CHECKLIST
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
        return self.cleaned_data["decision"] == Decision.RECOMMEND_APPROVAL and not all(
            self.checklist().values()
        )
