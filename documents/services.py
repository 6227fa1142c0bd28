"""The documents app's writes as the other apps (the flow) use them."""

from documents.attachments.services import attachments_freeze
from documents.issued.notices import notice_issue_after_commit

__all__ = ["attachments_freeze", "notice_issue_after_commit"]
