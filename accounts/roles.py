"""The four roles, their names as people read them, and which organisations each may be bound to."""

ROLES = ("administrator", "board", "carers_org", "commissioner")
ROLE_NAMES = {
    "administrator": "Administrator",
    "board": "Carers Board member",
    "carers_org": "Carers' organisation",
    "commissioner": "Commissioner",
}
# a role bound to one organisation, and the organisation types it may be bound to
ORG_TYPES = {"carers_org": ("carers_org",), "commissioner": ("PCT", "CCG", "ICB", "LA")}
