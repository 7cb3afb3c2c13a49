"""What the screener asks, in words: every item code with its question and answer wording.

Used by the public screener (``text``, ``choices``) and by the staff review page and staff
reasons (``short``, ``answer_label``). The standard instruments keep the meaning, time frame
and answer scale of their public forms, so their scores stay comparable; sources and licences
are listed in docs/level-of-care.md.
"""

from dataclasses import dataclass, field
from typing import Final

from .items import DECLINED

Value = int | str | bool
Choices = tuple[tuple[Value, str], ...]

SINGLE: Final = "single"  # pick one of ``choices``
MULTIPLE: Final = "multiple"  # pick any of ``choices``
BOOLEAN: Final = "boolean"  # yes or no
NUMBER: Final = "number"  # a whole number from ``min_value`` to ``max_value``

YES_NO: Final[Choices] = ((True, "Yes"), (False, "No"))
YES_NO_DECLINED: Final[Choices] = ((True, "Yes"), (False, "No"), (DECLINED, "I'd rather not say"))
HOW_OFTEN_2_WEEKS: Final[Choices] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)
HOW_OFTEN_YEAR: Final[Choices] = (
    (0, "Never"),
    (1, "Less than monthly"),
    (2, "Monthly"),
    (3, "Weekly"),
    (4, "Daily or almost daily"),
)


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    text: str
    """The question as the applicant reads it."""
    short: str
    """A compact staff-facing label."""
    kind: str
    choices: Choices = ()
    min_value: int | None = None
    max_value: int | None = None
    help: str = ""
    _labels: dict[tuple[type, Value], str] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        labels = {(type(value), value): label for value, label in self.choices}
        object.__setattr__(self, "_labels", labels)

    def label_for(self, value: object) -> str | None:
        """The wording of one choice, matched strictly by type (``True`` is not ``1``)."""
        try:
            return self._labels.get((type(value), value))  # type: ignore[arg-type]
        except TypeError:  # unhashable value
            return None


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    key: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    stem: str = ""
    """Shared lead-in for the group's questions, e.g. "Over the last 2 weeks, how often..."."""


def _yes_no(code: str, text: str, short: str, help: str = "") -> Question:
    return Question(code, text, short, BOOLEAN, YES_NO, help=help)


def _asq(code: str, text: str, short: str) -> Question:
    return Question(code, text, short, SINGLE, YES_NO_DECLINED)


def _two_weeks(code: str, text: str, short: str) -> Question:
    return Question(code, text, short, SINGLE, HOW_OFTEN_2_WEEKS)


ABOUT = QuestionGroup(
    "about",
    "About you",
    (
        Question(
            "age",
            "How old are you?",
            "age",
            NUMBER,
            min_value=12,
            max_value=120,
            help="We work this out from the date of birth you give us.",
        ),
    ),
)

MOOD = QuestionGroup(
    "mood",
    "How you have been feeling",
    (
        _two_weeks("phq9_1", "Having little interest or pleasure in doing things", "PHQ-9 #1"),
        _two_weeks("phq9_2", "Feeling down, depressed or hopeless", "PHQ-9 #2"),
        _two_weeks("phq9_3", "Trouble falling or staying asleep, or sleeping too much", "PHQ-9 #3"),
        _two_weeks("phq9_4", "Feeling tired or having little energy", "PHQ-9 #4"),
        _two_weeks("phq9_5", "A poor appetite, or eating too much", "PHQ-9 #5"),
        _two_weeks(
            "phq9_6",
            "Feeling bad about yourself, or that you are a failure or have let yourself or "
            "your family down",
            "PHQ-9 #6",
        ),
        _two_weeks(
            "phq9_7",
            "Trouble concentrating on things, such as reading or watching television",
            "PHQ-9 #7",
        ),
        _two_weeks(
            "phq9_8",
            "Moving or speaking so slowly that other people could have noticed, or the "
            "opposite: being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            "PHQ-9 #8",
        ),
        _two_weeks(
            "phq9_9",
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
            "PHQ-9 #9 (thoughts of death or self-harm)",
        ),
        Question(
            "phq9_difficulty",
            "If any of these problems bothered you, how difficult have they made it to do "
            "your work, take care of things at home, or get along with other people?",
            "PHQ-9 difficulty with work, home or relationships",
            SINGLE,
            (
                (0, "Not difficult at all"),
                (1, "Somewhat difficult"),
                (2, "Very difficult"),
                (3, "Extremely difficult"),
            ),
        ),
    ),
    stem="Over the last 2 weeks, how often have you been bothered by each of these?",
)

