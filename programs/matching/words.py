"""The plain words matching uses for levels, languages and the higher-care guidance."""

LEVEL_WORDS = {
    "outpatient": "outpatient",
    "iop": "intensive outpatient",
    "php": "partial hospitalization (day treatment)",
    "inpatient": "inpatient or residential",
}

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}

HIGHER_CARE_SUMMARY = (
    "Your answers point to more support than a weekly outpatient program can give: "
    "care in a hospital or residential setting."
)
HIGHER_CARE_GUIDANCE = (
    "Our admissions team will be in touch, as promised above, to arrange an assessment for "
    "inpatient or residential care. If things get worse before then, call or text 988, or go to "
    "the nearest emergency room."
)
CRISIS_GUIDANCE = (
    "Please do not wait for us to reach you. If you might act on thoughts of suicide or of "
    "hurting someone, call or text 988 now, or call 911 or go to the nearest emergency room."
)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
