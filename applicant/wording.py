"""The screener's fixed English wording, marked for translation.

Question wording, answer choices, topic titles, the result summary and the match guidance
live in the pure packages (``screening.scoring``, ``programs.matching``, ``core.vocabulary``),
which import no Django. They are marked here, word for word, so that ``makemessages`` puts
them in the Spanish catalog; the display layer translates them with ``say``.
``tests/i18n/test_wording.py`` fails when a text there is not marked here.

Generated once from those modules; edit it together with them.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop

MARKED: tuple[str, ...] = (
    # about
    gettext_noop("About you"),
    gettext_noop("How old are you?"),
    gettext_noop("We work this out from the date of birth you give us."),
    # mood
    gettext_noop("How you have been feeling"),
    gettext_noop("Over the last 2 weeks, how often have you been bothered by each of these?"),
    gettext_noop("Having little interest or pleasure in doing things"),
    gettext_noop("Not at all"),
    gettext_noop("Several days"),
    gettext_noop("More than half the days"),
    gettext_noop("Nearly every day"),
    gettext_noop("Feeling down, depressed or hopeless"),
    gettext_noop("Trouble falling or staying asleep, or sleeping too much"),
    gettext_noop("Feeling tired or having little energy"),
    gettext_noop("A poor appetite, or eating too much"),
    gettext_noop(
        "Feeling bad about yourself, or that you are a failure or have let yourself or "
        "your family down"
    ),
    gettext_noop("Trouble concentrating on things, such as reading or watching television"),
    gettext_noop(
        "Moving or speaking so slowly that other people could have noticed, or the "
        "opposite: being so fidgety or restless that you have been moving around a lot "
        "more than usual"
    ),
    gettext_noop("Thoughts that you would be better off dead, or of hurting yourself in some way"),
    gettext_noop(
        "If any of these problems bothered you, how difficult have they made it to do "
        "your work, take care of things at home, or get along with other people?"
    ),
    gettext_noop("Not difficult at all"),
    gettext_noop("Somewhat difficult"),
    gettext_noop("Very difficult"),
    gettext_noop("Extremely difficult"),
    # anxiety
    gettext_noop("Worry and nerves"),
    gettext_noop("Feeling nervous, anxious or on edge"),
    gettext_noop("Not being able to stop or control worrying"),
    gettext_noop("Worrying too much about different things"),
    gettext_noop("Trouble relaxing"),
    gettext_noop("Being so restless that it is hard to sit still"),
    gettext_noop("Becoming easily annoyed or irritable"),
    gettext_noop("Feeling afraid, as if something awful might happen"),
    # safety
    gettext_noop("Your safety"),
    gettext_noop(
        "We ask everyone these questions, so that anyone who needs help quickly gets it. "
        "If you are in danger right now, call or text 988, call 911, or go to the nearest "
        "emergency room."
    ),
    gettext_noop("In the past few weeks, have you wished you were dead?"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("I'd rather not say"),
    gettext_noop(
        "In the past few weeks, have you felt that you or your family would be better off "
        "if you were dead?"
    ),
    gettext_noop("In the past week, have you been having thoughts about killing yourself?"),
    gettext_noop("Have you ever tried to kill yourself?"),
    gettext_noop("Was the most recent time within the past 3 months?"),
    gettext_noop("Are you having thoughts of killing yourself right now?"),
    gettext_noop("In the past month, have you had thoughts of seriously hurting someone else?"),
    gettext_noop("Do you have a plan or an intention to hurt someone right now?"),
    # trauma
    gettext_noop("Difficult experiences"),
    gettext_noop(
        "Sometimes people go through things that are unusually frightening, horrible or "
        "traumatic: for example a serious accident or fire, a physical or sexual assault "
        "or abuse, a disaster such as an earthquake or flood, war, seeing someone killed "
        "or badly hurt, or losing someone close through homicide or suicide."
    ),
    gettext_noop("Have you ever been through an event like this?"),
    gettext_noop(
        "In the past month, have you had nightmares about the event, or thought about it "
        "when you did not want to?"
    ),
    gettext_noop(
        "In the past month, have you tried hard not to think about the event, or gone out "
        "of your way to avoid situations that remind you of it?"
    ),
    gettext_noop(
        "In the past month, have you been constantly on guard, watchful, or easily startled?"
    ),
    gettext_noop(
        "In the past month, have you felt numb or detached from people, activities or "
        "your surroundings?"
    ),
    gettext_noop(
        "In the past month, have you felt guilty, or been unable to stop blaming yourself "
        "or others, for the event or for problems it may have caused?"
    ),
    # substance
    gettext_noop("Alcohol, drugs and physical health"),
    gettext_noop("How often do you have a drink that contains alcohol?"),
    gettext_noop("Never"),
    gettext_noop("Monthly or less"),
    gettext_noop("2 to 4 times a month"),
    gettext_noop("2 to 3 times a week"),
    gettext_noop("4 or more times a week"),
    gettext_noop("On a typical day when you drink, how many drinks do you have?"),
    gettext_noop("One drink is a 12 oz beer, a 5 oz glass of wine or a 1.5 oz shot of spirits."),
    gettext_noop("1 or 2"),
    gettext_noop("3 or 4"),
    gettext_noop("5 or 6"),
    gettext_noop("7 to 9"),
    gettext_noop("10 or more"),
    gettext_noop("How often do you have six or more drinks on one occasion?"),
    gettext_noop("Less than monthly"),
    gettext_noop("Monthly"),
    gettext_noop("Weekly"),
    gettext_noop("Daily or almost daily"),
    gettext_noop(
        "In the past 12 months, how often have you used an illegal drug, or a "
        "prescription medicine in a way other than prescribed?"
    ),
    gettext_noop(
        "Have you ever had seizures, the DTs (delirium tremens) or hallucinations when "
        "you stopped or cut down on alcohol, sleeping pills or anxiety medicines such as "
        "benzodiazepines, or other drugs?"
    ),
    gettext_noop("Do you have a physical health problem right now that needs urgent medical care?"),
    # functioning
    gettext_noop("Day-to-day life"),
    gettext_noop(
        "In the past 14 days, on how many days did emotional problems, or alcohol or drug "
        "use, keep you from work, school or your usual activities?"
    ),
    gettext_noop(
        "How are you managing basic needs, such as eating, keeping clean and keeping your housing?"
    ),
    gettext_noop("No trouble"),
    gettext_noop("Some difficulty"),
    gettext_noop("Great difficulty"),
    gettext_noop("I'm unable to manage them"),
    # history
    gettext_noop("Care so far"),
    gettext_noop(
        "In the past 6 months, how many times have you stayed in a psychiatric hospital "
        "or gone to an emergency room for mental health or alcohol or drug use?"
    ),
    gettext_noop("None"),
    gettext_noop("Once"),
    gettext_noop("Twice or more"),
    gettext_noop(
        "In the past 30 days, have you left a hospital, residential program or day "
        "program (partial hospitalization)?"
    ),
    gettext_noop("Are you seeing a therapist, psychiatrist or counselor at the moment?"),
    gettext_noop("In the past 6 months, have weekly therapy sessions not been enough to help you?"),
    # support
    gettext_noop("Home and support"),
    gettext_noop("Which best describes where you live right now?"),
    gettext_noop("A stable place to live"),
    gettext_noop("Somewhere temporary, or a place I may lose soon"),
    gettext_noop("I don't have a place to live"),
    gettext_noop("Is there at least one person you can count on for support?"),
    gettext_noop("Is your home a safe place that helps your recovery?"),
    gettext_noop(
        "Do you have reliable transport to sessions, or internet access for video sessions?"
    ),
    # availability
    gettext_noop("Fitting treatment into your week"),
    gettext_noop("Would you be ready to come to treatment several times a week?"),
    gettext_noop("Yes, I'm ready"),
    gettext_noop("I'm not sure"),
    gettext_noop("Not now"),
    gettext_noop("About how many hours a week could you spend in treatment?"),
    gettext_noop("Which days could you usually come? Choose any that apply."),
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("What times of day suit you? Choose any that apply."),
    gettext_noop("Morning"),
    gettext_noop("Afternoon"),
    gettext_noop("Evening"),
    gettext_noop("Would you be happy to have some sessions by video?"),
    # goals
    gettext_noop("What you would like from treatment"),
    gettext_noop("What would you most like help with? Choose any that apply."),
    gettext_noop("Feeling better and easing my symptoms"),
    gettext_noop("Learning ways to cope with stress and strong feelings"),
    gettext_noop("Staying on track and avoiding a relapse"),
    gettext_noop("Enjoying day-to-day life more"),
    gettext_noop("Getting back to work or school"),
    gettext_noop("Continuing care after a hospital or residential stay"),
    gettext_noop("Getting on better with family and others close to me"),
    gettext_noop("Help with my medication"),
    # answers shown on the review page
    gettext_noop("Not asked"),
    gettext_noop("None chosen"),
    # summary (screening.scoring.summary)
    gettext_noop(
        "Your answers tell us that you, or someone else, may not be safe right now. "
        "Please don't wait for us to reach you: call or text 988 (the Suicide & Crisis "
        "Lifeline), call 911, or go to the nearest emergency room now."
    ),
    gettext_noop(
        "From your answers, regular outpatient care may suit you: for example, meeting "
        "with a therapist or counselor about once a week."
    ),
    gettext_noop(
        "From your answers, an intensive outpatient program may suit you. This usually "
        "means group and one-to-one sessions for a few hours at a time, several days a "
        "week, while you carry on living at home."
    ),
    gettext_noop(
        "From your answers, a day treatment program (also called partial hospitalization) "
        "may suit you. This usually means treatment for most of the day, several days a "
        "week, going home each evening."
    ),
    gettext_noop(
        "From your answers, you may need more support than a day program can give, such "
        "as a stay in a hospital or a residential program, where help is there around the "
        "clock."
    ),
    gettext_noop("Our team has been alerted and will try to reach you straight away."),
    gettext_noop("Someone from our team will contact you within the next few hours."),
    gettext_noop("Someone from our team will contact you within about a day."),
    gettext_noop("Someone from our team will contact you within a few days."),
    gettext_noop(
        "Some of your answers suggest a doctor should check on your physical health. If "
        "you need urgent medical care, call 911 or go to an emergency room. Stopping "
        "alcohol or some medicines suddenly can be dangerous, so please talk to a doctor "
        "before you cut down."
    ),
    gettext_noop(
        "As you recently left a hospital or treatment program, we will aim to keep your "
        "care going without a gap."
    ),
    gettext_noop(
        "You told us your time each week is limited. We will talk with you about "
        "schedules and options that could work for you."
    ),
    gettext_noop(
        "If things at home, or getting to appointments, are hard right now, we can talk "
        "about help with that too."
    ),
    gettext_noop(
        "It's okay not to feel ready. We can talk through what treatment involves and "
        "what might make it easier to start."
    ),
    gettext_noop(
        "This is a first suggestion, not a diagnosis. A member of our clinical team will "
        "go through it with you, and together you will decide what fits best."
    ),
    # matching words (programs.matching.words)
    gettext_noop(
        "Your answers point to more support than a weekly outpatient program can give: "
        "care in a hospital or residential setting."
    ),
    gettext_noop(
        "Our admissions team will be in touch, as promised above, to arrange an "
        "assessment for inpatient or residential care. If things get worse before then, "
        "call or text 988, or go to the nearest emergency room."
    ),
    gettext_noop(
        "Please do not wait for us to reach you. If you might act on thoughts of suicide "
        "or of hurting someone, call or text 988 now, or call 911 or go to the nearest "
        "emergency room."
    ),
    # contact words (core.vocabulary)
    gettext_noop("Phone call"),
    gettext_noop("Text message"),
    gettext_noop("Email"),
    gettext_noop("Any time"),
    # languages
    gettext_noop("English"),
    gettext_noop("Spanish (Español)"),
    gettext_noop("Chinese (中文)"),
    gettext_noop("Vietnamese (Tiếng Việt)"),
    gettext_noop("Korean (한국어)"),
    gettext_noop("Tagalog"),
    gettext_noop("Arabic (العربية)"),
    gettext_noop("Russian (Русский)"),
    gettext_noop("Haitian Creole (Kreyòl)"),
    gettext_noop("Portuguese (Português)"),
    gettext_noop("French (Français)"),
    gettext_noop("American Sign Language"),
    gettext_noop("Another language"),
)


def say(text: str) -> str:
    """A marked English text in the active language (itself when not marked)."""
    return gettext(text) if text else text


say_lazy = lazy(say, str)
