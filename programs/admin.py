"""Django admin for the catalog, for superusers. Day-to-day editing is the staff workspace at
/staff/programs/, which validates hours against the level and audits every change; here the
seat counts are read-only so places held by offers are never edited by hand."""

from django.contrib import admin

from .models import InsurancePlan, Program, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "population", "capacity", "enrolled", "held", "is_active")
    list_filter = ("level", "population", "modality", "focus", "is_active")
    search_fields = ("name", "slug")
    readonly_fields = ("enrolled", "held", "created_at", "updated_at")
    filter_horizontal = ("insurance_plans",)
    inlines = [SessionInline]


@admin.register(InsurancePlan)
class InsurancePlanAdmin(admin.ModelAdmin):
    search_fields = ("name",)
