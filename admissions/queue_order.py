"""The referral queue's order, as expressions: used by the queue selector to sort and by the
model's functional index ``referral_queue_rank`` to serve that sort, so a deep page (page 500
of a million referrals) walks an index instead of sorting every row. Both must be the very
same expressions, so they live here, below the model and the selectors."""

from datetime import UTC, datetime
from functools import cache

from django.db.models import Case, DateTimeField, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from . import pipeline

OPEN_CRISIS, UNREACHED_CRISIS, NEVER_REACHED, REACHED_OPEN, ENDED = range(5)
NO_NEXT_ACTION = datetime(9999, 1, 1, tzinfo=UTC)


@cache
def queue_order() -> tuple:
    """Who to call next: a crisis episode whose outcome is not recorded yet (reached or not,
    docs/crisis.md); then crisis referrals nobody has reached yet; then open referrals never
    reached, by deadline (so the overdue come first); then reached but open ones by their
    next action (callback, assessment, a held seat's expiry); ended ones last."""
    open_ = Q(status__in=pipeline.OPEN)
    unreached = Q(reached_at__isnull=True)
    group = Case(
        When(crisis_open=True, then=Value(OPEN_CRISIS)),
        When(open_ & unreached & Q(crisis=True), then=Value(UNREACHED_CRISIS)),
        When(open_ & unreached, then=Value(NEVER_REACHED)),
        When(open_, then=Value(REACHED_OPEN)),
        default=Value(ENDED),
        output_field=IntegerField(),
    )
    # No next action sorts last: a far-future stand-in rather than NULLS LAST, which SQLite
    # cannot put in an index.
    when = Coalesce(
        Case(
            When(unreached, then=F("due_at")),
            default=F("next_action_at"),
            output_field=DateTimeField(),
        ),
        Value(NO_NEXT_ACTION, output_field=DateTimeField()),
    )
    return (group.asc(), when.asc(), F("due_at").asc(), F("id").asc())
