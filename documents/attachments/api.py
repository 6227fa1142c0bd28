"""Attachments through the API: list and upload per application, read, delete, download.

Lookups go through the applications the user may see, so another company's attachment is a
404, never a 403. Applicants upload and delete (while the application is editable, and never a
frozen attachment: 409); staff read and download submitted applications' attachments. A file
that cannot be attached is a 400 naming the reason under `file`.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import IsApplicantOrDelegateForWrites
from approvals.selectors import applications_for_user
from approvals.services import ensure_delegate_may
from approvals.support import access as support_access
from config.rest import error_responses
from documents.attachments.selectors import attachments_for
from documents.attachments.services import (
    ALLOWED_TYPES,
    attachment_add,
    attachment_delete,
    too_large_message,
)
from documents.attachments.uploads import oversized_uploads
from documents.attachments.views import attachment_response
from documents.constants import AttachmentKind
from documents.errors import AttachmentRefused
from documents.models import Attachment

KIND_CHOICES = _("種類は articles, financials, registry, residence, other のいずれかです。")
TOO_MUCH = _("一度に送れるファイルの数または大きさを超えています。ファイルを分けて送ってください。")


class AttachmentSerializer(serializers.ModelSerializer):
    filename = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "application",
            "kind",
            "filename",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "frozen_in_version",
            "withdrawn_in_version",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_download_url(self, attachment) -> str:
        return reverse("documents_api:attachment-download", args=[attachment.pk])


class AttachmentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=AttachmentKind.choices,
        error_messages={"invalid_choice": KIND_CHOICES},
    )
    # Emptiness, size and type are judged by the service, with its own messages.
    file = serializers.FileField(
        allow_empty_file=True,
        error_messages={"required": _("添付するファイルを file で送ってください。")},
    )


class AttachmentListView(generics.ListAPIView):
    """The application's attachments; POST (multipart: kind, file) attaches one file."""

    serializer_class = AttachmentSerializer
    permission_classes = [IsApplicantOrDelegateForWrites]
    parser_classes = [MultiPartParser, FormParser]

    def application(self):
        return get_object_or_404(applications_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Attachment.objects.none()
        return self.application().attachments.all()

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        application = self.application()
        ensure_delegate_may(request.user, application, support_access.EDIT)
        try:
            data = request.data
        except (RequestDataTooBig, TooManyFilesSent) as error:
            raise ValidationError({"file": [TOO_MUCH]}) from error
        if oversized_uploads(request):
            raise ValidationError({"file": [too_large_message()]})
        upload = AttachmentUploadSerializer(data=data)
        upload.is_valid(raise_exception=True)
        try:
            attachment = attachment_add(
                application=application,
                kind=upload.validated_data["kind"],
                upload=upload.validated_data["file"],
                actor=request.user,
            )
        except AttachmentRefused as error:
            raise ValidationError({"file": [error.message]}) from error
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class AttachmentDetailView(generics.RetrieveAPIView):
    """One attachment; DELETE removes it while the application is editable and it is not
    part of a submitted version, withdraws a submitted one from the next version during 補正,
    and is a 409 otherwise."""

    serializer_class = AttachmentSerializer
    permission_classes = [IsApplicantOrDelegateForWrites]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return attachments_for(self.request.user)

    @extend_schema(
        responses={204: None, 200: AttachmentSerializer, **error_responses(403, 404, 409)}
    )
    def delete(self, request, pk):
        """204 once deleted; a submitted attachment is withdrawn from the next version during
        補正 instead, and comes back (200) with its `withdrawn_in_version`."""
        withdrawn = attachment_delete(attachment=self.get_object(), actor=request.user)
        if withdrawn is not None:
            return Response(AttachmentSerializer(withdrawn).data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AnyAccept(BaseContentNegotiation):
    """A download answers whatever the client accepts; errors are still JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AttachmentDownloadView(generics.GenericAPIView):
    serializer_class = AttachmentSerializer
    content_negotiation_class = AnyAccept

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return attachments_for(self.request.user)

    # The file comes back in the type it was stored as: one of those an upload may have.
    @extend_schema(
        responses={
            **{(200, media_type): OpenApiTypes.BINARY for media_type in ALLOWED_TYPES},
            **error_responses(404),
        }
    )
    def get(self, request, pk):
        """The file as uploaded, under its original name; the download goes into the history."""
        return attachment_response(self.get_object(), actor=request.user)


attachment_list_view = AttachmentListView.as_view()
attachment_detail_view = AttachmentDetailView.as_view()
attachment_download_view = AttachmentDownloadView.as_view()
