"""`{% fragment "name" key=value ... %}...{% endfragment %}`: a part of a page cached under a fingerprint of its values.

The block sees only the values given (as `{% include ... only %}` does), so what it shows is a function of them.
See assurance/fragments.py for the key and for when a rendering is stored.
"""

import logging

from django import template
from django.core.cache import caches
from django.template.base import token_kwargs

from .. import fragments

register = template.Library()
log = logging.getLogger(__name__)
TIMEOUT = 60 * 60


class FragmentNode(template.Node):
    def __init__(self, name: str, values: dict, nodelist):
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.values.items()}
        try:
            before = fragments.fingerprint(values)
        except fragments.NotFingerprintable:
            if fragments.strict():
                raise
            log.warning("Fragment %s rendered without its cache: a value cannot be fingerprinted", self.name)
            return self._render(context, values)
        store = caches[fragments.ALIAS]
        key = f"{self.name}:{fragments.code_version()}:{before}"
        text = store.get(key)
        if text is not None:
            return text
        with fragments.QueryCounter() as queries:
            text = self._render(context, values)
        if queries.count or fragments.fingerprint(values) != before:
            message = f"Fragment {self.name} read data its key does not cover ({queries.count} queries)"
            if fragments.strict():
                raise template.TemplateSyntaxError(message)
            log.warning(message)
            return text
        store.set(key, text, TIMEOUT)
        return text

    def _render(self, context, values: dict) -> str:
        return self.nodelist.render(context.new(values))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" key=value ... %}...{% endfragment %}')
    name = bits[1][1:-1]
    values = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError(f"fragment {name}: give each value as key=value")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, values, nodelist)