ANXIETY = QuestionGroup(
    "anxiety",
    "Worry and nerves",
    (
        _two_weeks("gad7_1", "Feeling nervous, anxious or on edge", "GAD-7 #1"),
        _two_weeks("gad7_2", "Not being able to stop or control worrying", "GAD-7 #2"),
        _two_weeks("gad7_3", "Worrying too much about different things", "GAD-7 #3"),
        _two_weeks("gad7_4", "Trouble relaxing", "GAD-7 #4"),
        _two_weeks("gad7_5", "Being so restless that it is hard to sit still", "GAD-7 #5"),
        _two_weeks("gad7_6", "Becoming easily annoyed or irritable", "GAD-7 #6"),
        _two_weeks("gad7_7", "Feeling afraid, as if something awful might happen", "GAD-7 #7"),
    ),
    stem="Over the last 2 weeks, how often have you been bothered by each of these?",
)

SAFETY = QuestionGroup(
    "safety",
    "Your safety",
    (
        _asq(
            "asq_1",
            "In the past few weeks, have you wished you were dead?",
            "ASQ #1 (wished dead, past few weeks)",
        ),
        _asq(
            "asq_2",
            "In the past few weeks, have you felt that you or your family would be better "
            "off if you were dead?",
            "ASQ #2 (others better off if dead, past few weeks)",
        ),
        _asq(
            "asq_3",
            "In the past week, have you been having thoughts about killing yourself?",
            "ASQ #3 (thoughts of suicide, past week)",
        ),
        _asq(
            "asq_4",
            "Have you ever tried to kill yourself?",
            "ASQ #4 (ever attempted suicide)",
        ),
        _yes_no(
            "asq_4_recent",
            "Was the most recent time within the past 3 months?",
            "most recent suicide attempt within 3 months",
        ),
        _asq(
            "asq_5",
            "Are you having thoughts of killing yourself right now?",
            "ASQ #5 (thoughts of suicide right now)",
        ),
        _yes_no(
            "harm_others",
            "In the past month, have you had thoughts of seriously hurting someone else?",
            "thoughts of seriously hurting someone else, past month",
        ),
        _yes_no(
            "harm_others_now",
            "Do you have a plan or an intention to hurt someone right now?",
            "intent or plan to hurt someone right now",
        ),
    ),
    intro=(
        "We ask everyone these questions, so that anyone who needs help quickly gets it. "
        "If you are in danger right now, call or text 988, call 911, or go to the nearest "
        "emergency room."
    ),
)

TRAUMA = QuestionGroup(
    "trauma",
    "Difficult experiences",
    (
        _yes_no(
            "pcptsd_trauma",
            "Have you ever been through an event like this?",
            "PC-PTSD-5 traumatic event (ever)",
        ),
        _yes_no(
            "pcptsd_1",
            "In the past month, have you had nightmares about the event, or thought about it "
            "when you did not want to?",
            "PC-PTSD-5 #1 (nightmares or unwanted memories)",
        ),
        _yes_no(
            "pcptsd_2",
            "In the past month, have you tried hard not to think about the event, or gone out "
            "of your way to avoid situations that remind you of it?",
            "PC-PTSD-5 #2 (avoidance)",
        ),
        _yes_no(
            "pcptsd_3",
            "In the past month, have you been constantly on guard, watchful, or easily startled?",
            "PC-PTSD-5 #3 (on guard, easily startled)",
        ),
        _yes_no(
            "pcptsd_4",
            "In the past month, have you felt numb or detached from people, activities or "
            "your surroundings?",
            "PC-PTSD-5 #4 (numb or detached)",
        ),
        _yes_no(
            "pcptsd_5",
            "In the past month, have you felt guilty, or been unable to stop blaming yourself "
            "or others, for the event or for problems it may have caused?",
            "PC-PTSD-5 #5 (guilt or blame)",
        ),
    ),
    intro=(
        "Sometimes people go through things that are unusually frightening, horrible or "
        "traumatic: for example a serious accident or fire, a physical or sexual assault or "
        "abuse, a disaster such as an earthquake or flood, war, seeing someone killed or "
        "badly hurt, or losing someone close through homicide or suicide."
    ),
)

