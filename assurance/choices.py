"""Choices of the assurance app: organisation kinds, roles and workflow states."""

from django.db import models


class OrgKind(models.TextChoices):
    ENGLAND = "ENGLAND", "England"
    SHA = "SHA", "Strategic health authority"
    PCT = "PCT", "Primary care trust"
    LA = "LA", "Local authority"


class Role(models.TextChoices):
    PCT_CONTRIBUTOR = "pct_contributor", "PCT contributor"
    PCT_LEAD = "pct_lead", "PCT lead"
    PANEL_MEMBER = "panel_member", "Panel member"
    PANEL_CHAIR = "panel_chair", "Panel chair"
    SHA_LEAD = "sha_lead", "SHA assurance lead"
    DH_ANALYST = "dh_analyst", "DH analyst"
    LA_PARTNER = "la_partner", "Local authority partner"


# The organisation kind each role belongs to (docs/architecture.md, "Roles and access").
ROLE_ORG_KIND = {
    Role.PCT_CONTRIBUTOR: OrgKind.PCT,
    Role.PCT_LEAD: OrgKind.PCT,
    Role.PANEL_MEMBER: OrgKind.SHA,
    Role.PANEL_CHAIR: OrgKind.SHA,
    Role.SHA_LEAD: OrgKind.SHA,
    Role.DH_ANALYST: OrgKind.ENGLAND,
    Role.LA_PARTNER: OrgKind.LA,
}

PCT_ROLES = {Role.PCT_CONTRIBUTOR, Role.PCT_LEAD}
SHA_ROLES = {Role.PANEL_MEMBER, Role.PANEL_CHAIR, Role.SHA_LEAD}


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    REPORTED = "reported", "Reported"
    PUBLISHED = "published", "Published"


# GOV.UK tag colour per state, as NetBox pairs a colour with each status.
STATE_TAG = {
    State.DRAFT: "govuk-tag--grey",
    State.SUBMITTED: "govuk-tag--blue",
    State.IN_REVIEW: "govuk-tag--yellow",
    State.REPORTED: "govuk-tag--green",
    State.PUBLISHED: "govuk-tag--purple",
}


class Action(models.TextChoices):
    SUBMIT = "submit", "Submit"
    REOPEN = "reopen", "Reopen"
    OPEN_REVIEW = "open_review", "Open panel review"
    SIGN_OFF = "sign_off", "Sign off report"
    PUBLISH = "publish", "Publish"
    WITHDRAW = "withdraw", "Withdraw publication"
