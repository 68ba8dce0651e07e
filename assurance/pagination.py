"""Pagination of the API's lists: limit and offset, checked and bounded, a bad one refused with a message (400)."""

import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

DIGITS = re.compile(r"[0-9]{1,12}")


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=` 1..1000 and `?offset=` 0..1,000,000,000, whole numbers only (`true`, `null`, `-1`, `1e3` refused).

    DRF's own class quietly ignores a bad value and passes an enormous one to the database, where it overflows
    (a 500); here each is a 400 that says what is allowed.
    """

    default_limit = 200
    max_limit = 1000
    max_offset = 1_000_000_000

    def get_limit(self, request):
        return self._whole(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request):
        return self._whole(request, self.offset_query_param, 0, self.max_offset, 0)

    @staticmethod
    def _whole(request, name: str, low: int, high: int, default: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        number = int(raw) if DIGITS.fullmatch(raw) else None
        if number is None or not low <= number <= high:
            raise ValidationError({name: [f"Enter a whole number from {low} to {high:,}."]})
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, self.max_offset)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
        return parameters
