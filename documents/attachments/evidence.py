"""Evidence of a particulars report (変更報告, approvals.particulars), checked as attachments
are: not empty, within KAKUSHIN_MAX_UPLOAD_BYTES, PDF/PNG/JPEG by content.

`evidence_check` is plugged into approvals (documents.apps) for the portal's company form;
`POST /api/v1/company/evidence/` (multipart `file`) uploads one file first and answers its id,
which `PUT /api/v1/company/` then names as `evidence_attachment`.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals import particulars, selectors
from approvals.models import CompanyEvidence
from config.rest import error_responses
from documents.attachments.services import too_large_message, upload_check
from documents.attachments.uploads import oversized_uploads
from documents.errors import AttachmentRefused


def evidence_check(upload) -> str:
    """The content type of an acceptable evidence file; ValidationError otherwise."""
    try:
        return upload_check(upload)
    except AttachmentRefused as error:
        raise DjangoValidationError({particulars.EVIDENCE_FIELD: [error.message]}) from error


def letter_check(upload) -> str:
    """The content type of an acceptable 委任状 (a delegation's power of attorney, checked as
    attachments are); ValidationError otherwise."""
    from approvals.support.services import LETTER_FIELD

    try:
        return upload_check(upload)
    except AttachmentRefused as error:
        raise DjangoValidationError({LETTER_FIELD: [error.message]}) from error


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompanyEvidence
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,
        error_messages={"required": _("証明書類のファイルを file で送ってください。")},
    )


class EvidenceUploadView(generics.GenericAPIView):
    """Upload one evidence file (multipart `file`) for a later `PUT /api/v1/company/`."""

    serializer_class = EvidenceSerializer
    permission_classes = [IsApplicant]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request):
        company = selectors.company_for_user(request.user)
        if company is None:
            raise NotFound(_("企業情報がまだ登録されていません。"))
        try:
            data = request.data
        except (RequestDataTooBig, TooManyFilesSent) as error:
            raise ValidationError({"file": [too_large_message()]}) from error
        if oversized_uploads(request):
            raise ValidationError({"file": [too_large_message()]})
        upload = EvidenceUploadSerializer(data=data)
        upload.is_valid(raise_exception=True)
        try:
            evidence = particulars.evidence_add(
                company=company, upload=upload.validated_data["file"], actor=request.user
            )
        except DjangoValidationError as error:
            raise ValidationError(
                {"file": error.message_dict[particulars.EVIDENCE_FIELD]}
            ) from error
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


evidence_upload_view = EvidenceUploadView.as_view()
