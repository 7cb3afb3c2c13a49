"""Send failures, split by what to do next. Their text is ours, never the provider's: a
provider's error message can echo an address or a phone number."""


class SendError(Exception):
    """A send did not happen. ``reason`` is short, fixed text with no PHI."""

    transient = True

    def __init__(self, reason: str, *, cause: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.cause = cause  # the underlying exception's class name, if any

    @property
    def summary(self) -> str:
        """What is stored in ``FollowUp.last_error`` and shown to staff."""
        return f"{self.cause or type(self).__name__}: {self.reason}"[:200]


class TransientSendError(SendError):
    """Worth trying again later: connection refused, timeouts, 5xx, rate limits."""

    transient = True


class PermanentSendError(SendError):
    """Trying again will not help until a person changes something: no address, no
    consent, an invalid number."""

    transient = False
