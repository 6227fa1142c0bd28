"""Applicant self sign-up: e-mail, password and acceptance of the terms of use."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("メールアドレス"),
        max_length=150,
        help_text=_("ログインID になります。通知もこのアドレスに届きます。"),
    )
    password1 = forms.CharField(
        label=_("パスワード"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("8文字以上。数字だけ・よくあるパスワードは使えません。"),
    )
    password2 = forms.CharField(
        label=_("パスワード（確認）"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_("利用規約に同意します"),
        error_messages={"required": _("登録するには利用規約への同意が必要です。")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(
                _("このメールアドレスは登録済みです。ログインしてください。")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("確認用のパスワードが一致しません。"))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(username=cleaned.get("email", ""), email=cleaned.get("email", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
