"""Errors a user can act on. The CLI and the app show them as one line, never a traceback."""


class UserError(Exception):
    """Bad input or a missing resource: the message alone tells the user what to do."""


class BankError(UserError):
    """The question bank file is missing or malformed."""


class UnknownQuestion(UserError):
    """A question id that the bank does not hold."""


class SessionError(UserError):
    """A saved session folder that cannot be read or written."""
