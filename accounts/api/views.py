"""Token authentication for API clients: `POST /api/v1/auth/token/`."""

from rest_framework.authtoken.views import ObtainAuthToken

obtain_token_view = ObtainAuthToken.as_view()
