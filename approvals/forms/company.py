"""The applicant's company profile: identifiers and numbers accepted as the applicant types them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import PREFECTURES, Industry, LegalForm
from approvals.forms.fields import LooseIntegerField, numeric_input
from approvals.identifiers import normalize_number, normalize_postal_code
from approvals.models import Company


def _model(name):
    field = Company._meta.get_field(name)
    return {"label": field.verbose_name, "help_text": field.help_text}


def _months():
    return [("", _("選択してください"))] + [
        (m, _("%(month)d月") % {"month": m}) for m in range(1, 13)
    ]


class CompanyForm(forms.ModelForm):
    corporate_number = forms.CharField(
        required=False, max_length=30, widget=numeric_input(), **_model("corporate_number")
    )
    postal_code = forms.CharField(
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        **{**_model("postal_code"), "help_text": _("例: 231-0023（〒や全角数字でも入力できます）")},
    )
    prefecture = forms.ChoiceField(
        choices=[("", _("選択してください"))] + [(p, p) for p in PREFECTURES],
        **_model("prefecture"),
    )
    capital = LooseIntegerField(required=False, min_value=0, max_digits=15, **_model("capital"))
    employees = LooseIntegerField(min_value=0, max_digits=7, **_model("employees"))
    fiscal_year_end_month = forms.TypedChoiceField(
        coerce=int, choices=_months, **_model("fiscal_year_end_month")
    )
    closed_fiscal_years = LooseIntegerField(
        min_value=0, max_digits=3, **_model("closed_fiscal_years")
    )

    class Meta:
        model = Company
        fields = list(Company.PROFILE_FIELDS)
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choose = [("", _("選択してください"))]
        self.fields["legal_form"].choices = choose + LegalForm.choices
        self.fields["industry"].choices = choose + Industry.choices

    def clean_postal_code(self):
        digits = normalize_postal_code(self.cleaned_data["postal_code"])
        if digits is None:
            raise forms.ValidationError(
                _("郵便番号は7桁の数字で入力してください（例: 231-0023）。"), code="postal_code"
            )
        return digits

    def clean_corporate_number(self):
        # Digits only; the model's validator then checks the length and the check digit.
        return normalize_number(self.cleaned_data["corporate_number"]).replace("-", "")

    def clean(self):
        cleaned = super().clean()
        sole = cleaned.get("legal_form") == LegalForm.SOLE
        number = cleaned.get("corporate_number")
        if not sole and "corporate_number" not in self.errors and not number:
            self.add_error(
                "corporate_number",
                _(
                    "法人番号を入力してください。個人事業主の方は、組織形態で「個人事業主」を選んでください。"
                ),
            )
        if sole and number:
            self.add_error(
                "corporate_number", _("個人事業主には法人番号がありません。空欄にしてください。")
            )
        return cleaned
