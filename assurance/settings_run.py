"""Settings for `make run`: the app as its users see it, on a laptop over plain HTTP.

DEBUG is off, so a missing page or an error shows the project's own 404 and 500 pages (never Django's debug page,
which lists every URL pattern); whitenoise serves the collected static files; the session and CSRF cookies work over
plain HTTP on localhost. Anything set in the environment wins: `DEBUG=true make run` is the developer switch.
"""

import os

LOCAL_RUN = {
    "DEBUG": "false",
    "SECRET_KEY": "make-run-local-only-key-never-used-in-production",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_HSTS_PRELOAD": "false",
}
for _name, _value in LOCAL_RUN.items():
    os.environ.setdefault(_name, _value)

from .settings import *  # noqa: E402,F403

# Static files straight from static/ (found by the finders, served by whitenoise): no collectstatic step, and a
# rebuilt stylesheet shows on the next reload.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
if not STATIC_ROOT.is_dir():  # noqa: F405 - nothing collected (make serve collects): whitenoise need not look there
    STATIC_ROOT = None
