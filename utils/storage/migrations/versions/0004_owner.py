"""Every profile has an owner; profile names are unique per owner, not across the database.

Local mode's owner is the fixed local user ("local"): existing profiles get it. In hosted mode
the owner is the signed-in person's stable subject (the identity provider's issuer and subject).

Revision ID: 0004_owner
Revises: 0003_last_profile
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_owner"
down_revision = "0003_last_profile"
branch_labels = None
depends_on = None

LOCAL_OWNER = "local"
# SQLite reports the name column's unique constraint without a name: this gives it one.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _name_unique(bind: sa.engine.Connection) -> str | None:
    for uq in sa.inspect(bind).get_unique_constraints("profiles"):
        if uq["column_names"] == ["name"]:
            return uq["name"] or "uq_profiles_name"
    return None


def upgrade() -> None:
    bind = op.get_bind()
    old = _name_unique(bind)
    with op.batch_alter_table("profiles", naming_convention=NAMING) as batch:
        batch.add_column(
            sa.Column("owner", sa.String(400), nullable=False, server_default=LOCAL_OWNER)
        )
        if old is not None:
            batch.drop_constraint(old, type_="unique")
        batch.create_unique_constraint("uq_profiles_owner_name", ["owner", "name"])


def downgrade() -> None:
    with op.batch_alter_table("profiles", naming_convention=NAMING) as batch:
        batch.drop_constraint("uq_profiles_owner_name", type_="unique")
        batch.create_unique_constraint("uq_profiles_name", ["name"])
        batch.drop_column("owner")
