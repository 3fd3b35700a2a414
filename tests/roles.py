"""Every reader role of the visibility matrix, what each may see, and how a test becomes that reader."""

from accounts.models import User
from accounts.roles import Role

ROLES = ["anonymous", "pending", "servant", "deputy", "editor", "ulsg_admin"]
# Which visibilities each role may see (accounts.visibility).
SEES = {
    "anonymous": {"public"},
    "pending": {"public"},
    "servant": {"public", "members"},
    "deputy": {"public", "members", "deputies"},
    "editor": {"public", "members", "deputies"},
    "ulsg_admin": {"public", "members", "deputies"},
}


def sign_in(client, make_member, who):
    """Sign `client` in as a member of role `who` (a pending deputy for "pending"); returns the user or None."""
    if who == "anonymous":
        return None
    if who == "pending":
        user = make_member(Role.DEPUTY, status=User.Status.PENDING)
    else:
        user = make_member(Role(who))
    client.force_login(user)
    return user
