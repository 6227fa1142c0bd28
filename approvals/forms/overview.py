"""計画の概要 (別表1): theme, kinds of new business activity, texts and the plan period."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals import rules, selectors, terms
from approvals.constants import TEXT_MAX_LENGTH, THEME_MAX_LENGTH, ActivityType
from approvals.forms.fields import YearMonthField
from approvals.models import Application

TOO_LONG = _("%(limit_value)d文字以内で入力してください（現在%(show_value)d文字）。")


def _model(name):
    field = Application._meta.get_field(name)
    return {"label": field.verbose_name, "help_text": field.help_text, "required": False}


def _years(numbers):
    # A callable, so the labels are translated per request, not once at import.
    return lambda: [(n, terms.years_label(n)) for n in numbers]


def _text(name):
    return forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": TOO_LONG},
        **_model(name),
    )


class OverviewForm(forms.Form):
    """Every field may stay empty while drafting; completeness is checked at submission."""

    theme = forms.CharField(
        max_length=THEME_MAX_LENGTH, error_messages={"max_length": TOO_LONG}, **_model("theme")
    )
    activity_types = forms.MultipleChoiceField(
        label=_("新事業活動の類型"),
        required=False,
        choices=ActivityType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("当てはまるものをすべて選んでください"),
    )
    existing_business = _text("existing_business")
    content = _text("content")
    novelty = _text("novelty")
    plan_start = YearMonthField(**{**_model("plan_start"), "help_text": _("例：2027年4月")})
    period_years = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=_years((3, 4, 5)),
        **_model("period_years"),
    )
    rd_years = forms.TypedChoiceField(
        coerce=int,
        choices=_years(range(6)),
        **{**_model("rd_years"), "required": True},
    )

    # Drafts may leave these empty, but a submission needs every one: the page marks them 必須
    # as every other page marks a required field. 研究開発期間 defaults to 0 and is shown only
    # for a research-and-development plan, so it carries no mark.
    SUBMISSION_REQUIRED = tuple(f for f in Application.OVERVIEW_FIELDS if f != "rd_years")

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        for name in self.SUBMISSION_REQUIRED:
            self.fields[name].submission_required = True
        self.fields["rd_years"].hide_required = True

    @property
    def rnd_choice_id(self) -> str:
        """The id of the R&D 類型's checkbox, which reveals 研究開発期間."""
        for choice in self["activity_types"]:
            if choice.data["value"] == ActivityType.RND:
                return choice.id_for_label
        return ""

    def clean_plan_start(self):
        start = self.cleaned_data["plan_start"]
        if self.application is not None:
            problem = selectors.plan_start_problem(self.application, start)
        else:
            problem = rules.plan_start_problem(start, on=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem, code="plan_start_window")
        return start

    @classmethod
    def initial_for(cls, application: Application) -> dict:
        return {
            name: application.activity_codes()
            if name == "activity_types"
            else getattr(application, name)
            for name in Application.OVERVIEW_FIELDS
        }
