"""Pages of accounts: the terms, the source and the language switch. Sign-in, sign-up,
password reset, e-mail verification and the second factor are django-allauth's, mounted at
/accounts/ by config.urls (its URL names, e.g. `account_login`, are its own)."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/terms/", views.terms_view, name="terms"),
    path("source/", views.source_view, name="source"),
    path("i18n/setlang/", views.language_view, name="set_language"),
]
