"""Finding and opening a ``sql`` source's database, without ever showing its password.

The URL comes from the statement file (``url``), which must not hold a password, or from
an environment variable (``url_env``), which may. Whatever goes wrong, messages name the
database by its URL with the password hidden, and the password itself is struck out of
any text a driver returns before it is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus, unquote

import attrs

from measurekit.__about__ import DISTRIBUTION
from measurekit.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine

#: Query-string keys (in any case) whose values are secrets: passwords, tokens and keys.
SECRET_KEYS = frozenset({"password", "pwd", "passwd", "secret", "token", "key", "private_key"})
#: Endings of query-string keys whose values are secrets (``access_token``,
#: ``motherduck_token``, ``client_secret``, ``api_key``).
SECRET_ENDINGS = ("_password", "_token", "_secret", "_key")
#: A password inside an ODBC connection string (``odbc_connect=...;PWD=...``).
ODBC_PASSWORD = re.compile(r"(?i)\b(?:pwd|password)\s*=\s*(\{[^}]*\}|[^;]*)")

INSTALL_SQL = f"pip install '{DISTRIBUTION}[sql]'"


@attrs.frozen(repr=False)
class Database:
    """A database URL, resolved, with what may be shown of it.

    ``shown`` is the URL with any password replaced by ``***``; ``secrets`` are texts to
    strike out of anything a driver says.
    """

    url: URL
    shown: str
    secrets: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Database({self.shown})"

    def scrub(self, text: str) -> str:
        """``text`` with every secret struck out, on one line."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return " ".join(text.split())


def sqlalchemy_url(text: str) -> URL:
    """``text`` parsed as a SQLAlchemy URL (ValueError when it is not one); SQLAlchemy
    missing is an :class:`InputError` naming the extra to install."""
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
    except ImportError:
        raise InputError(f"sql sources need SQLAlchemy and DuckDB: {INSTALL_SQL}") from None
    try:
        return make_url(text)
    except ArgumentError:
        raise ValueError("not a database URL (dialect://user@host/database)") from None


def resolve(source: str, url: str | None, url_env: str | None, base: Path | None) -> Database:
    """The database of source ``source``, from its ``url`` or ``url_env`` key.

    A ``url`` holding a password is refused (the message points to ``url_env`` and does not
    repeat the URL); a relative DuckDB file is taken from ``base`` (the statement file's
    folder) and must exist, since DuckDB would otherwise create an empty one.
    """
    key = f"sources.{source}.url"
    if url is not None:
        text = url
    else:
        assert url_env is not None
        key = f"sources.{source}.url_env"
        if not url_env.strip():
            raise InputError(f"{key}: blank")
        found = os.environ.get(url_env)
        if found is None or not found.strip():
            raise InputError(f"{key}: the environment variable {url_env!r} is not set")
        text = found.strip()
    try:
        parsed = sqlalchemy_url(text)
    except ValueError as error:
        raise InputError(f"{key}: {error}") from None
    secrets = _secrets(parsed)
    if url is not None and secrets:
        raise InputError(
            f"{key}: the URL holds a password, and statement files are shared; put the URL "
            "in an environment variable and name it with url_env instead"
        )
    if parsed.get_backend_name() == "duckdb":
        parsed = _duckdb_file(parsed, base, key)
    return Database(parsed, _shown(parsed), secrets)


def is_secret_key(name: str) -> bool:
    """Whether a URL query key names a secret (:data:`SECRET_KEYS`, :data:`SECRET_ENDINGS`),
    whatever its case."""
    lowered = name.lower()
    return lowered in SECRET_KEYS or lowered.endswith(SECRET_ENDINGS)


def _shown(url: URL) -> str:
    """``url`` as messages may show it: its password and every secret query value
    replaced by ``***`` (built from the parts, so no encoded form survives)."""
    masked: dict[str, str | tuple[str, ...]] = {}
    for name, value in url.query.items():
        if is_secret_key(name):
            masked[name] = "***"
        elif name.lower() == "odbc_connect":
            masked[name] = ODBC_PASSWORD.sub(
                lambda found: found[0].split("=")[0] + "=***", str(value)
            )
    if masked:
        url = url.update_query_dict(masked)
    if url.password:
        url = url.set(password="***")
    return url.render_as_string(hide_password=False).replace("%2A%2A%2A", "***")


def _secrets(url: URL) -> tuple[str, ...]:
    """Every secret ``url`` holds: its password, secret query values and an ODBC string's
    password, as written, decoded and encoded, longest first so a part never hides the
    whole."""
    found = [str(url.password)] if url.password else []
    for name, value in url.query.items():
        values = (value,) if isinstance(value, str) else tuple(value)
        for one in values:
            if is_secret_key(name):
                found.append(one)
            elif name.lower() == "odbc_connect":
                found += [match.strip("{}") for match in ODBC_PASSWORD.findall(unquote(one))]
    forms = {
        form
        for secret in found
        for form in (secret, unquote(secret), quote(secret, safe=""), quote_plus(secret))
        if form
    }
    return tuple(sorted(forms, key=len, reverse=True))


def _duckdb_file(url: URL, base: Path | None, key: str) -> URL:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith(("md:", "motherduck:")):
        return url
    path = Path(database).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        raise InputError(f"{key}: the DuckDB file {str(path)!r} does not exist")
    return url.set(database=str(path))


def engine(database: Database, source: str) -> Engine:
    """An engine for ``database`` that keeps no pool (a source asks a few questions and is
    done); DuckDB files are opened read-only. A missing driver is an :class:`InputError`
    naming the extra to install."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import NoSuchModuleError
    from sqlalchemy.pool import NullPool

    connect_args: dict[str, Any] = {}
    if database.url.get_backend_name() == "duckdb" and (database.url.database or "") not in (
        "",
        ":memory:",
    ):
        connect_args["read_only"] = True
    try:
        return create_engine(database.url, poolclass=NullPool, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as error:
        backend = database.url.get_backend_name()
        extra = {"postgresql": "postgres", "duckdb": "sql"}.get(backend)
        hint = f": pip install '{DISTRIBUTION}[{extra}]'" if extra else " (install its driver)"
        raise InputError(
            f"source {source!r}: no database driver for {backend!r} is installed{hint} "
            f"({database.scrub(str(error))})"
        ) from None


@contextmanager
def connected(database: Database, source: str) -> Iterator[Connection]:
    """A connection to ``database``; failing to connect is a one-line :class:`InputError`
    saying whether the credentials were refused or the server could not be reached."""
    from sqlalchemy.exc import DBAPIError

    try:
        connection = engine(database, source).connect()
    except DBAPIError as error:
        said = database.scrub(first_line(error))
        lower = said.lower()
        if "password" in lower or "authentication" in lower or "role" in lower:
            problem = "the database refused the credentials"
        else:
            problem = "cannot reach the database"
        raise InputError(f"source {source!r}: {problem} {database.shown}: {said}") from None
    with connection:
        yield connection


def first_line(error: BaseException) -> str:
    """The first line of what the driver said (SQLAlchemy's own wrapping left off)."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
