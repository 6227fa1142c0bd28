"""Cutting off an uploaded file as soon as it passes the attachment size limit.

Django receives a whole upload before any view sees it, and caps neither a file's size nor the
request's. This handler, first in FILE_UPLOAD_HANDLERS, drops a file the moment it grows past
KAKUSHIN_MAX_UPLOAD_BYTES (so a huge file is never written to disk) and notes it on the request;
the upload views then refuse it with the same message as any other file that is too large.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


def oversized_uploads(request) -> list[tuple[str, str]]:
    """(form field, file name) of every file dropped for its size while the request arrived."""
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    return getattr(request, "kakushin_oversized_uploads", [])


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.limit = settings.KAKUSHIN_MAX_UPLOAD_BYTES
        if self.content_length is not None and self.content_length > self.limit:
            self._drop()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self._drop()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file

    def _drop(self):
        if self.request is not None:
            if not hasattr(self.request, "kakushin_oversized_uploads"):
                self.request.kakushin_oversized_uploads = []
            self.request.kakushin_oversized_uploads.append((self.field_name, self.file_name))
        raise SkipFile
