"""A second, deliberately plain reading of the spec (sections 2–6) used as a test oracle.

Straight if/else code, written independently of the engine's rule tables, for comparing
whole results on generated answer sets. It takes answers already known to be valid.
"""

LEVELS = ("outpatient", "iop", "php", "inpatient")


def _yes(value: object) -> bool:
    return value is True or value == "declined"


def _band(total: int, bands: list[tuple[int, str]]) -> str:
    name = bands[0][1]
    for low, band in bands:
        if total >= low:
            name = band
    return name


def reference_score(a: dict[str, object]) -> dict[str, object]:
    def n(code: str) -> int:
        return int(a.get(code, 0))  # type: ignore[call-overload]

    phq = sum(n(f"phq9_{i}") for i in range(1, 10))
    gad = sum(n(f"gad7_{i}") for i in range(1, 8))
    drinks = n("auditc_1") > 0
    audit = n("auditc_1") + (n("auditc_2") + n("auditc_3") if drinks else 0)
    auditc_3 = n("auditc_3") if drinks else 0
    trauma = a["pcptsd_trauma"] is True
    ptsd = sum(1 for i in range(1, 6) if trauma and a.get(f"pcptsd_{i}") is True)
    positive = any(_yes(a[f"asq_{i}"]) for i in range(1, 5))
    acute = positive and _yes(a.get("asq_5"))
    asq = "acute_positive" if acute else "non_acute_positive" if positive else "negative"
    recent = a["asq_4"] is True and a.get("asq_4_recent") is True
    harm_now = a["harm_others"] is True and a.get("harm_others_now") is True

    if acute or harm_now:
        safety = 5
    elif positive and (_yes(a["asq_3"]) or recent):
        safety = 4
    elif positive or n("phq9_9") >= 2 or a["harm_others"]:
        safety = 3
    elif n("phq9_9") == 1:
        safety = 2
    else:
        safety = 1

    if phq >= 20:
        symptoms = 5
    elif 15 <= phq <= 19 or gad >= 15 or ptsd == 5:
        symptoms = 4
    elif 10 <= phq <= 14 or 10 <= gad <= 14 or 3 <= ptsd <= 4:
        symptoms = 3
    elif 5 <= phq <= 9 or 5 <= gad <= 9:
        symptoms = 2
    else:
        symptoms = 1

    care, missed, difficulty = n("self_care"), n("missed_days"), n("phq9_difficulty")
    if care == 3:
        functioning = 5
    elif care == 2 or missed >= 10:
        functioning = 4
    elif care == 1 or missed >= 5 or difficulty == 3:
        functioning = 3
    elif missed >= 1 or difficulty >= 1:
        functioning = 2
    else:
        functioning = 1

    drugs = n("drug_freq")
    if a["medical_unstable"] or (a["withdrawal_history"] and (auditc_3 == 4 or drugs == 4)):
        substance = 5
    elif audit >= 8 or drugs == 4:
        substance = 4
    elif 6 <= audit <= 7 or drugs == 3:
        substance = 3
    elif 3 <= audit <= 5 or 1 <= drugs <= 2:
        substance = 2
    else:
        substance = 1

    living = a["living_situation"]
    if living == "homeless" and not a["support_person"]:
        support = 5
    elif living == "homeless" or not a["home_safe"]:
        support = 4
    elif not a["support_person"] or living == "unstable":
        support = 3
    elif not a["transport"]:
        support = 2
    else:
        support = 1

    if n("hosp_recent") == 2:
        history = 4
    elif n("hosp_recent") == 1 or a["discharged_recent"]:
        history = 3
    elif a["outpatient_insufficient"]:
        history = 2
    else:
        history = 1

    engagement = {"not_ready": 4, "unsure": 2, "ready": 1}[a["readiness"]]  # type: ignore[index]

    if safety == 5 or functioning == 5 or substance == 5:
        floor = "inpatient"
    elif safety == 4 or functioning == 4 or (symptoms == 5 and functioning >= 3):
        floor = "php"
    elif (
        safety == 3
        or symptoms >= 4
        or substance == 4
        or history >= 3
        or (a["outpatient_insufficient"] and symptoms >= 3)
    ):
        floor = "iop"
    else:
        floor = "outpatient"
    composite = safety + symptoms + functioning + substance + support + history + engagement
    band = _band(composite, [(7, "outpatient"), (12, "iop"), (18, "php"), (23, "inpatient")])
    level = max(floor, band, key=LEVELS.index)

    if safety == 5:
        urgency = "emergent"
    elif level == "inpatient" or safety == 4:
        urgency = "urgent"
    elif level == "php" or safety == 3:
        urgency = "priority"
    else:
        urgency = "routine"

    age, hours = n("age"), n("hours_available")
    adolescent = 12 <= age <= 17
    conditions = {
        "adolescent": adolescent,
        "crisis": safety == 5,
        "safety_assessment": safety >= 3,
        "medical_review": substance == 5,
        "substance_use": substance >= 3,
        "trauma_positive": ptsd >= 3,
        "step_down": a["discharged_recent"] is True,
        "limited_support": support >= 3,
        "low_readiness": engagement >= 2,
        "schedule_barrier": (level == "iop" and hours < (6 if adolescent else 9))
        or (level == "php" and hours < 20),
    }
    return {
        "rule_set": "iop-loc-2026.1",
        "level": level,
        "crisis": safety == 5,
        "urgency": urgency,
        "composite": composite,
        "domains": {
            "safety": safety,
            "symptoms": symptoms,
            "functioning": functioning,
            "substance": substance,
            "support": support,
            "history": history,
            "engagement": engagement,
        },
        "instruments": {
            "phq9": {
                "total": phq,
                "band": _band(
                    phq,
                    [
                        (0, "minimal"),
                        (5, "mild"),
                        (10, "moderate"),
                        (15, "moderately_severe"),
                        (20, "severe"),
                    ],
                ),
            },
            "gad7": {
                "total": gad,
                "band": _band(gad, [(0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")]),
            },
            "asq": {"result": asq},
            "pcptsd5": {"score": ptsd, "positive": ptsd >= 3},
            "auditc": {
                "total": audit,
                "band": _band(audit, [(0, "low"), (3, "moderate"), (6, "high"), (8, "severe")]),
            },
        },
        "flags": sorted(flag for flag, holds in conditions.items() if holds),
        "level_basis": "floor" if LEVELS.index(floor) >= LEVELS.index(band) else "composite",
    }
