"""Access cases for the partnership pages and API (every URL of `assurance.partners`)."""

from tests.access import PCT_USERS, SHA_USERS, Case, allow

# Manchester council partners Manchester PCT (5NT, North West): its own partner users, the PCT's users, the North
# West SHA (which may view 5NT) and DH see the page, each reading only the joint items of the PCTs it may see.
MANCHESTER = ("la_partner", *PCT_USERS, *SHA_USERS, "dh_analyst")
# County Durham council partners County Durham PCT (5ND, North East): the North East SHA and DH only.
DURHAM = ("other_sha_lead", "other_panel_chair", "dh_analyst")


def _council(w):
    return {"ons_code": w.council.code}


def _durham(w):
    return {"ons_code": "E06000047"}


CASES = [
    Case("partnerships:council", allow(*MANCHESTER), kwargs=_council),
    Case("partnerships:council", allow(*DURHAM), kwargs=_durham),
    Case("partnerships:council", allow(), kwargs=lambda w: {"ons_code": "E99999999"}),
    Case("partnerships:council", allow(), kwargs=lambda w: {"ons_code": w.pct.code}),  # a PCT is not a council
    Case("partnerships:csv", allow(*MANCHESTER), kwargs=_council),
    Case("partnerships:csv", allow(*DURHAM), kwargs=_durham),
    Case("partnerships:api", allow(*MANCHESTER, anonymous=403), kwargs=_council),
    Case("partnerships:api", allow(*DURHAM, anonymous=403), kwargs=_durham),
    Case("partnerships:import", allow("dh_analyst")),
    Case("partnerships:import", allow("dh_analyst", status=200), method="post"),  # an empty form re-renders
]
