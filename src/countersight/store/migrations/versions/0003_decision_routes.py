"""decisions record the finding acted on: its route and the entity the row matched

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 08:10:00

Older decisions keep NULL in both columns; they apply to the row's own match to the entity
(direct or brand), as they did before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_decisions"
down_revision = "0002_watches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("matched_entity", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("matched_entity")
        batch_op.drop_column("route")
