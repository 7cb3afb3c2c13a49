"""Reading preferences from what a screening stored: tolerant of missing or odd answers."""

from programs.matching import preferences_from_values


def test_reads_the_optional_answers():
    prefs = preferences_from_values(
        level="iop",
        answers={
            "age": 16,
            "days_available": ["tue", "thu"],
            "time_of_day": ["evening"],
            "telehealth_ok": True,
            "phq9_1": 3,
        },
        insurance_carrier="Aetna",
        language="es",
        flags=["adolescent", "substance_use"],
    )
    assert prefs.age == 16
    assert prefs.days == {"tue", "thu"}
    assert prefs.time_of_day == {"evening"}
    assert prefs.telehealth_ok is True
    assert (prefs.insurance, prefs.language) == ("Aetna", "es")
    assert prefs.flags == {"adolescent", "substance_use"}


def test_missing_or_malformed_answers_count_as_not_stated():
    prefs = preferences_from_values(
        level="php",
        answers={
            "age": "sixteen",
            "days_available": "tue",
            "time_of_day": ["noon", "evening"],
            "telehealth_ok": "yes",
        },
    )
    assert prefs.age is None
    assert prefs.days == frozenset()
    assert prefs.time_of_day == {"evening"}
    assert prefs.telehealth_ok is None
    assert preferences_from_values(level="iop", answers=None).days == frozenset()


def test_a_boolean_is_not_an_age():
    assert preferences_from_values(level="iop", answers={"age": True}).age is None
