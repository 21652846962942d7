"""Custom category names for the crowd's suggestions, and an index for the
duplicate and rate checks.  Fills the names in from the views already stored.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NAME_PARAM = re.compile(r"^u([1-9]|10)\.name$")


def _names(query: str) -> dict[str, str]:
    """{name_key: name} of a query's custom categories (a copy of
    app.crowd.store.custom_names, frozen here as a migration must be)."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if _NAME_PARAM.match(key):
            name = " ".join(value.split())[:60]
            if name:
                out.setdefault(name.casefold()[:64], name)
    return out


def upgrade() -> None:
    op.create_index("ix_views_client_created", "views", ["client_key", "created"])
    op.create_index("ix_views_created", "views", ["created"])
    names = op.create_table(
        "view_names",
        sa.Column("view_seq", sa.Integer, primary_key=True),
        sa.Column("name_key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("client_key", sa.String(32), nullable=False),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT seq, query, client_key FROM views")).all()
    batch = [
        {"view_seq": seq, "name_key": key, "name": name, "client_key": client}
        for seq, query, client in rows
        for key, name in _names(query).items()
    ]
    if batch:
        op.bulk_insert(names, batch)


def downgrade() -> None:
    op.drop_table("view_names")
    op.drop_index("ix_views_created", "views")
    op.drop_index("ix_views_client_created", "views")
