"""The row-based sections: 実施計画 (別表2), 資金計画 (別表4), 関係機関への連絡希望 (別表6).

Rows left entirely blank are ignored, so the applicant can leave spare rows empty; a row that is
half filled in gets a message on the missing cell.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals import services
from approvals.constants import MAX_ROWS, FundingSource, SupportBody
from approvals.forms.fields import LooseIntegerField, numeric_input
from approvals.models import FundingItem, ScheduleItem
from approvals.terms import quarter_choice_label, quarter_key


def quarter_choices(years: int, plan_start=None) -> list[tuple[str, str]]:
    """ "1-1" … "<years>-4": the quarter a schedule item starts or ends in, labelled with its
    calendar months once the plan's start is known (「2027年4月〜6月（1年目 第1四半期）」)."""
    choices = [("", _("選択してください"))]
    for year in range(1, years + 1):
        for quarter in range(1, 5):
            value = f"{year}-{quarter}"
            choices.append((value, quarter_choice_label(value, plan_start)))
    return choices


class RowForm(forms.Form):
    row_fields: tuple[str, ...] = ()
    missing_messages: dict = {}

    def is_blank(self) -> bool:
        return not any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.row_fields
        )

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for name in self.row_fields:
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, self.missing_messages[name])
        return cleaned

    def row(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.row_fields}


class ScheduleItemForm(RowForm):
    row_fields = ("item", "start", "end")
    missing_messages = {
        "item": _("実施項目を入力してください。"),
        "start": _("開始の時期を選んでください。"),
        "end": _("終了の時期を選んでください。"),
    }

    item = forms.CharField(
        label=ScheduleItem._meta.get_field("item").verbose_name, max_length=200, required=False
    )
    start = forms.ChoiceField(label=_("開始"), required=False)
    end = forms.ChoiceField(label=_("終了"), required=False)

    def __init__(self, *args, years=5, plan_start=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = quarter_choices(years, plan_start)
        self.fields["start"].choices = self.fields["end"].choices = choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and quarter_key(end) < quarter_key(start):
            self.add_error("end", _("終了は開始と同じか、それより後の時期を選んでください。"))
        return cleaned


class FundingItemForm(RowForm):
    row_fields = ("source", "amount")
    missing_messages = {
        "source": _("調達先を選んでください。"),
        "amount": _("金額を入力してください。"),
    }

    source = forms.ChoiceField(
        label=FundingItem._meta.get_field("source").verbose_name,
        required=False,
        choices=[("", _("選択してください")), *FundingSource.choices],
    )
    amount = LooseIntegerField(
        label=FundingItem._meta.get_field("amount").verbose_name,
        required=False,
        min_value=0,
        # static/js/money.js: the 円 echo, separators, and the running 調達計.
        widget=numeric_input(**{"data-money": "", "data-funding-amount": ""}),
    )


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [
            form.row()
            for form in self.forms
            if not form.is_blank() and not form.cleaned_data.get("DELETE")
        ]

    def raw_rows(self) -> list[dict]:
        """What was typed, unvalidated: to redisplay the rows with one more blank row."""
        return [
            {name: form[name].value() for name in form.row_fields}
            for form in self.forms
            if not form.is_blank() and not form["DELETE"].value()
        ]


def _formset(form):
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


class BaseFundingFormSet(RowFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        problem = services.funding_problem(row["source"] for row in self.rows())
        if problem:
            raise forms.ValidationError(problem)


ScheduleFormSet = _formset(ScheduleItemForm)
FundingFormSet = forms.formset_factory(
    FundingItemForm,
    formset=BaseFundingFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


class SupportContactsForm(forms.Form):
    bodies = forms.MultipleChoiceField(
        label=_("計画の内容の連絡を希望する機関"),
        required=False,
        choices=SupportBody.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("承認された計画の内容を、選んだ機関へ県から連絡します（任意）。"),
    )
