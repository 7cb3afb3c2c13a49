"""The staff catalog: Program admins add, edit, deactivate programs and change capacity.
Views parse and render; programs.services does the writing and the auditing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.services import client_ip
from core import roles
from core.roles import view_requires

from . import services
from .forms import (
    CapacityForm,
    NewProgramSessionFormSet,
    ProgramCreateForm,
    ProgramForm,
    SessionFormSet,
)
from .selectors import program_staff_get, program_staff_list

catalog_admin = view_requires(roles.MANAGE_CATALOG)
"""Signed in (else to the login page) and allowed to manage the catalog (else 403)."""


def _sessions(request, program):
    data = request.POST if request.method == "POST" else None
    formset = SessionFormSet if program is not None else NewProgramSessionFormSet
    return formset(
        data,
        instance=program,
        prefix="sessions",
        level=request.POST.get("level", ""),
        population=request.POST.get("population", ""),
    )


@catalog_admin
def program_list(request):
    return render(request, "programs/staff/program_list.html", {"programs": program_staff_list()})


@catalog_admin
@require_http_methods(["GET", "POST"])
def program_create(request):
    form = ProgramCreateForm(request.POST or None)
    sessions = _sessions(request, None)
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        try:
            program = services.program_create(
                actor=request.user,
                fields=form.service_fields(),
                sessions=sessions.slots(),
                insurance_plans=form.cleaned_data["insurance_plans"],
                capacity=form.cleaned_data["capacity"],
                enrolled=form.cleaned_data["enrolled"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{program.name} was added to the catalog.")
            return redirect("programs_staff:list")
    return render(
        request,
        "programs/staff/program_form.html",
        {"form": form, "sessions": sessions, "program": None},
    )


@catalog_admin
@require_http_methods(["GET", "POST"])
def program_edit(request, pk: int):
    program = program_staff_get(pk=pk)
    form = ProgramForm(request.POST or None, instance=program)
    sessions = _sessions(request, program)
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        try:
            changed = services.program_update(
                program=program,
                actor=request.user,
                fields=form.service_fields(),
                sessions=sessions.slots(),
                insurance_plans=form.cleaned_data["insurance_plans"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            text = "Changes saved." if changed else "Nothing had changed."
            messages.success(request, f"{program.name}: {text}")
            return redirect("programs_staff:list")
    return render(
        request,
        "programs/staff/program_form.html",
        {"form": form, "sessions": sessions, "program": program},
    )


@catalog_admin
@require_http_methods(["GET", "POST"])
def program_capacity(request, pk: int):
    program = program_staff_get(pk=pk)
    initial = {"capacity": program.capacity, "enrolled": program.enrolled}
    form = CapacityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_capacity_set(
                program=program,
                capacity=form.cleaned_data["capacity"],
                enrolled=form.cleaned_data["enrolled"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{program.name}: places updated.")
            return redirect("programs_staff:list")
    return render(
        request, "programs/staff/program_capacity.html", {"form": form, "program": program}
    )


@catalog_admin
@require_http_methods(["GET", "POST"])
def program_active(request, pk: int, active: bool):
    program = program_staff_get(pk=pk)
    if request.method == "POST":
        change = services.program_activate if active else services.program_deactivate
        change(program=program, actor=request.user, ip_address=client_ip(request))
        state = "is back in the catalog" if active else "was taken out of the catalog"
        messages.success(request, f"{program.name} {state}.")
        return redirect("programs_staff:list")
    return render(
        request,
        "programs/staff/program_confirm_active.html",
        {"program": program, "active": active},
    )
