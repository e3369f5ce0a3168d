"""Each entry remembers the profile revision of its last change; each profile has an entries
epoch. A reader holding an earlier read then reads only the rows changed since (after a save,
one entry instead of the whole diary).

Existing rows get change revision 0 and existing profiles epoch 0: any read made after the
upgrade holds a revision of at least 0, so these rows count as unchanged until written again,
and the first read of a process is always a full one.

Revision ID: 0005_entry_changes
Revises: 0004_owner
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_entry_changes"
down_revision = "0004_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("changed_rev", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(
            sa.Column("entries_epoch", sa.BigInteger, nullable=False, server_default="0")
        )
    op.create_index("ix_entries_profile_changed", "entries", ["profile_id", "changed_rev"])


def downgrade() -> None:
    op.drop_index("ix_entries_profile_changed", table_name="entries")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("entries_epoch")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("changed_rev")
