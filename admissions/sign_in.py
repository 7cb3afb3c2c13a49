"""What the sign-in lockout (django-axes) keys on besides the client address."""

from django.contrib.auth import get_user_model

USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length


def attempted_username(request, credentials: dict | None) -> str:
    """The username that was tried (from the credentials, else the form), at most as long as
    a real one: a 5000-character "username" is recorded by its first 150 characters."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username", "")
    return str(username or "")[:USERNAME_MAX_LENGTH]
