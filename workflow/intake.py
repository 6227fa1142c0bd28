"""The intake clerk's checklist (受付チェックリスト) and the gaps the system sees by itself.

The checklist is a form of its own, beside the decision form (workflow.forms) and prefixed so
its fields never meet the decision's: the task page shows it in its own fieldset, the
confirmation page carries it on, and the decision records it (``intake_check_record``) with the
intake decision, in the same transaction. ``intake_gaps`` flags what needs no judgement: a
株式会社 without 法人番号, fewer than two 決算書 attached, a head office outside the prefecture.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals.constants import LegalForm
from documents.constants import AttachmentKind
from workflow.models import IntakeCheck

FINANCIALS_NEEDED = 2


def _item(name: str) -> forms.BooleanField:
    field = IntakeCheck._meta.get_field(name)
    return forms.BooleanField(
        label=format_lazy("{}: {}", field.verbose_name, field.help_text), required=False
    )


class IntakeChecklistForm(forms.Form):
    prefix = "intake"
    CHECKLIST = IntakeCheck.CHECKLIST

    articles = _item("articles")
    financials = _item("financials")
    registry_recent = _item("registry_recent")
    in_prefecture = _item("in_prefecture")
    corporate_number = _item("corporate_number")

    def ticked(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in self.CHECKLIST}

    def items(self) -> list[tuple[str, str, bool]]:
        """(input name, label, ticked) of a valid form, for the confirmation page."""
        return [
            (self[name].html_name, self.fields[name].label, self.cleaned_data.get(name, False))
            for name in self.CHECKLIST
        ]

    def unticked(self) -> bool:
        return not all(self.ticked().values())


def intake_gaps(application) -> list[str]:
    """What the intake clerk should look at, found without judgement (one query)."""
    company = application.company
    gaps = []
    if company.legal_form == LegalForm.KABUSHIKI and not company.corporate_number:
        gaps.append(_("株式会社ですが、法人番号が入力されていません。"))
    if not company.region:
        gaps.append(_("本店の所在地が県内の市町村ではありません。"))
    financials = application.attachments.current().filter(kind=AttachmentKind.FINANCIALS).count()
    if financials < FINANCIALS_NEEDED:
        gaps.append(
            ngettext(
                "決算書の添付が%(n)d件です（直近2期分、2件以上が必要です）。",
                "決算書の添付が%(n)d件です（直近2期分、2件以上が必要です）。",
                financials,
            )
            % {"n": financials}
        )
    return gaps


def intake_check_record(*, application, clerk, decision: str, ticked: dict) -> IntakeCheck:
    return IntakeCheck.objects.create(
        application=application,
        version=application.version,
        clerk=clerk,
        decision=decision,
        **{name: bool(ticked.get(name)) for name in IntakeCheck.CHECKLIST},
    )
