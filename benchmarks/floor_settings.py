"""Settings for page benchmarks: the project's own, plus one bare view as the floor of what a request costs."""

from assurance.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.floor_urls"
