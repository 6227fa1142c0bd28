"""REST API v1 of accounts: API tokens for clients."""

from django.urls import path

from accounts.api.views import logout_view, token_view

app_name = "accounts_api"
urlpatterns = [
    path("auth/token/", token_view, name="token"),
    path("auth/logout/", logout_view, name="logout"),
]
