"""The baseline: a plain Django view that validates a small form and inserts one row.

It runs behind the same middleware (sessions, CSRF, auth, axes) on the same server as the
pages it is compared with, so a ratio against it cancels out the machine and the stack."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from .forms import BaselineEntryForm


@require_POST
def baseline(request: HttpRequest) -> HttpResponse:
    form = BaselineEntryForm(request.POST)
    if not form.is_valid():
        return HttpResponse("invalid", status=400, content_type="text/plain")
    entry = form.save()
    return HttpResponse(f"saved {entry.pk}", status=201, content_type="text/plain")
