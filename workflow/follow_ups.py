"""Staff page of an approved plan's follow-up surveys (フォローアップ調査, DOMAIN.md §10): the
surveys asked for, their answers' achievement, the interim and final survey the schedule
proposes, and a form to ask for one now (the kind and the due date, one month by default).

The rules (who may ask, only an approved plan, a due date not before today) are the service's
(approvals.followups.services); this page shows them as messages and form errors.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from approvals.constants import FollowUpKind, Status
from approvals.errors import ApplicationError
from approvals.followups import selectors, services
from approvals.rules.followup import default_due_on
from workflow.access import staff_application


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("調査の種類"), choices=FollowUpKind.choices)
    due_on = forms.DateField(
        label=gettext_lazy("回答期限"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("初期値は依頼日の1か月後です"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_ups_view(request, pk):
    application = staff_application(request, pk)
    today = selectors.today()
    may_request = selectors.may_request(request.user) and application.status == Status.APPROVED
    form = RequestForm(initial={"kind": FollowUpKind.INTERIM, "due_on": default_due_on(today)})
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_request(
                    application=application, actor=request.user, on=today, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ApplicationError as error:
                messages.error(request, error.message)
                return redirect("workflow:follow-ups", pk=pk)
            else:
                messages.success(
                    request, _("フォローアップ調査を依頼しました。企業にメールで知らせます。")
                )
                return redirect("workflow:follow-ups", pk=pk)
    surveys = [
        (survey, survey.shown_status(today))
        for survey in application.follow_ups.order_by("-requested_on", "-pk")
    ]
    context = {
        "application": application,
        "surveys": surveys,
        "proposed": selectors.proposed_schedule(application),
        "form": form,
        "may_request": may_request,
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "workflow/follow_ups.html", context, status=status)
