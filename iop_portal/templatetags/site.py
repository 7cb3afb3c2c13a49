"""Template helpers every page may use."""

import re

from django import template

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """``(555) 010-0199`` → ``tel:+15550100199``: a US number a phone can dial with one tap.
    A number that is not 10 or 11 US digits keeps its own digits (and a leading +)."""
    text = str(phone or "").strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10:
        return f"tel:+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"tel:+{digits}"
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"
