"""The documents app's reads as the other apps (the flow) use them."""

from documents.attachments.selectors import missing_attachments

__all__ = ["missing_attachments"]
