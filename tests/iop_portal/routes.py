"""Every URL pattern of the project as a concrete path, for the tests that walk them all
(headers, fuzzing). New routes are picked up without editing a list."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the pattern when it has no name
    pattern: str

    @property
    def parameters(self) -> list[str]:
        names = [m["name"] for m in PATH_PARAMETER.finditer(self.pattern)]
        return names + [m["name"] for m in REGEX_GROUP.finditer(self.pattern)]

    def path(self, values: dict[str, object]) -> str:
        """The pattern with each parameter replaced by ``values[name]`` (a regex group with
        alternatives takes its first one when no value is given)."""

        def fill(match: re.Match) -> str:
            name = match["name"]
            if name in values:
                return str(values[name])
            body = match.groupdict().get("body") or ""
            return body.split("|")[0] if "|" in body else "unknown"

        text = PATH_PARAMETER.sub(fill, self.pattern)
        text = REGEX_GROUP.sub(fill, text)
        return "/" + text.replace("^", "").replace("$", "")


def _walk(patterns, namespace: str, prefix: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            label = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield Route(name=label if entry.name else pattern, pattern=pattern)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", ""))
