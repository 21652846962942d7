"""The secret leaves the database; suggestions count networks, not days; stored
links keep no free text but names.

- The server secret kept in ``settings`` (with it and a backup of the
  database, every view's network could be recovered by trying all 2^24 IPv4
  /24 networks) moves to the key file (``app.crowd.keys``), so the client
  keys made before the upgrade still match and the 24-hour duplicate rule
  carries over; with ``SCURVE_SECRET`` set the stored one was never used and
  is dropped.  A key file that exists with another secret stops the upgrade
  (nothing changed) with a message saying what to do.
- ``view_names`` counts each name by a *voice key* (a keyed hash of the
  network alone, app.crowd.keys.voice_key) instead of the daily client key.
  Rows stored before the upgrade keep their daily key as their voice (the
  network cannot be known again): as before, such a row counts once per
  network and day.  Name keys are made again by ``scurve.state.name_key``
  without truncation, so two long names no longer share one key.
- Stored links drop the group and the question of a view's own categories
  (``u1.group``, ``u1.q``...): free text that can name a person.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

import sqlalchemy as sa
from alembic import op

from app.crowd.keys import SecretError, read_or_create, secret_file
from scurve.state import name_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FREE_TEXT = re.compile(r"^u([1-9]|10)\.(group|q)$")


def without_free_text(query: str) -> str:
    """A stored query without its ``uN.group`` and ``uN.q`` parameters, the rest as written.

    >>> without_free_text("v=1&u1.name=A&u1.group=Jane%20Doe&u1.q=Mail%20me&u1=0.3")
    'v=1&u1.name=A&u1=0.3'
    """
    return "&".join(p for p in query.split("&") if not _FREE_TEXT.match(unquote_plus(p.partition("=")[0])))


def _move_secret(conn: sa.Connection) -> None:
    import os

    stored = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'secret'")).scalar()
    if stored is None:
        return
    if not os.environ.get("SCURVE_SECRET", "").strip():
        path = secret_file(conn.engine.url)
        try:
            kept = read_or_create(path, fresh=stored).decode()
        except SecretError as exc:
            raise RuntimeError(f"cannot move the crowd's secret out of the database: {exc}") from None
        if kept != stored:
            raise RuntimeError(
                f"the key file {path} holds another secret than the one in the crowd database; "
                f"move it away (or point SCURVE_SECRET_FILE at an absent file) and upgrade again, "
                "so the secret moves there and views added before keep their duplicate rule"
            )
    conn.execute(sa.text("DELETE FROM settings WHERE key = 'secret'"))


def upgrade() -> None:
    conn = op.get_bind()
    _move_secret(conn)
    rows = conn.execute(sa.text("SELECT view_seq, name, client_key FROM view_names")).all()
    # Emptied, changed, filled again: every key is made anew.
    conn.execute(sa.text("DELETE FROM view_names"))
    with op.batch_alter_table("view_names", recreate="always") as batch:
        batch.drop_column("client_key")
        batch.add_column(sa.Column("voice_key", sa.String(32), nullable=False))
        batch.alter_column("name_key", type_=sa.Text, existing_nullable=False)
    names = sa.table(
        "view_names",
        sa.column("view_seq", sa.Integer),
        sa.column("name_key", sa.Text),
        sa.column("name", sa.String),
        sa.column("voice_key", sa.String),
    )
    fresh: dict[tuple[int, str], dict[str, object]] = {}
    for seq, name, client in rows:
        fresh.setdefault(
            (seq, name_key(name)), {"view_seq": seq, "name_key": name_key(name), "name": name, "voice_key": client}
        )
    if fresh:
        conn.execute(names.insert(), list(fresh.values()))
    for seq, query in conn.execute(sa.text("SELECT seq, query FROM views")).all():
        kept = without_free_text(query)
        if kept != query:
            conn.execute(sa.text("UPDATE views SET query = :q WHERE seq = :s"), {"q": kept, "s": seq})


def downgrade() -> None:
    # The secret stays in its key file, and the free text dropped is gone.
    with op.batch_alter_table("view_names", recreate="always") as batch:
        batch.alter_column("voice_key", new_column_name="client_key", existing_type=sa.String(32))
        batch.alter_column("name_key", type_=sa.String(64), existing_nullable=False)
