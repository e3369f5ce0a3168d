"""Entry source (entered / imported / sample / restored) and the profile-kind-day index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(
            sa.Column("source", sa.String(20), nullable=False, server_default="entered")
        )
    op.create_index("ix_entries_profile_kind_day", "entries", ["profile_id", "kind", "day"])


def downgrade() -> None:
    op.drop_index("ix_entries_profile_kind_day", table_name="entries")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("source")
