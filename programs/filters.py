"""Filters for the public catalog (django-filter). Every value is a catalog term, never about a
person, so they may sit in the query string."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .display import LEVEL_EXPLAINERS
from .models import InsurancePlan, Language, Program

SELF_PAY = "self_pay"
# The levels as the catalog names them, in the language of the page.
LEVEL_TITLES = [(level, title) for level, (title, _explainer) in LEVEL_EXPLAINERS.items()]


class ProgramFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        choices=LEVEL_TITLES, empty_label=_("Any level"), label=_("Level of care")
    )
    age = django_filters.NumberFilter(method="filter_age", label=_("Age"), min_value=1)
    population = django_filters.ChoiceFilter(
        choices=[("adult", _("Adults (18+)")), ("adolescent", _("Teens (12–17)"))],
        method="filter_population",
        empty_label=_("Teens or adults"),
        label=_("Who it is for"),
    )
    modality = django_filters.ChoiceFilter(
        choices=[("in_person", _("In person")), ("telehealth", _("Telehealth (video)"))],
        method="filter_modality",
        empty_label=_("In person or telehealth"),
        label=_("How you attend"),
    )
    focus = django_filters.ChoiceFilter(
        choices=Program.Focus.choices, empty_label=_("Any focus"), label=_("Focus")
    )
    insurance = django_filters.ChoiceFilter(
        method="filter_insurance", empty_label=_("Any"), label=_("Insurance")
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices,
        method="filter_language",
        empty_label=_("Any"),
        label=_("Language"),
    )

    class Meta:
        model = Program
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plans = [(str(pk), name) for pk, name in InsurancePlan.objects.values_list("pk", "name")]
        self.filters["insurance"].extra["choices"] = [*plans, (SELF_PAY, _("Self-pay"))]

    def filter_age(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(min_age__lte=value, max_age__gte=value)

    def filter_population(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(population__in=[value, Program.Population.ALL])

    def filter_modality(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(modality__in=[value, Program.Modality.HYBRID])

    def filter_insurance(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == SELF_PAY:
            return queryset.filter(accepts_self_pay=True)
        return queryset.filter(insurance_plans__pk=int(value))

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # languages is a JSON list of codes; '"es"' matches the code exactly on every database.
        return queryset.filter(Q(languages__icontains=f'"{value}"'))
