"""The portal's answer form: the actuals of each closed plan year (the plan editor's figures
form), the state of each 別表2 item and the support measures used."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import ItemProgress, SupportUsed
from approvals.forms import FiguresForm


class ItemForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput, max_length=200)
    status = forms.ChoiceField(label=_("実施状況"), choices=ItemProgress.choices)
    effect = forms.CharField(
        label=_("効果"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(
        label=_("今後の取組"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ItemFormSet = forms.formset_factory(ItemForm, extra=0, max_num=50, absolute_max=50)


class SupportForm(forms.Form):
    support_used = forms.MultipleChoiceField(
        label=_("利用した支援策"),
        choices=SupportUsed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def figures_form(follow_up, years, data=None) -> FiguresForm:
    initial = FiguresForm.initial_from(follow_up.figures.all())
    return FiguresForm(data, initial=initial, years=years, final_year=None)


def items_formset(follow_up, data=None) -> ItemFormSet:
    saved = list(follow_up.items.all())
    if saved:
        initial = [
            {"item": i.item, "status": i.status, "effect": i.effect, "next": i.next} for i in saved
        ]
    else:
        initial = [
            {"item": s.item, "status": ItemProgress.IN_PROGRESS}
            for s in follow_up.application.schedule.all()
        ]
    return ItemFormSet(data, initial=initial, prefix="items")
