"""The reasons each match carries: what fits and what falls short, in words people read."""

from programs.matching import Preferences, evaluate

from .factories import info

EVENINGS = [("mon", "18:00", "21:00"), ("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")]


def prefs(**fields) -> Preferences:
    fields.setdefault("level", "iop")
    fields.setdefault("age", 30)
    for key in ("days", "time_of_day", "flags"):
        if key in fields:
            fields[key] = frozenset(fields[key])
    return Preferences(**fields)


# Schedule -------------------------------------------------------------------------------


def test_sessions_on_the_persons_days_and_times_fit():
    match = evaluate(
        info(sessions=[("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")]),
        prefs(days={"tue", "thu"}, time_of_day={"evening"}),
    )
    assert "meets Tue/Thu evenings" in match.fits
    assert not any("session" in s or "meets" in s for s in match.shortfalls)


def test_a_program_without_evening_sessions_says_so():
    match = evaluate(
        info(sessions=[("mon", "09:00", "12:00"), ("wed", "09:00", "12:00")]),
        prefs(days={"mon", "wed"}, time_of_day={"evening"}),
    )
    assert "no evening sessions" in match.shortfalls
    assert not any(fit.startswith("meets") for fit in match.fits)


def test_sessions_on_other_days_are_named():
    match = evaluate(info(sessions=EVENINGS), prefs(days={"tue", "thu"}, time_of_day={"evening"}))
    assert "meets Tue/Thu evenings" in match.fits
    assert "also meets Mon, not one of your days" in match.shortfalls


def test_no_sessions_on_the_persons_days():
    match = evaluate(info(sessions=EVENINGS), prefs(days={"sat", "sun"}))
    assert "no sessions on your days (meets Mon/Tue/Thu)" in match.shortfalls


def test_session_running_past_the_persons_times_is_named():
    after_school = [("mon", "15:30", "18:30"), ("tue", "15:30", "18:30")]
    match = evaluate(info(sessions=after_school), prefs(time_of_day={"afternoon"}))
    assert "Mon/Tue sessions run into the evening" in match.shortfalls


def test_day_program_spans_morning_and_afternoon():
    day = [("mon", "09:00", "14:30"), ("tue", "09:00", "14:30")]
    fits = evaluate(info(sessions=day), prefs(time_of_day={"morning", "afternoon"}))
    assert "meets Mon/Tue mornings" in fits.fits
    half = evaluate(info(sessions=day), prefs(time_of_day={"morning"}))
    assert "Mon/Tue sessions run into the afternoon" in half.shortfalls
    assert half.score < fits.score


def test_schedule_not_stated_is_described_not_scored():
    match = evaluate(info(sessions=EVENINGS), prefs())
    assert "meets Mon/Tue/Thu evenings" in match.fits
    assert match.score == evaluate(info(sessions=EVENINGS, name="Other"), prefs()).score


def test_round_the_clock_care_has_no_sessions():
    match = evaluate(info(level="inpatient", sessions=[]), prefs(level="inpatient", days={"mon"}))
    assert "care around the clock" in match.fits


# Insurance ------------------------------------------------------------------------------


def test_in_network_carrier():
    match = evaluate(info(insurance=("Aetna", "Cigna")), prefs(insurance="aetna"))
    assert "in network for Aetna" in match.fits


def test_carrier_short_names_match_plan_names():
    plans = ("Blue Cross Blue Shield", "UnitedHealthcare", "Kaiser Permanente")
    for typed, plan in (("BCBS", plans[0]), ("United Healthcare", plans[1]), ("Kaiser", plans[2])):
        assert (
            f"in network for {plan}" in evaluate(info(insurance=plans), prefs(insurance=typed)).fits
        )


def test_out_of_network_with_self_pay():
    match = evaluate(info(insurance=("Cigna",), self_pay=True), prefs(insurance="Aetna"))
    assert "not in network for Aetna; self-pay accepted" in match.shortfalls


def test_out_of_network_without_self_pay():
    match = evaluate(info(insurance=("Cigna",), self_pay=False), prefs(insurance="Aetna"))
    assert "does not take Aetna" in match.shortfalls


def test_no_insurance_needs_self_pay():
    assert "accepts self-pay" in evaluate(info(self_pay=True), prefs(insurance="None")).fits
    assert (
        "does not offer self-pay"
        in evaluate(info(self_pay=False), prefs(insurance="self-pay")).shortfalls
    )


def test_in_network_outranks_self_pay_outranks_neither():
    p = prefs(insurance="Aetna")
    scores = [
        evaluate(info(insurance=("Aetna",)), p).score,
        evaluate(info(insurance=("Cigna",), self_pay=True), p).score,
        evaluate(info(insurance=("Cigna",), self_pay=False), p).score,
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


# Language, modality, focus --------------------------------------------------------------


def test_language():
    assert (
        "sessions in Spanish" in evaluate(info(languages=("en", "es")), prefs(language="es")).fits
    )
    assert (
        "no sessions in Spanish"
        in evaluate(info(languages=("en",)), prefs(language="es")).shortfalls
    )


def test_telehealth_only_for_someone_who_wants_in_person():
    match = evaluate(info(modality="telehealth"), prefs(telehealth_ok=False))
    assert "telehealth only; you asked for in-person care" in match.shortfalls


def test_telehealth_available_when_welcome():
    assert (
        "telehealth available" in evaluate(info(modality="hybrid"), prefs(telehealth_ok=True)).fits
    )
    in_person = evaluate(info(modality="in_person"), prefs(telehealth_ok=True))
    assert "in person in Port Alder" in in_person.fits


def test_substance_use_flag_prefers_substance_programs():
    p = prefs(flags={"substance_use"})
    co = evaluate(info(focus="co_occurring"), p)
    mh = evaluate(info(focus="mental_health"), p)
    assert "treats substance use" in co.fits
    assert "not focused on substance use" in mh.shortfalls
    assert co.score > mh.score


def test_trauma_flag_prefers_trauma_programs():
    p = prefs(flags={"trauma_positive"})
    assert "trauma-focused" in evaluate(info(focus="trauma"), p).fits
    assert "not trauma-focused" in evaluate(info(focus="mental_health"), p).shortfalls


def test_substance_only_program_for_someone_without_substance_use():
    match = evaluate(info(focus="substance_use"), prefs())
    assert "focused on substance use" in match.shortfalls


def test_open_places_are_counted():
    assert "2 open places" in evaluate(info(open_seats=2), prefs()).fits
    assert "full; waitlist" in evaluate(info(open_seats=0), prefs()).shortfalls
