"""Staff pages of a revocation (承認の取消し): one page per approved plan with the case's steps
— the hearing notice, the hearing record, the decision — and a form for the step at hand.

Revocation is its own small procedure beside the plan's viewflow process (DESIGN.md): its
steps are explicit in the case row and its services (approvals.revocation), not a second flow,
so the plan's process stays ended and workflow.consistency holds. The rule messages (who may
not hear or decide) come from approvals.duties.revocation_duty_conflict, shown before the form.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from approvals import revocation
from approvals.constants import RevocationDecision, RevocationGround, Status
from approvals.duties import revocation_duty_conflict
from approvals.errors import ApplicationError
from documents.issued.revocation import support_bodies
from workflow.access import staff_application


class OpenForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("取消しの理由の区分"), choices=RevocationGround)
    facts = forms.CharField(
        label=gettext_lazy("取消しの原因となる事実"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=gettext_lazy("聴聞通知書に記載されます（行政手続法第15条）。"),
    )
    hearing_at = forms.DateTimeField(
        label=gettext_lazy("聴聞の期日"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    hearing_place = forms.CharField(label=gettext_lazy("聴聞の場所"), max_length=200)


class HearingForm(forms.Form):
    held_on = forms.DateField(
        label=gettext_lazy("聴聞の実施日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    statements = forms.CharField(
        label=gettext_lazy("当事者の陳述"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    record = forms.CharField(
        label=gettext_lazy("聴聞調書・報告書"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("決定"), choices=RevocationDecision, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=gettext_lazy("理由"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,  # the service says why it is required (行政手続法第14条)
    )


def _page(request, application, **forms_given):
    case = revocation.case_latest(application)
    open_case = case if case is not None and case.is_open else None
    context = {
        "application": application,
        "case": case,
        "can_open": application.status == Status.APPROVED and open_case is None,
        "open_form": forms_given.get("open_form") or OpenForm(),
        "hearing_form": forms_given.get("hearing_form") or HearingForm(),
        "decide_form": forms_given.get("decide_form") or DecideForm(),
        "support_bodies": support_bodies(application),
    }
    if open_case is not None:
        step = "decide" if open_case.heard else "hearing"
        context["step"] = step
        context["conflict"] = revocation_duty_conflict(case=open_case, user=request.user, step=step)
    status = 400 if forms_given else 200
    return TemplateResponse(request, "workflow/revocation.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def revocation_view(request, pk):
    return _page(request, staff_application(request, pk))


def _act(request, pk, form_class, key, act):
    application = staff_application(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(application, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("workflow:revocation", pk=pk)
        else:
            return redirect("workflow:revocation", pk=pk)
    return _page(request, application, **{key: form})


@login_required
@require_POST
def revocation_open_view(request, pk):
    def act(application, data):
        revocation.revocation_open(application=application, actor=request.user, **data)
        messages.success(request, _("取消し手続を開始しました。聴聞通知書を送付してください。"))

    return _act(request, pk, OpenForm, "open_form", act)


@login_required
@require_POST
def revocation_hearing_view(request, pk):
    def act(application, data):
        revocation.revocation_hearing(application=application, actor=request.user, **data)
        messages.success(request, _("聴聞の記録を保存しました。"))

    return _act(request, pk, HearingForm, "hearing_form", act)


@login_required
@require_POST
def revocation_decide_view(request, pk):
    def act(application, data):
        case = revocation.revocation_decide(application=application, actor=request.user, **data)
        if case.decision == RevocationDecision.REVOKE:
            messages.success(request, _("承認を取り消しました。取消通知書を送付してください。"))
        else:
            messages.success(request, _("承認を維持し、取消し手続を終了しました。"))

    return _act(request, pk, DecideForm, "decide_form", act)
