"""Renew a signed-in session's idle timeout as it is used, writing it back at most once a minute.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) cost a database write and commit per page view.
Here a session is saved only when it was last renewed more than SESSION_RENEW_SECONDS ago, so it expires between
SESSION_COOKIE_AGE minus that interval and SESSION_COOKIE_AGE after the last request.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

RENEWED = "_renewed_at"


def session_renewal(get_response):
    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only a session that carries the signed-in user: an API call with a token authenticates the request (DRF
        # sets request.user) but has no session, and must not get one (a row and a Set-Cookie per call).
        signed_in = session is not None and SESSION_KEY in session
        if signed_in and user is not None and user.is_authenticated:
            now = int(time.time())
            if session.modified or now - session.get(RENEWED, 0) >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED] = now  # marks the session modified: SessionMiddleware saves it and resets its age
        return response

    return middleware
