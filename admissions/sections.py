"""Extra sections on the referral review page, contributed by other apps.

The admissions app must not import the apps above it (programs, for one), so an app that
wants a section on the review page registers it from its ``AppConfig.ready()``::

    from admissions.sections import DetailSection, register_detail_section

    register_detail_section(
        DetailSection(
            key="program_matches",
            title="Program matches",
            template="programs/referral_matches.html",
            context=lambda *, request, referral: {"matches": matches_for(referral)},
            permission="admissions.view_referral",
            order=10,
        )
    )

The page renders each section the user may see, in ``order``, as
``{% include section.template with referral=referral section=section data=section.data %}``
inside a card headed ``title``. ``context`` is called once per page view; keep it to a
fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

SectionContext = Callable[..., dict]


@dataclass(frozen=True)
class DetailSection:
    key: str
    title: str
    template: str
    context: SectionContext
    permission: str = "admissions.view_referral"
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    title: str
    template: str
    data: dict = field(default_factory=dict)


_SECTIONS: dict[str, DetailSection] = {}


def register_detail_section(section: DetailSection) -> None:
    """Add (or replace, by key) a section on the referral review page."""
    _SECTIONS[section.key] = section


def unregister_detail_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def detail_sections(*, request: HttpRequest, referral) -> list[RenderedSection]:
    """The registered sections this user may see, with their data, in order."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if not request.user.has_perm(section.permission):
            continue
        rendered.append(
            RenderedSection(
                key=section.key,
                title=section.title,
                template=section.template,
                data=section.context(request=request, referral=referral),
            )
        )
    return rendered
