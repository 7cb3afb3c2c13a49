"""``{{ text|crisis_links }}``: every 988, 741741 and 911 in a plain-text sentence becomes a
tap-to-call or tap-to-text link, so no crisis number anywhere in the portal is plain text.

"text 988" texts, "call or text 988" and any other 988 calls; 741741 is the Crisis Text Line
(texting HOME); 911 calls. The text is escaped first; text already holding links is returned
unchanged rather than nested."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()

NUMBER = re.compile(r"(?<![\w./:@-])(988|741741|911)(?![\w/@-])")
# English "text 988"; Spanish "envíe un mensaje de texto al 988", "escriba al 988".
TEXT_BEFORE = re.compile(r"\b(?:text|texto\s+al|escriba\s+al)\s+$", re.IGNORECASE)
CALL_OR_TEXT_BEFORE = re.compile(
    r"\b(?:call\s+or\s+text|llame\s+o\s+(?:envíe\s+un\s+)?(?:mensaje\s+de\s+)?texto\s+al"
    r"|llame\s+o\s+escriba\s+al)\s+$",
    re.IGNORECASE,
)
TEXT_LINE = "sms:741741?&amp;body=HOME"
TEXT_LINE_ES = "sms:741741?&amp;body=AYUDA"  # the Crisis Text Line's Spanish keyword


def _href(number: str, before: str) -> str:
    if number == "741741":
        return TEXT_LINE_ES if (get_language() or "").startswith("es") else TEXT_LINE
    if number == "988" and TEXT_BEFORE.search(before) and not CALL_OR_TEXT_BEFORE.search(before):
        return "sms:988"
    return f"tel:{number}"


def link_crisis_numbers(text: object) -> str:
    if isinstance(text, SafeData) and "<a " in text:
        return text
    escaped = str(conditional_escape(text))

    def link(match: re.Match) -> str:
        number = match.group(1)
        href = _href(number, escaped[max(0, match.start() - 48) : match.start()])
        return f'<a class="crisis-number" href="{href}">{number}</a>'

    return mark_safe(NUMBER.sub(link, escaped))  # noqa: S308 - escaped above


@register.filter(name="crisis_links", is_safe=True)
def crisis_links(text: object) -> str:
    return link_crisis_numbers(text)
