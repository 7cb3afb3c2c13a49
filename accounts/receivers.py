"""Each sign-in records its session (so an administrator can end it); a sign-out forgets
it."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .services.staff_sessions import session_forget, session_record


@receiver(user_logged_in, dispatch_uid="accounts_session_record")
def record_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    session_record(user_id=user.pk, session_key=session.session_key)


@receiver(user_logged_out, dispatch_uid="accounts_session_forget")
def forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        session_forget(session_key=session.session_key)
