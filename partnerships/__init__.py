"""Partnership pages and API: a council area's PCTs and the items they share.

Like `assurance/national/`, this package sits on top of the other apps: a partnership page gathers what each app
records jointly (outcomes, pooled budgets, the joint needs assessment), so the rest of `assurance/` stays the base.
"""