SUBSTANCE = QuestionGroup(
    "substance",
    "Alcohol, drugs and physical health",
    (
        Question(
            "auditc_1",
            "How often do you have a drink that contains alcohol?",
            "AUDIT-C #1 (how often drinking)",
            SINGLE,
            (
                (0, "Never"),
                (1, "Monthly or less"),
                (2, "2 to 4 times a month"),
                (3, "2 to 3 times a week"),
                (4, "4 or more times a week"),
            ),
        ),
        Question(
            "auditc_2",
            "On a typical day when you drink, how many drinks do you have?",
            "AUDIT-C #2 (drinks on a typical day)",
            SINGLE,
            ((0, "1 or 2"), (1, "3 or 4"), (2, "5 or 6"), (3, "7 to 9"), (4, "10 or more")),
            help="One drink is a 12 oz beer, a 5 oz glass of wine or a 1.5 oz shot of spirits.",
        ),
        Question(
            "auditc_3",
            "How often do you have six or more drinks on one occasion?",
            "AUDIT-C #3 (six or more drinks at once)",
            SINGLE,
            HOW_OFTEN_YEAR,
        ),
        Question(
            "drug_freq",
            "In the past 12 months, how often have you used an illegal drug, or a "
            "prescription medicine in a way other than prescribed?",
            "drug use, past 12 months",
            SINGLE,
            HOW_OFTEN_YEAR,
        ),
        _yes_no(
            "withdrawal_history",
            "Have you ever had seizures, the DTs (delirium tremens) or hallucinations when "
            "you stopped or cut down on alcohol, sleeping pills or anxiety medicines such as "
            "benzodiazepines, or other drugs?",
            "seizures, DTs or hallucinations on withdrawal (ever)",
        ),
        _yes_no(
            "medical_unstable",
            "Do you have a physical health problem right now that needs urgent medical care?",
            "physical health problem needing urgent care",
        ),
    ),
)

FUNCTIONING = QuestionGroup(
    "functioning",
    "Day-to-day life",
    (
        Question(
            "missed_days",
            "In the past 14 days, on how many days did emotional problems, or alcohol or drug "
            "use, keep you from work, school or your usual activities?",
            "days missed in the past 14",
            NUMBER,
            min_value=0,
            max_value=14,
        ),
        Question(
            "self_care",
            "How are you managing basic needs, such as eating, keeping clean and keeping your "
            "housing?",
            "managing basic needs",
            SINGLE,
            (
                (0, "No trouble"),
                (1, "Some difficulty"),
                (2, "Great difficulty"),
                (3, "I'm unable to manage them"),
            ),
        ),
    ),
)

HISTORY = QuestionGroup(
    "history",
    "Care so far",
    (
        Question(
            "hosp_recent",
            "In the past 6 months, how many times have you stayed in a psychiatric hospital "
            "or gone to an emergency room for mental health or alcohol or drug use?",
            "hospital stays or emergency visits, past 6 months",
            SINGLE,
            ((0, "None"), (1, "Once"), (2, "Twice or more")),
        ),
        _yes_no(
            "discharged_recent",
            "In the past 30 days, have you left a hospital, residential program or day "
            "program (partial hospitalization)?",
            "discharged from inpatient, residential or PHP in the past 30 days",
        ),
        _yes_no(
            "current_treatment",
            "Are you seeing a therapist, psychiatrist or counselor at the moment?",
            "currently in treatment",
        ),
        _yes_no(
            "outpatient_insufficient",
            "In the past 6 months, have weekly therapy sessions not been enough to help you?",
            "weekly outpatient therapy not enough, past 6 months",
        ),
    ),
)

