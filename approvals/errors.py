"""Domain errors raised by approvals services; views turn them into messages, the API into 409."""


class ApplicationError(Exception):
    """An action that the application's state does not allow."""

    def __init__(self, message, reasons=()):
        super().__init__(str(message))
        self.message = str(message)
        self.reasons = [str(r) for r in reasons]


class NotEditable(ApplicationError):
    pass


class SubmissionBlocked(ApplicationError):
    pass


class InvalidTransition(ApplicationError):
    pass
