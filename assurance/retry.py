"""The one list of failures a Celery task retries: connection trouble only (the database, the broker, Redis).

Anything else is a bug to see, not to repeat. Tasks pass it as `autoretry_for=TRANSIENT`.
"""

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError

TRANSIENT = (OperationalError, InterfaceError, BrokerError, RedisConnectionError, ConnectionError)
