"""Errors of the documents app, and what each means to the person who caused it.

Views turn them into messages, the API into its error shape (config.api): a refused file is a
400, a frozen attachment a 409 (an ApplicationError like every state conflict), a document
that does not exist (yet) a 404, one that could not be made just now a 503.
"""

from approvals.errors import ApplicationError


class AttachmentRefused(Exception):
    """The file itself cannot be attached (400): empty, too large, or of another type."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class AttachmentFrozen(ApplicationError):
    """409: the attachment belongs to a submitted version."""


class NotAvailable(Exception):
    """No such document (yet): a 404."""


class NotReady(Exception):
    """The document could not be made just now: try again later (503)."""


class DocumentUnavailable(Exception):
    """The stored file is missing or differs from its recorded SHA-256."""


class NoNotice(Exception):
    """The application has no decision a notice could be issued for."""


class RenderError(RuntimeError):
    """The PDF could not be made."""


class RefusedURL(ValueError):
    """A URL the documents may not use (documents.fetcher)."""


class NoIssuer(RenderError):
    """The decision was recorded without the governor's title or name (before a decision
    required them): its notice would name no issuer. Retrying cannot help; staff see the
    failure on the document."""

    @classmethod
    def recorded_on(cls, document) -> bool:
        return document.error.startswith(f"{cls.__name__}:")
