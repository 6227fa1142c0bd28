"""Errors of the approvals domain: what a state, a rule or a person's duties refuse.

Views turn them into messages, the API (config.api) into 409 (`ApplicationError`), 403
(`NotPermitted`) or 400 on `comment` (`CommentRequired`). Other apps' errors build on these.
"""

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """An action that the application's state does not allow."""

    def __init__(self, message, reasons=()):
        super().__init__(str(message))
        self.message = str(message)
        self.reasons = [str(r) for r in reasons]


class NotEditable(ApplicationError):
    """The plan (or its attachments) cannot change in the application's present status."""

    @classmethod
    def of(cls, application, *, attachments: bool = False) -> "NotEditable":
        """The one wording of the refusal, for the plan or for its attachments."""
        status = application.get_status_display()
        if attachments:
            message = _("この申請は「%(status)s」のため、添付書類を追加・削除できません。")
        else:
            message = _("この申請は「%(status)s」のため編集できません。")
        return cls(message % {"status": status})


class ApplicationGone(ApplicationError):
    """The application was deleted meanwhile (a draft deleted in another tab): a 404."""


class SubmissionBlocked(ApplicationError):
    pass


class InvalidTransition(ApplicationError):
    pass


class NotPermitted(ApplicationError):
    """The user may not act on this application or task (role, separation of duties)."""


class CommentRequired(ApplicationError):
    """The decision needs a comment (a correction request, the reasons for a refusal)."""


class IssuerMissing(ApplicationError):
    """The authority has no governor's title or name: a notice would have no issuer (409)."""


class NoRuleSet(ValueError):
    """No rule set or legal basis applies: a date before 2005-04-13, or an unknown code."""
