"""Decision forms of the staff task pages.

The decision is the button pressed (``name="decision"``). Two boxes, one reader each: 「申請者への
連絡」 (``comment``) is what the applicant reads, 「内部メモ」 (``memo``) never leaves the
prefecture. A correction request also names the sections to fix and its deadline. The same
form is posted again, unchanged, from the confirmation page.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from approvals.constants import (
    CORRECTION_REASONS,
    STEP_DECISIONS,
    TEXT_MAX_LENGTH,
    Decision,
    PlanSection,
    Step,
)
from approvals.models import Authority, Review
from approvals.presenters.correction import section_labels
from approvals.transitions import comment_required, correction_due_default, correction_problems

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
_TO_APPLICANT = _(
    "「申請者への連絡」は申請者の申請画面に表示されます。内部メモは申請者には表示されません。"
)
_RETURN = _(
    "申請者に補正を依頼します。「申請者への連絡」と補正の対象・補正期限は、補正の依頼として"
    "申請者にメールと申請画面で伝えられます。内部メモは申請者には表示されません。"
)
CONSEQUENCES = {
    (Step.INTAKE, Decision.ACCEPT): format_lazy(
        "{} {}", _("申請を受け付け、審査に回します。"), _TO_APPLICANT
    ),
    (Step.INTAKE, Decision.RETURN): _RETURN,
    (Step.REVIEW, Decision.RECOMMEND_APPROVAL): format_lazy(
        "{} {}",
        _("「承認が適当」として決裁に回します。内部メモは審査意見として決裁者に表示されます。"),
        _TO_APPLICANT,
    ),
    (Step.REVIEW, Decision.RECOMMEND_REFUSAL): format_lazy(
        "{} {}",
        _("「不承認が適当」として決裁に回します。内部メモは審査意見として決裁者に表示されます。"),
        _TO_APPLICANT,
    ),
    (Step.REVIEW, Decision.RETURN): _RETURN,
    (Step.DECISION, Decision.APPROVE): format_lazy(
        "{} {}",
        _(
            "計画を承認します。年度内の承認番号が採番され、申請者に通知されます。この決定は取り消せません。"
        ),
        _TO_APPLICANT,
    ),
    (Step.DECISION, Decision.REFUSE): _(
        "計画を不承認とします。「申請者への連絡」は不承認の理由として申請者に通知されます。"
        "内部メモは申請者には表示されません。この決定は取り消せません。"
    ),
    (Step.DECISION, Decision.SEND_BACK): format_lazy(
        "{} {}", _("決裁せずに審査に差し戻します。"), _TO_APPLICANT
    ),
}
# The message's hint at each step: when it is required and what it becomes.
COMMENT_HINTS = {
    Step.INTAKE: _("補正を依頼するときは、依頼する内容を書いてください（必須）。"),
    Step.REVIEW: _("補正を依頼するときは、依頼する内容を書いてください（必須）。"),
    Step.DECISION: _(
        "不承認とするときは、その理由を書いてください（必須。不承認の理由として通知されます）。"
    ),
}
MEMO_HINTS = {
    Step.INTAKE: _("審査担当者への引継ぎなど、県の内部の記録です。"),
    Step.REVIEW: _("審査意見として決裁者に表示される、県の内部の記録です。"),
    Step.DECISION: _("県の内部の記録です。"),
}


class DecisionForm(forms.Form):
    has_checklist = False

    decision = forms.ChoiceField(
        label=_("判断"),
        widget=forms.RadioSelect,
        error_messages={"required": _("判断のボタンを押してください。")},
    )
    comment = forms.CharField(
        label=_("申請者への連絡"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Only where a correction can be requested (intake, review): a ready-made reason, appended
    # to the message (static/js/correction.js inserts it at once where JavaScript runs).
    reason = forms.ChoiceField(label=_("定型文"), required=False)
    sections = forms.MultipleChoiceField(
        label=_("補正の対象（修正が必要な項目）"),
        required=False,
        choices=PlanSection.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "選んだ項目は、申請者の画面で「修正が必要」と表示され、依頼からリンクされます。"
        ),
    )
    due_on = forms.DateField(
        label=_("補正期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("補正期限は 2026-12-16 のように日付で入力してください。")},
    )
    memo = forms.CharField(
        label=_("内部メモ（申請者には表示されません）"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["decision"].choices = self.decision_choices()
        self.fields["comment"].help_text = COMMENT_HINTS[step]
        self.fields["memo"].help_text = MEMO_HINTS[step]
        if self.can_return:
            self.fields["reason"].choices = [
                ("", _("定型文を選ぶ")),
                *[(str(i), text) for i, text in enumerate(CORRECTION_REASONS)],
            ]
            days = Authority.current().correction_days
            self.fields["due_on"].initial = correction_due_default()
            self.fields["due_on"].help_text = _(
                "初期値は今日から%(days)d日後です。空欄のときも%(days)d日後になります。"
            ) % {"days": days}
        else:
            for name in ("reason", "sections", "due_on"):
                del self.fields[name]

    @property
    def can_return(self) -> bool:
        return Decision.RETURN in STEP_DECISIONS[self.step]

    def reason_options(self) -> list[str]:
        """The ready-made reasons, for the inserting script."""
        return [str(text) for text in CORRECTION_REASONS]

    def clean_reason(self):
        value = self.cleaned_data.get("reason") or ""
        return str(CORRECTION_REASONS[int(value)]) if value else ""

    def decision_choices(self) -> list[tuple[str, str]]:
        return [(d.value, d.label) for d in STEP_DECISIONS[self.step]]

    def clean(self):
        cleaned = super().clean()
        comment = (cleaned.get("comment") or "").strip()
        reason = cleaned.get("reason") or ""
        if reason and reason not in comment:  # the select, posted without the script
            comment = f"{comment}\n{reason}".strip()
        cleaned["comment"] = comment
        cleaned["memo"] = (cleaned.get("memo") or "").strip()
        decision = cleaned.get("decision")
        message = comment_required(self.step, decision)
        if message and not comment:
            self.add_error("comment", message)
        if decision == Decision.RETURN:
            problems = correction_problems(cleaned.get("sections"), cleaned.get("due_on"))
            for name, problem in problems.items():
                self.add_error(name, problem)
        return cleaned

    def correction(self) -> dict:
        """Sections and deadline of a correction request (empty for any other decision)."""
        if self.cleaned_data.get("decision") != Decision.RETURN:
            return {}
        return {
            "sections": self.cleaned_data.get("sections") or [],
            "due_on": self.cleaned_data.get("due_on") or correction_due_default(),
        }

    def section_labels(self) -> list[str]:
        return section_labels(self.correction().get("sections", []))

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
    field_order = [*CHECKLIST, "decision", "comment", "reason", "sections", "due_on", "memo"]

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
