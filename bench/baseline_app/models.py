"""One small table the baseline view writes to: the floor a real form submission is held to."""

from django.db import models


class BaselineEntry(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()
    message = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Baseline entry {self.pk}"
