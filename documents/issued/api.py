"""REST API v1: `applications/{id}/notice/` and `applications/{id}/form.pdf` (API.md).

The body of a success is the PDF itself (`application/pdf`); errors keep the contract's JSON
shape whatever the client asked for. Another company's application is a 404, as everywhere.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from approvals.selectors import applications_for_user
from approvals.verification import VerifyStatus
from config.api import Unavailable
from config.rest import error_responses
from documents.errors import NotAvailable, NotReady
from documents.issued import delivery
from documents.issued.verification import verification_for
from documents.issued.views import pdf_response

NOT_READY = _("PDFを作成できませんでした。時間をおいてもう一度お試しください。")
PDF_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description=_("PDF (application/pdf)"))


class PDFRenderer(BaseRenderer):
    """Lets clients send `Accept: application/pdf`; the PDF itself bypasses rendering."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class FormQuerySerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("版の番号（省略すると最新の版）")
    )


class PDFView(APIView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    def application(self, pk):
        return get_object_or_404(applications_for_user(self.request.user), pk=pk)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):  # an error: always JSON
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


class NoticeView(PDFView):
    @extend_schema(responses={(200, "application/pdf"): PDF_RESPONSE, **error_responses(404)})
    def get(self, request, pk):
        """The approval or refusal notice as issued; 404 until there is one."""
        try:
            download = delivery.notice_download(
                application=self.application(pk), actor=request.user
            )
        except NotAvailable as error:
            raise exceptions.NotFound(_("通知書はまだ発行されていません。")) from error
        return pdf_response(download)


class FormView(PDFView):
    @extend_schema(
        parameters=[FormQuerySerializer],
        responses={(200, "application/pdf"): PDF_RESPONSE, **error_responses(400, 404, 503)},
    )
    def get(self, request, pk):
        """The application form (様式第1 with 別表) as submitted in a version (default latest)."""
        application = self.application(pk)
        query = FormQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            download = delivery.form_download(
                application=application,
                actor=request.user,
                number=query.validated_data.get("version"),
            )
        except NotAvailable as error:
            raise exceptions.NotFound(_("提出された版がありません。")) from error
        except NotReady as error:
            raise Unavailable(NOT_READY) from error
        return pdf_response(download)


class VerificationSerializer(serializers.Serializer):
    number = serializers.CharField(help_text=_("承認番号"))
    approved_on = serializers.DateField(help_text=_("承認日"))
    company = serializers.CharField(help_text=_("通知書に記載した企業名"))
    theme = serializers.CharField(help_text=_("計画のテーマ"))
    status = serializers.ChoiceField(
        choices=VerifyStatus.ALL,
        help_text=_("valid: 有効、changed: 変更承認あり、discontinued: 廃止、revoked: 取消し"),
    )
    sha256 = serializers.CharField(
        allow_null=True, help_text=_("発行した承認通知書PDFのSHA-256（未発行のときは null）")
    )


class VerificationView(APIView):
    """Public (no login), throttled like every anonymous request."""

    permission_classes = [AllowAny]
    serializer_class = VerificationSerializer

    @extend_schema(responses={200: VerificationSerializer, **error_responses(404)})
    def get(self, request, code):
        """What an approval notice with this verification code says and whether it stands."""
        try:
            verification = verification_for(code)
        except Http404 as error:
            raise exceptions.NotFound(_("この照合コードの承認はありません。")) from error
        return Response(VerificationSerializer(verification).data)


notice_view = NoticeView.as_view()
verify_view = VerificationView.as_view()
form_view = FormView.as_view()


class RevocationDocumentView(PDFView):
    document = ""

    @extend_schema(responses={(200, "application/pdf"): PDF_RESPONSE, **error_responses(404, 503)})
    def get(self, request, pk):
        """A document of the plan's revocation: the hearing notice (聴聞通知書) of its latest
        case, or the notice of the revocation; 404 until there is one."""
        try:
            download = delivery.revocation_download(
                application=self.application(pk), actor=request.user, document=self.document
            )
        except NotAvailable as error:
            raise exceptions.NotFound(_("この文書はありません。")) from error
        except NotReady as error:
            raise Unavailable(NOT_READY) from error
        return pdf_response(download)


hearing_notice_view = RevocationDocumentView.as_view(document=delivery.HEARING_NOTICE)
revocation_notice_view = RevocationDocumentView.as_view(document=delivery.REVOCATION_NOTICE)
