"""Cached page fragments: keyed by a fingerprint of their content, so a change to the data shows at once."""

import logging
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import reverse

from assurance import fragments
from assurance.choices import State
from assurance.models import Assessment, Organisation


@dataclass
class Row:
    name: str
    values: list


def _render(source: str, **context) -> str:
    return Template("{% load fragments %}" + source).render(Context(context))


def test_equal_content_gives_equal_fingerprints_and_any_change_another():
    assert fragments.fingerprint(Row("a", [1, 2.5])) == fragments.fingerprint(Row("a", [1, 2.5]))
    assert fragments.fingerprint(Row("a", [1, 2.5])) != fragments.fingerprint(Row("a", [1, 2.6]))
    assert fragments.fingerprint(Row("a", [1])) != fragments.fingerprint(Row("b", [1]))
    assert fragments.fingerprint({"x": 1}) != fragments.fingerprint({"x": "1"})


@pytest.mark.django_db
def test_a_models_fields_related_objects_and_added_attributes_are_in_its_fingerprint(world):
    first = Organisation.objects.select_related("parent").get(code="5NT")
    same = Organisation.objects.select_related("parent").get(code="5NT")
    assert fragments.fingerprint(first) == fragments.fingerprint(same)
    same.parent.name = "Renamed SHA"  # a related object loaded with it
    assert fragments.fingerprint(first) != fragments.fingerprint(same)
    again = Organisation.objects.select_related("parent").get(code="5NT")
    again.note = "set by a view"
    assert fragments.fingerprint(first) != fragments.fingerprint(again)


@pytest.mark.django_db
def test_what_cannot_be_read_without_a_query_cannot_be_fingerprinted(world):
    with pytest.raises(fragments.NotFingerprintable):
        fragments.fingerprint(Organisation.objects.all())  # not yet evaluated
    evaluated = Organisation.objects.filter(code="5NT")
    list(evaluated)
    assert fragments.fingerprint(evaluated) == fragments.fingerprint(list(Organisation.objects.filter(code="5NT")))
    with pytest.raises(fragments.NotFingerprintable):
        fragments.fingerprint(logging.getLogger("x"))


def test_a_fragment_is_rendered_once_for_the_same_content_and_again_for_new_content():
    calls = []

    class Counted:  # its rendering is counted; its content is its value
        __module__ = "assurance.tests"

        def __init__(self, value):
            self.value = value

        def __str__(self):
            calls.append(self.value)
            return str(self.value)

    source = '{% fragment "counted" item=item %}<p>{{ item }}</p>{% endfragment %}'
    assert _render(source, item=Counted(1)) == "<p>1</p>"
    assert _render(source, item=Counted(1)) == "<p>1</p>"
    assert calls == [1]
    assert _render(source, item=Counted(2)) == "<p>2</p>"
    assert calls == [1, 2]


def test_a_fragment_sees_only_the_values_it_is_given():
    source = '{% fragment "isolated" shown=shown %}{{ shown }}-{{ hidden }}{% endfragment %}'
    assert _render(source, shown="a", hidden="b") == "a-"


@pytest.mark.django_db
def test_a_fragment_that_queries_is_an_error_in_tests_and_is_not_stored_in_production(world, caplog):
    source = '{% fragment "queries" pct=pct %}{{ pct.assessments.count }}{% endfragment %}'
    pct = Organisation.objects.get(code="5NT")
    with pytest.raises(TemplateSyntaxError, match="read data its key does not cover"):
        _render(source, pct=pct)
    with override_settings(FRAGMENTS_STRICT=False), caplog.at_level(logging.WARNING):
        assert _render(source, pct=pct) == str(pct.assessments.count())
        Assessment.objects.filter(organisation=pct).delete()
        assert _render(source, pct=pct) == "0"  # rendered afresh: the first text was not stored
    assert "read data its key does not cover" in caplog.text


def test_the_tag_needs_a_quoted_name_and_key_value_pairs():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment name %}{% endfragment %}")
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "name" value %}{% endfragment %}')


@pytest.mark.django_db
def test_the_national_home_page_shows_a_new_state_at_once(world):
    client = world.client_for("dh_analyst")
    assert "PCTs in England" in client.get(reverse("home")).content.decode()
    assert len(caches[fragments.ALIAS]._cache) >= 1  # the table was stored
    Assessment.objects.filter(organisation__code="5NT", cycle=world.cycle).update(state=State.SUBMITTED)
    page = client.get(reverse("home")).content.decode()
    row = page.split(">5NT<")[1].split("</tr>")[0]
    assert "Submitted" in row
