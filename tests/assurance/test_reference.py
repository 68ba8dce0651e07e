"""Reference data: real codes, the framework as data, and idempotent loading."""

from django.core.management import call_command

from assurance.models import Cycle, Organisation
from competencies.models import Competency, LevelDescriptor
from governance.models import GovernanceArea


def test_organisations_have_real_codes_and_parents(db):
    assert Organisation.objects.get(code="E92000001").name == "England"
    assert Organisation.objects.filter(kind="SHA").count() == 10
    assert Organisation.objects.filter(kind="PCT").count() == 151
    assert Organisation.objects.filter(kind="LA").count() == 351
    manchester = Organisation.objects.get(code="5NT")
    assert (manchester.name, manchester.parent.code, manchester.parent.name) == (
        "Manchester PCT",
        "Q31",
        "NHS North West",
    )
    assert Organisation.objects.get(code="E08000003").social_care


def test_the_framework_differs_between_cycles_where_the_sources_say(db):
    first, second = Cycle.objects.get(code="2008-09"), Cycle.objects.get(code="2009-10")
    assert Competency.objects.filter(cycle=first).count() == 10  # finance judged under governance
    assert Competency.objects.filter(cycle=second).count() == 11
    assert not first.may_publish and second.may_publish
    assert second.required_outcome_groups == ["life expectancy", "health inequalities"]
    assert list(GovernanceArea.objects.filter(cycle=first).values_list("area", flat=True)) == [
        "Strategy",
        "Finance",
        "Board",
    ]
    assert GovernanceArea.objects.filter(cycle=second).count() == 12  # 9 items and the 3 areas they inform
    assert list(GovernanceArea.objects.filter(cycle=second, item="").values_list("area", flat=True)) == [
        "Strategy",
        "Finance",
        "Board",
    ]
    assert LevelDescriptor.objects.filter(competency__cycle=second).count() == 44
    assert LevelDescriptor.objects.filter(illustrative=False).count() == 0


def test_loading_twice_changes_nothing(db):
    before = (Organisation.objects.count(), Competency.objects.count(), LevelDescriptor.objects.count())
    call_command("load_reference", verbosity=0, stdout=open("/dev/null", "w"))
    assert (
        Organisation.objects.count(),
        Competency.objects.count(),
        LevelDescriptor.objects.count(),
    ) == before
