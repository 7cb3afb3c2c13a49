"""Getting a rendered message to a person: email through Django's email backend, text
messages through a small provider interface. Nothing here knows about referrals; the
follow-up services decide what to send and record what happened."""
