"""The server secret and the two keys made from it: no address is kept.

A view stores two keyed hashes of the client's network (its /24 or /48),
never the address:

- the *client key*, HMAC-SHA256 of the network and the UTC date: the same
  network on the same day gets the same key, so duplicates and floods can be
  refused; on another day it is another key;
- the *voice key*, HMAC-SHA256 of the network alone, kept only beside the
  names of a view's own categories: a network that names a category on
  three days still counts as one voice for the crowd's suggestions.

Both are truncated to 64 bits.  The secret is never stored with the data: it
is ``SCURVE_SECRET`` from the environment, or else a key file outside the
database (``SCURVE_SECRET_FILE``, by default ``scurve-secret.key`` beside the
SQLite file, or in the working directory for any other database), created
with mode 0600 the first time.  The database keeps only a check value, an
HMAC of a constant, so an instance started with another secret is refused
rather than silently breaking the duplicate rule; the check value reveals
nothing about networks.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL, make_url

KEY_FILE = "scurve-secret.key"
MIN_SECRET = 32
CHECK_MESSAGE = b"scurve: the secret of this crowd database"


class SecretError(RuntimeError):
    """The secret cannot be read, or is not the one this database was used with."""


@dataclass(frozen=True)
class Secret:
    key: bytes
    source: str  # where it came from, for messages: "SCURVE_SECRET" or the key file's path

    @property
    def check(self) -> str:
        """The value the database keeps to recognise this secret."""
        return hmac.new(self.key, CHECK_MESSAGE, hashlib.sha256).hexdigest()


def network_prefix(host: str | None) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, as text.

    >>> network_prefix("203.0.113.77"), network_prefix("2001:db8:1:2::5")
    ('203.0.113.0/24', '2001:db8:1::/48')
    """
    try:
        ip = ipaddress.ip_address((host or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


def client_key(secret: bytes, host: str | None, day: date) -> str:
    """HMAC-SHA256 of the network prefix and the UTC date, truncated to 64 bits."""
    msg = f"{network_prefix(host)}|{day.isoformat()}".encode()
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()[:16]


def voice_key(secret: bytes, host: str | None) -> str:
    """HMAC-SHA256 of the network prefix alone, truncated to 64 bits: one network, one voice.

    >>> voice_key(b"k", "203.0.113.7") == voice_key(b"k", "203.0.113.200") != voice_key(b"k", "203.0.114.7")
    True
    """
    msg = f"voice|{network_prefix(host)}".encode()
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()[:16]


def secret_file(url: URL | str, env: dict[str, str] | None = None) -> Path:
    """Where the key file is: ``SCURVE_SECRET_FILE``, else beside a SQLite
    file, else in the working directory."""
    env = dict(os.environ) if env is None else env
    configured = env.get("SCURVE_SECRET_FILE", "").strip()
    if configured:
        return Path(configured)
    parsed = make_url(url)
    database = parsed.database or ""
    if (
        parsed.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        return Path(database).resolve().parent / KEY_FILE
    return Path(KEY_FILE).resolve()


def load_secret(url: URL | str, env: dict[str, str] | None = None) -> Secret:
    """The server secret: ``SCURVE_SECRET``, else the key file (made on first use)."""
    env = dict(os.environ) if env is None else env
    given = env.get("SCURVE_SECRET", "").strip()
    if given:
        if len(given) < MIN_SECRET:
            raise SecretError(
                f"SCURVE_SECRET must be at least {MIN_SECRET} characters, got {len(given)}; "
                "make one with: python3 -c 'import secrets; print(secrets.token_hex(32))'"
            )
        return Secret(given.encode(), "SCURVE_SECRET")
    path = secret_file(url, env)
    return Secret(read_or_create(path), str(path))


def read_or_create(path: Path, fresh: str | None = None) -> bytes:
    """The secret in the key file at ``path``; a new one (or ``fresh``) written
    there first if it does not exist, readable by its owner only."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    value = fresh or secrets.token_hex(32)
    # Written whole under another name, then linked into place: a process
    # starting at the same moment reads either no file or the complete one.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(value + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)
    except FileExistsError:  # another process was first: use theirs
        pass
    except OSError as exc:
        raise SecretError(f"cannot create the key file {path}: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise SecretError(f"cannot read the key file {path}: {exc.strerror}") from None
    if len(text) < MIN_SECRET:
        raise SecretError(f"the key file {path} holds {len(text)} characters; a secret needs at least {MIN_SECRET}")
    return text.encode()
