"""``{{ text|crisis_links }}``: every 988, 741741 and 911 in a plain-text sentence becomes a
tap-to-call or tap-to-text link, so no crisis number anywhere in the portal is plain text.

"text 988" texts, "call or text 988" and any other 988 calls; 741741 is the Crisis Text Line
(texting HOME); 911 calls. The text is escaped first; text already holding links is returned
unchanged rather than nested."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

NUMBER = re.compile(r"(?<![\w./:@-])(988|741741|911)(?![\w/@-])")
TEXT_BEFORE = re.compile(r"\btext\s+$", re.IGNORECASE)
CALL_OR_TEXT_BEFORE = re.compile(r"\bcall\s+or\s+text\s+$", re.IGNORECASE)
TEXT_LINE = "sms:741741?&amp;body=HOME"


def _href(number: str, before: str) -> str:
    if number == "741741":
        return TEXT_LINE
    if number == "988" and TEXT_BEFORE.search(before) and not CALL_OR_TEXT_BEFORE.search(before):
        return "sms:988"
    return f"tel:{number}"


def link_crisis_numbers(text: object) -> str:
    if isinstance(text, SafeData) and "<a " in text:
        return text
    escaped = str(conditional_escape(text))

    def link(match: re.Match) -> str:
        number = match.group(1)
        href = _href(number, escaped[max(0, match.start() - 20) : match.start()])
        return f'<a class="crisis-number" href="{href}">{number}</a>'

    return mark_safe(NUMBER.sub(link, escaped))  # noqa: S308 - escaped above


@register.filter(name="crisis_links", is_safe=True)
def crisis_links(text: object) -> str:
    return link_crisis_numbers(text)
