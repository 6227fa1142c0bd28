"""API tokens (django-rest-knox): `POST /api/v1/auth/token/` and `POST /api/v1/auth/logout/`.

A token is given for a login name and password, checked by the same backends as the sign-in
page (so a wrong password counts towards the lockout, django-axes); a user with a second
factor — every member of staff — also sends `otp`, the current TOTP code or a recovery code,
or gets 401 with `"mfa_required": true`. Tokens are stored hashed, expire (REST_KNOX), and a
client ends its own with `logout/`. The endpoint is throttled (429 with Retry-After).
"""

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from knox.settings import knox_settings
from knox.views import LogoutView
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.mfa import code_is_valid, has_second_factor, needs_second_factor
from config.rest import JSONParser, error_responses

MAX_TOKENS = 10  # clients a user may hold a token for at once
WRONG = _("ユーザー名（メールアドレス）またはパスワードが正しくありません。")
SET_UP_FIRST = _(
    "このアカウントには二要素認証が必要です。画面からサインインして認証アプリを設定してください。"
)
CODE_NEEDED = _(
    "二要素認証のコード（認証アプリのワンタイムコードまたはリカバリーコード）を"
    " otp で送ってください。"
)
WRONG_CODE = _("二要素認証のコードが正しくありません。")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text=_("TOTP のコードまたはリカバリーコード"),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)


class MFARequiredSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField()
    mfa_required = serializers.BooleanField()


def _mfa_required(message) -> Response:
    body = {"detail": str(message), "errors": {}, "mfa_required": True}
    return Response(body, status=status.HTTP_401_UNAUTHORIZED)


class TokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 401: MFARequiredSerializer, **error_responses(400, 429)},
    )
    def post(self, request):
        query = TokenRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [WRONG]})
        if needs_second_factor(user) and not has_second_factor(user):
            return _mfa_required(SET_UP_FIRST)
        if has_second_factor(user):
            if not data.get("otp"):
                return _mfa_required(CODE_NEEDED)
            if not code_is_valid(user, data["otp"]):
                return _mfa_required(WRONG_CODE)
        _keep_room(user)
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        return Response(TokenSerializer({"token": token, "expiry": instance.expiry}).data)


def _keep_room(user) -> None:
    """A user holds at most MAX_TOKENS live tokens: a new sign-in ends the oldest."""
    live = AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created")
    AuthToken.objects.filter(
        pk__in=list(live.values_list("pk", flat=True)[MAX_TOKENS - 1 :])
    ).delete()


class TokenLogoutView(LogoutView):
    """End the token this request was made with."""

    @extend_schema(request=None, responses={204: None, **error_responses(401)})
    def post(self, request, format=None):
        return super().post(request, format)


token_view = TokenView.as_view()
logout_view = TokenLogoutView.as_view()
