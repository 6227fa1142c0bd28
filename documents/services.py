"""The documents app's writes as the other apps (the flow) use them."""

from documents.attachments.services import attachments_freeze
from documents.tasks import form_enqueue, notice_enqueue

__all__ = ["attachments_freeze", "form_enqueue", "notice_enqueue"]
