"""The public catalog: every active program, with filters, and one page per program."""

from django.shortcuts import render

from .filters import ProgramFilter
from .selectors import program_catalog_queryset, program_public_get


def program_list(request):
    filterset = ProgramFilter(request.GET or None, queryset=program_catalog_queryset())
    programs = filterset.qs if filterset.is_bound else filterset.queryset
    filtered = filterset.is_bound and any(filterset.form.cleaned_data.values())
    return render(
        request,
        "programs/program_list.html",
        {"filterset": filterset, "programs": list(programs), "filtered": filtered},
    )


def program_detail(request, slug: str):
    program = program_public_get(slug=slug)
    return render(request, "programs/program_detail.html", {"program": program})
