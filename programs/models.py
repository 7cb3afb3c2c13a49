"""The program catalog: what each program offers, when it meets, who it serves, and how many
seats it has."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.text_limits import text_length_constraints
from core.vocabulary import LEVEL_CHOICES


class Language(models.TextChoices):
    """Languages a program's sessions are held in (codes match Screening.language)."""

    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class InsurancePlan(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    class Population(models.TextChoices):
        ADULT = "adult", _("Adults")
        ADOLESCENT = "adolescent", _("Adolescents")
        ALL = "all", _("Adolescents and adults")

    class Focus(models.TextChoices):
        MENTAL_HEALTH = "mental_health", _("Mental health")
        SUBSTANCE_USE = "substance_use", _("Substance use")
        CO_OCCURRING = "co_occurring", _("Co-occurring mental health and substance use")
        TRAUMA = "trauma", _("Trauma")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        TELEHEALTH = "telehealth", _("Telehealth")
        HYBRID = "hybrid", _("Hybrid (in person and telehealth)")

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(max_length=2000)
    # The same public description in Spanish, written by staff; the English one is shown
    # (marked lang="en") while this is empty.
    description_es = models.TextField(blank=True, max_length=2000)
    level = models.CharField(max_length=12, choices=LEVEL_CHOICES)
    population = models.CharField(max_length=12, choices=Population.choices)
    min_age = models.PositiveSmallIntegerField(default=18)
    max_age = models.PositiveSmallIntegerField(default=120)
    focus = models.CharField(max_length=16, choices=Focus.choices)
    modality = models.CharField(max_length=12, choices=Modality.choices)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    # The ZIP's centre (programs.geo), set by the catalog services whenever the ZIP changes.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # Telehealth and hybrid programs: the states whose residents the clinicians may treat by
    # video (two-letter codes). Matching offers video care only to people in these states.
    telehealth_states = models.JSONField(default=list, blank=True)
    capacity = models.PositiveIntegerField()
    enrolled = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)  # seats held by live offers
    insurance_plans = models.ManyToManyField(InsurancePlan, blank=True, related_name="programs")
    accepts_self_pay = models.BooleanField(default=True)
    languages = models.JSONField(default=list)  # language codes, e.g. ["en", "es"]
    waitlist_weeks = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolled__gte=0)
                & Q(held__gte=0)
                & Q(enrolled__lte=F("capacity") - F("held")),
                name="program_seats_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=F("max_age")), name="program_age_bounds_ordered"
            ),
            *text_length_constraints("program", description=2000, description_es=2000),
        ]
        permissions = [("manage_catalog", "Can manage the program catalog")]

    def __str__(self) -> str:
        return self.name

    @property
    def open_seats(self) -> int:
        return max(self.capacity - self.enrolled - self.held, 0)

    @property
    def hours_per_week(self) -> float:
        """Uses ``sessions.all()``, so prefetch sessions when listing programs."""
        return round(sum(session.hours for session in self.sessions.all()), 2)

    @property
    def ages_label(self) -> str:
        if self.max_age >= 120:
            return gettext("Ages %(low)s and up") % {"low": self.min_age}
        return gettext("Ages %(low)s–%(high)s") % {"low": self.min_age, "high": self.max_age}

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def offers_telehealth(self) -> bool:
        return self.modality != self.Modality.IN_PERSON


class Session(models.Model):
    class Weekday(models.IntegerChoices):
        MON = 0, _("Monday")
        TUE = 1, _("Tuesday")
        WED = 2, _("Wednesday")
        THU = 3, _("Thursday")
        FRI = 4, _("Friday")
        SAT = 5, _("Saturday")
        SUN = 6, _("Sunday")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def hours(self) -> float:
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return (end - start) / 60
