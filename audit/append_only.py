"""Append-only rows: history that is written once and never changed or deleted.

A model inherits ``AppendOnlyModel``; its ``objects`` refuse ``update()`` and ``delete()`` on
any queryset, and the instance refuses a second ``save()`` and ``delete()``. Used by the audit
trail and by rule-set publications."""

from django.db import models


class AppendOnlyError(Exception):
    """An append-only row was about to be changed or deleted."""


def _refuse(model: type[models.Model], verb: str) -> AppendOnlyError:
    return AppendOnlyError(f"{model._meta.verbose_name_plural} cannot be {verb}")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise _refuse(self.model, "changed")

    def delete(self):
        raise _refuse(self.model, "deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise _refuse(type(self), "changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse(type(self), "deleted")
