"""REST API v1 of accounts: a token for API clients."""

from django.urls import path

from accounts.api.views import obtain_token_view

app_name = "accounts_api"
urlpatterns = [path("auth/token/", obtain_token_view, name="token")]
