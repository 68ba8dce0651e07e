"""Importing partnerships into the database, by the command and the web, and the reference load."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assurance.models import Partnership
from partnerships.services import partnerships_import

HEADER = "pct_ods_code,council_ons_code,population_share,coterminous\n"


def test_reference_partnerships_are_loaded_once_with_manchester_coterminous(world):
    manchester = Partnership.objects.get(pct=world.pct, council=world.council)
    assert (manchester.population_share, manchester.coterminous) == (Decimal("100.0"), True)
    assert Partnership.objects.filter(pct__code="5LH").count() == 2  # Tameside and Glossop: two councils
    count = Partnership.objects.count()
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    assert Partnership.objects.count() == count
    assert f"0 created, 0 updated, {count} unchanged" in out.getvalue()


def test_import_creates_updates_and_counts_unchanged(world):
    body = HEADER + "5NT,E08000003,100,yes\n5LH,E08000008,80,no\n5LH,E10000007,20,no\n"
    result = partnerships_import(file_bytes=body.encode())
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 2, 1, [])
    assert Partnership.objects.get(pct__code="5LH", council__code="E08000008").population_share == Decimal("80.0")
    again = partnerships_import(file_bytes=body.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_bad_file_writes_nothing(world):
    Partnership.objects.filter(pct=world.pct).delete()
    body = HEADER + "5NT,E08000003,100,yes\n5XX,E08000003,10,no\n"
    result = partnerships_import(file_bytes=body.encode())
    assert [str(e) for e in result.errors] == ["Row 3, pct_ods_code: Unknown PCT code '5XX'"]
    assert not Partnership.objects.filter(pct=world.pct).exists()


def test_command_imports_and_exits_non_zero_on_refusal(world, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(HEADER + "5NT,E08000003,100,yes\n")
    bad.write_text(HEADER + "5NT,E08000003,101,yes\n")
    out = io.StringIO()
    call_command("import_partnerships", str(good), stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError, match="refused: 1 problem"):
        call_command("import_partnerships", str(bad), stderr=err)
    assert "Row 2, population_share: Share '101' is not a number from 0 to 100" in err.getvalue()


def test_web_import_lists_every_problem_and_keeps_the_data(world):
    client = world.client_for("dh_analyst")
    body = HEADER + "5NT,E08000003,55,no\n5HQ,E07000004,100,yes\n"
    upload = io.BytesIO(body.encode())
    upload.name = "partnerships.csv"
    response = client.post(reverse("partnerships:import"), {"file": upload})
    assert response.status_code == 400
    assert (
        "Row 3, council_ons_code: &#x27;E07000004&#x27; is not an upper-tier council with social care"
        in response.content.decode()
    )
    assert Partnership.objects.get(pct=world.pct, council=world.council).population_share == Decimal("100.0")


def test_web_import_succeeds_and_says_what_it_did(world):
    client = world.client_for("dh_analyst")
    upload = io.BytesIO((HEADER + "5NT,E08000003,100,yes\n").encode())
    upload.name = "partnerships.csv"
    response = client.post(reverse("partnerships:import"), {"file": upload}, follow=True)
    assert "Partnerships imported: 0 created, 0 updated, 1 unchanged." in response.content.decode()


def test_web_import_refuses_a_file_that_is_not_csv_next_to_the_field(world):
    upload = io.BytesIO(b"x")
    upload.name = "partnerships.xlsx"
    response = world.client_for("dh_analyst").post(reverse("partnerships:import"), {"file": upload})
    assert "The selected file must be a CSV (.csv)" in response.content.decode()


def test_a_control_character_in_a_partnership_cell_is_refused_with_a_row_message(world):
    result = partnerships_import(file_bytes=(HEADER + "5NT,E08000003,10\x00,yes\n").encode())
    assert "Row 2, population_share: Contains a control character (U+0000), which no value may hold: remove it" in [
        str(e) for e in result.errors
    ]
    assert all("\x00" not in str(e) for e in result.errors)


def test_a_partnership_file_with_thousands_of_problems_lists_the_first_few_hundred(world):
    body = "".join(f"X{i},Y{i},200,maybe\n" for i in range(1000))
    client = world.client_for("dh_analyst")
    upload = io.BytesIO((HEADER + body).encode())
    upload.name = "partnerships.csv"
    response = client.post(reverse("partnerships:import"), {"file": upload})
    text = response.content.decode()
    assert "The file was not imported: 4000 problems" in text
    assert "and 3700 more problems, not listed" in text
    assert text.count('<li><a href="#id_file">') == 300