SUPPORT = QuestionGroup(
    "support",
    "Home and support",
    (
        Question(
            "living_situation",
            "Which best describes where you live right now?",
            "living situation",
            SINGLE,
            (
                ("stable", "A stable place to live"),
                ("unstable", "Somewhere temporary, or a place I may lose soon"),
                ("homeless", "I don't have a place to live"),
            ),
        ),
        _yes_no(
            "support_person",
            "Is there at least one person you can count on for support?",
            "has a supportive person",
        ),
        _yes_no(
            "home_safe",
            "Is your home a safe place that helps your recovery?",
            "home is safe and supports recovery",
        ),
        _yes_no(
            "transport",
            "Do you have reliable transport to sessions, or internet access for video sessions?",
            "reliable transport or internet",
        ),
    ),
)

AVAILABILITY = QuestionGroup(
    "availability",
    "Fitting treatment into your week",
    (
        Question(
            "readiness",
            "Would you be ready to come to treatment several times a week?",
            "readiness for several sessions a week",
            SINGLE,
            (("ready", "Yes, I'm ready"), ("unsure", "I'm not sure"), ("not_ready", "Not now")),
        ),
        Question(
            "hours_available",
            "About how many hours a week could you spend in treatment?",
            "hours available per week",
            NUMBER,
            min_value=0,
            max_value=40,
        ),
        Question(
            "days_available",
            "Which days could you usually come? Choose any that apply.",
            "days available",
            MULTIPLE,
            (
                ("mon", "Monday"),
                ("tue", "Tuesday"),
                ("wed", "Wednesday"),
                ("thu", "Thursday"),
                ("fri", "Friday"),
                ("sat", "Saturday"),
                ("sun", "Sunday"),
            ),
        ),
        Question(
            "time_of_day",
            "What times of day suit you? Choose any that apply.",
            "times of day",
            MULTIPLE,
            (("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening")),
        ),
        _yes_no(
            "telehealth_ok",
            "Would you be happy to have some sessions by video?",
            "open to telehealth",
        ),
    ),
)

GOALS = QuestionGroup(
    "goals",
    "What you would like from treatment",
    (
        Question(
            "goals",
            "What would you most like help with? Choose any that apply.",
            "treatment goals",
            MULTIPLE,
            (
                ("symptom_relief", "Feeling better and easing my symptoms"),
                ("coping_skills", "Learning ways to cope with stress and strong feelings"),
                ("relapse_prevention", "Staying on track and avoiding a relapse"),
                ("quality_of_life", "Enjoying day-to-day life more"),
                ("return_to_work_school", "Getting back to work or school"),
                ("step_down", "Continuing care after a hospital or residential stay"),
                ("family_relationships", "Getting on better with family and others close to me"),
                ("medication_management", "Help with my medication"),
            ),
        ),
    ),
)

GROUPS: Final[tuple[QuestionGroup, ...]] = (
    ABOUT,
    MOOD,
    ANXIETY,
    SAFETY,
    TRAUMA,
    SUBSTANCE,
    FUNCTIONING,
    HISTORY,
    SUPPORT,
    AVAILABILITY,
    GOALS,
)

QUESTIONS_BY_CODE: Final[dict[str, Question]] = {
    question.code: question for group in GROUPS for question in group.questions
}

NOT_ASKED: Final = "Not asked"
NONE_CHOSEN: Final = "None chosen"


def answer_label(code: str, value: object) -> str:
    """The wording of an answer, for display (e.g. ``"Several days"``).

    ``None`` means the item was not asked. A value the question does not list is shown as
    given rather than hidden. Raises ``KeyError`` for an unknown code.
    """
    question = QUESTIONS_BY_CODE[code]
    if value is None:
        return NOT_ASKED
    if question.kind == MULTIPLE and isinstance(value, list | tuple):
        return ", ".join(answer_label(code, entry) for entry in value) or NONE_CHOSEN
    if question.kind == NUMBER and type(value) is int:
        return str(value)
    label = question.label_for(value)
    if label is not None:
        return label
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)
