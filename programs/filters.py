"""Filters for the public catalog (django-filter). Every value is a catalog term, never about a
person, so they may sit in the query string."""

import django_filters
from django.db.models import Q, QuerySet

from core.vocabulary import LEVEL_CHOICES

from .models import InsurancePlan, Language, Program

SELF_PAY = "self_pay"


class ProgramFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        choices=LEVEL_CHOICES, empty_label="Any level", label="Level of care"
    )
    age = django_filters.NumberFilter(method="filter_age", label="Age", min_value=1)
    population = django_filters.ChoiceFilter(
        choices=[("adult", "Adults (18+)"), ("adolescent", "Teens (12–17)")],
        method="filter_population",
        empty_label="Teens or adults",
        label="Who it is for",
    )
    modality = django_filters.ChoiceFilter(
        choices=[("in_person", "In person"), ("telehealth", "Telehealth (video)")],
        method="filter_modality",
        empty_label="In person or telehealth",
        label="How you attend",
    )
    focus = django_filters.ChoiceFilter(
        choices=Program.Focus.choices, empty_label="Any focus", label="Focus"
    )
    insurance = django_filters.ChoiceFilter(
        method="filter_insurance", empty_label="Any", label="Insurance"
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices, method="filter_language", empty_label="Any", label="Language"
    )

    class Meta:
        model = Program
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plans = [(str(pk), name) for pk, name in InsurancePlan.objects.values_list("pk", "name")]
        self.filters["insurance"].extra["choices"] = [*plans, (SELF_PAY, "Self-pay")]

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
