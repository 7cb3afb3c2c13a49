"""Writes to the program catalog and its seats. See catalog.py and seats.py."""

from .catalog import (
    program_activate,
    program_capacity_set,
    program_create,
    program_deactivate,
    program_update,
)
from .seats import program_seat_enroll_from_hold, program_seat_hold, program_seat_release

__all__ = [
    "program_activate",
    "program_capacity_set",
    "program_create",
    "program_deactivate",
    "program_seat_enroll_from_hold",
    "program_seat_hold",
    "program_seat_release",
    "program_update",
]
