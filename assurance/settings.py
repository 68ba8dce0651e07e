"""Settings for commissioning assurance, read from the environment.

With nothing set the app runs on the embedded default: SQLite, Celery tasks run eagerly in-process and a
local-memory cache. DATABASE_URL selects PostgreSQL; REDIS_URL selects Redis for the Celery broker and the cache.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-not-for-production"  # used only with DEBUG on
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_celery_results",
    "assurance",
    "evidence",
    "outcomes",
    "competencies",
    "governance",
    "feedback",
    "panels",
    "partnerships",
    "development",
    "assurance.national",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "assurance.middleware.session_renewal",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "assurance.urls"
WSGI_APPLICATION = "assurance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assurance.context_processors.service",
            ],
            # A faster floatformat with the same output (assurance/templatetags/numbers.py).
            "builtins": ["assurance.templatetags.numbers"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep each worker's database connection between requests (a new PostgreSQL connection costs tens of milliseconds);
# health checks replace one the server has closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Form choice fields iterate their querysets with .iterator(), which on PostgreSQL opens a server-side cursor (DECLARE,
# FETCH, CLOSE: three round trips for a short list). The lists here are short; fetch them in one.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# The cache may live in a Redis database of its own (CACHE_URL), so that clearing it never touches the queue.
CACHE_URL = env.str("CACHE_URL", default=REDIS_URL)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Parts of pages cached under a fingerprint of what they show (assurance/fragments.py). The keys name their content,
# so nothing is ever invalidated and each process may keep its own copy: in memory, no round trip to Redis.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": env.int("FRAGMENT_CACHE_ENTRIES", default=5000)},
}
# Whole pages kept under a stamp of every row they read (assurance/pagecache.py): a review-day workspace is about
# 70 KB, so each process keeps at most PAGE_CACHE_ENTRIES of them (35 MB by default), the oldest culled first.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=500)},
}
# With this on (the tests set it), a fragment whose template reads data its key does not cover is an error rather
# than a logged warning.
FRAGMENTS_STRICT = env.bool("FRAGMENTS_STRICT", default=False)
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died before acknowledging it goes back on the queue after this many seconds. Keep it above the
# longest task's run time: a task still running past it is delivered twice (tasks are idempotent, so that only costs).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900)}
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="assurance")
CELERY_BEAT_SCHEDULE: dict = {
    # National rollups are also recomputed after sign-off, publication and imports; this catches anything missed.
    "national-rollups": {"task": "assurance.national.tasks.compute_all_rollups", "schedule": 60 * 60},
}

# Moderation across SHAs (docs/national.md): an SHA whose mean agreed level of a competency differs from the rest of
# England's by this much or more is flagged on the DH moderation page, which shows the value.
MODERATION_THRESHOLD = env.float("MODERATION_THRESHOLD", default=0.5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (django-axes with assurance/throttle.py): AXES_FAILURE_LIMIT failures of one account from one
# address lock that pair; SIGNIN_ACCOUNT_FAILURE_LIMIT failures of the account from any address lock the account.
# A lock lasts AXES_COOLOFF_HOURS, doubling with each further lock of the account within a day up to
# AXES_COOLOFF_MAX_HOURS; failures during a lock do not extend it.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
SIGNIN_ACCOUNT_FAILURE_LIMIT = env.int("SIGNIN_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_HOURS = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_COOLOFF_MAX_HOURS = env.float("AXES_COOLOFF_MAX_HOURS", default=2)
AXES_COOLOFF_TIME = "assurance.throttle.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "assurance.throttle.ThrottleHandler"
AXES_LOCKOUT_CALLABLE = "assurance.throttle.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the failure that locked an account is kept: the next lock's length reads it
AXES_RESET_ON_SUCCESS = True
# The client's address behind a TLS proxy: with TRUSTED_PROXY_COUNT proxies in front of the app, the address the
# outermost one saw is read from TRUSTED_PROXY_HEADER (each proxy appends one entry); unset, the header is ignored.
AXES_CLIENT_IP_CALLABLE = "assurance.throttle.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="X-Forwarded-For")

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# The age counts from the last request (an idle timeout): assurance.middleware renews a signed-in session when it was
# last renewed more than SESSION_RENEW_SECONDS ago, rather than writing it on every request.
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
SESSION_COOKIE_HTTPONLY = True
SECURE = not DEBUG and env.bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
# With DEBUG off, plain HTTP is redirected to HTTPS (the proxy sets X-Forwarded-Proto), except the health check
# that load balancers call directly. SECURE_SSL_REDIRECT=false where TLS is redirected in front of the app.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False  # English only; formats still follow LANGUAGE_CODE (en-gb)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MANIFEST_STRICT = False

# Evidence files live outside anything the web server serves; only an access-checked view reads them.
EVIDENCE_ROOT = Path(env.str("EVIDENCE_ROOT", default=str(BASE_DIR / "var" / "evidence")))
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="assurance@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 200,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Commissioning assurance API",
    "DESCRIPTION": (
        "Read-only access to organisations, cycles, assessments, scorecards, ratings and rollups. "
        "Programs authenticate with a token (DH analysts create their own at /account/api-token/) sent as "
        "`Authorization: Token <key>`; signed-in browsers use their session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

FIXTURES_DIR = BASE_DIR / "fixtures"
CURRENT_CYCLE = env.str("CURRENT_CYCLE", default="2009-10")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
SPECTACULAR_SETTINGS.update(
    {"SWAGGER_UI_DIST": "SIDECAR", "SWAGGER_UI_FAVICON_HREF": "SIDECAR", "REDOC_DIST": "SIDECAR"}
)
# The API's schema lists every operation's error answers (assurance/api_schema.py); its lists check and bound
# ?limit= and ?offset= (a bad one is a 400 that says why, never a database overflow).
REST_FRAMEWORK.update(
    {
        "DEFAULT_SCHEMA_CLASS": "assurance.api_schema.AutoSchema",
        "DEFAULT_PAGINATION_CLASS": "assurance.pagination.BoundedLimitOffsetPagination",
    }
)
# The comparison with England and the report card's comparison with its peers are two sets of values.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "ComparisonEnum": "outcomes.choices.Comparison",
    "PeerComparisonEnum": "assurance.national.peers.PEER_COMPARISONS",
}
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "assurance.api_schema.add_error_components",
]
# A NUL byte in the path or a query parameter, or a JSON body nested too deeply, is refused (404/400), never a 500.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "assurance.request_guards.refuse_unanswerable",
)

# Indicator imports (docs/outcomes.md, "Import limits"): the most rows a file may hold, the most an Excel workbook may
# unpack to, how many problems a refused file lists, and how many times an import whose worker stopped (killed for
# memory, say) is started again before it is marked failed.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=500_000)
IMPORT_MAX_UNPACKED_MB = env.int("IMPORT_MAX_UNPACKED_MB", default=200)
IMPORT_MAX_PROBLEMS = env.int("IMPORT_MAX_PROBLEMS", default=300)
IMPORT_MAX_ATTEMPTS = env.int("IMPORT_MAX_ATTEMPTS", default=3)

# The scorecard computation (docs/scaling.md): into how many groups of indicators it is split, each a Celery task
# that any worker on any machine may run; 1 computes in one process. More parts than worker processes keeps every
# process busy to the end.
SCORECARD_PARTS = env.int("SCORECARD_PARTS", default=8)
# ... but no more than one part per this many values (below twice as many, one process: splitting costs more).
SCORECARD_PART_MIN_VALUES = env.int("SCORECARD_PART_MIN_VALUES", default=200_000)
# A run whose parts were not all done after this long (a part failed for good) gives up its staging tables.
SCORECARD_RUN_ABANDON_HOURS = env.int("SCORECARD_RUN_ABANDON_HOURS", default=24)
# Swapping in a run's results table waits at most this long for readers holding the stored table (a backup's
# pg_dump holds it throughout); meanwhile pages reading results wait behind the swap. Past it the store fails and
# its task retries later (outcomes/storage.py::replace_staged).
SCORECARD_SWAP_LOCK_TIMEOUT_MS = env.int("SCORECARD_SWAP_LOCK_TIMEOUT_MS", default=2000)
