"""Scoring engine: in-process scoring of 100,000 random valid answer sets, against
``json.loads(json.dumps(...))`` of the same sets timed in the same process.

Three rounds; each round times both loops back to back, and the best round of each counts
(the usual way to take a shared machine's noise out of a CPU-bound loop)."""

import gc
import json
import random
import time

from bench.harness import Context, Figure

AREA = "Scoring engine"
COUNT = 100_000
ROUNDS = 3


def run(ctx: Context) -> list[Figure]:
    from admissions.management.sample_data import random_answers
    from screening.scoring import score_answers

    rng = random.Random(20261)
    answer_sets = [random_answers(rng) for _ in range(COUNT)]
    score_times, json_times = [], []
    for _ in range(ROUNDS):
        gc.collect()
        start = time.perf_counter()
        for answers in answer_sets:
            json.loads(json.dumps(answers))
        json_times.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        for answers in answer_sets:
            score_answers(answers)
        score_times.append(time.perf_counter() - start)
    rate = COUNT / min(score_times)
    json_rate = COUNT / min(json_times)
    ratio = rate / json_rate
    ctx.data["scoring"] = {"rate": rate, "json_rate": json_rate, "rounds": score_times}
    rounds = ", ".join(f"{COUNT / t:,.0f}" for t in score_times)
    return [
        Figure(
            AREA,
            f"score_answers on {COUNT:,} random valid answer sets, per second",
            "≥ 20,000 / s",
            f"{rate:,.0f} / s",
            rate >= 20_000,
            f"best of {ROUNDS} rounds ({rounds} / s)",
        ),
        Figure(
            AREA,
            "speed relative to json.loads + json.dumps of the same sets",
            "≥ 0.2×",
            f"{ratio:.2f}× ({json_rate:,.0f} JSON round trips / s)",
            ratio >= 0.2,
        ),
    ]
