"""The views and the settings (the server secret).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "views",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("client_key", sa.String(32), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        # Derived from `query` at write time (positions per built-in category
        # and year; mean slope per year), packed so 100,000 views aggregate in
        # well under a second.
        sa.Column("cells", sa.LargeBinary, nullable=False),
        sa.Column("slopes", sa.LargeBinary, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("views")
    op.drop_table("settings")
