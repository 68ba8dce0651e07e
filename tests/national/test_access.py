"""Who may read which national rollups: the rules in assurance/national/access.py, tested there."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from assurance.codes import ENGLAND_CODE
from assurance.national.access import api_scope_codes, national_home, scope_for

pytestmark = pytest.mark.django_db


def test_dh_reads_england_and_every_sha_an_sha_lead_england_and_its_own(world):
    dh, lead = world.users["dh_analyst"], world.users["sha_lead"]
    assert national_home(dh).code == ENGLAND_CODE and national_home(lead) == world.sha
    everything = api_scope_codes(dh, None)
    assert everything[0] == ENGLAND_CODE and world.sha.code in everything and len(everything) > 2
    assert api_scope_codes(lead, None) == [ENGLAND_CODE, world.sha.code]
    assert api_scope_codes(lead, world.sha.code) == [world.sha.code]
    assert scope_for(lead, ENGLAND_CODE).code == ENGLAND_CODE and scope_for(lead, world.sha.code) == world.sha


def test_others_are_refused_and_an_unknown_scope_is_not_found(world):
    with pytest.raises(PermissionDenied):
        api_scope_codes(world.users["pct_lead"], None)
    with pytest.raises(PermissionDenied):
        scope_for(world.users["pct_lead"], ENGLAND_CODE)
    with pytest.raises(Http404):
        api_scope_codes(world.users["sha_lead"], "Q99")
    assert national_home(world.users["panel_member"]) is None
