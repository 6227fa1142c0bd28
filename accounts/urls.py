"""Pages of accounts: sign-in, sign-out, sign-up, the terms, and the language switch."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/signup/", views.signup_view, name="signup"),
    path("accounts/terms/", views.terms_view, name="terms"),
    path("source/", views.source_view, name="source"),
    path("i18n/setlang/", views.language_view, name="set_language"),
]
