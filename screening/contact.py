"""Contact details in the one form they are compared and matched in. No Django here."""

import re


def phone_digits(value: str) -> str:
    """The ten digits of a US phone number typed any way, without a leading country code 1."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits
