"""Applicant self sign-up: django-allauth's form (e-mail and password, never telling whether
the address is registered) with the acceptance of the terms of use."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignUpForm(AllauthSignupForm):
    accept_terms = forms.BooleanField(
        label=_("利用規約に同意します"),
        error_messages={"required": _("登録するには利用規約への同意が必要です。")},
    )
