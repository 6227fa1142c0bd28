from django.urls import path

from accounts.api import obtain_token_view

urlpatterns = [path("auth/token/", obtain_token_view, name="api-token")]
