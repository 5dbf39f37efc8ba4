"""SQL shapes the feed needs for speed, per backend.

- `raw_column`: a column as text the feed's converters read directly
  (server.services.sync.feed_rows), without SQLAlchemy's result processing. SQLite
  gives what SQLAlchemy stored; PostgreSQL is asked for the same text
  (UUIDs and JSON as text, datetimes as naive UTC "YYYY-MM-DD
  HH:MM:SS.ffffff"), so psycopg makes no uuid.UUID or datetime objects only
  for them to be printed again.
- `for_feed`: a scope condition (server.services.access.scope) as each planner
  handles it best. SQLite: its columns wrapped in unary plus, so only the seq
  index is used; given `activity_id IN (...)` it would read every row of
  the teacher's activities through that index and sort them, for each page
  and for a pull of 30 new rows alike. PostgreSQL: `IN (...)` lists become
  `= ANY(array)`, one parameter instead of hundreds to render and parse
  per query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Date, String, Uuid, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import replacement_traverse

from sync_protocol.sql_columns import UtcDateTime


class _RawText(FunctionElement[str]):
    """A column read as plain text (see the module docstring)."""

    inherit_cache = True
    name = "raw_text"
    type = String()


@compiles(_RawText)
def _compile_raw(element: _RawText, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(_RawText, "postgresql")
def _compile_raw_postgresql(element: _RawText, compiler: Any, **kw: Any) -> str:
    column = next(iter(element.clauses))
    sql = str(compiler.process(element.clauses, **kw))
    if isinstance(column.type, UtcDateTime):
        return f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(column.type, Date):
        return f"to_char({sql}, 'YYYY-MM-DD')"
    if isinstance(column.type, (Uuid, JSON)):
        return f"CAST({sql} AS TEXT)"
    return sql


def raw_column(column: Column[Any]) -> Any:
    """The column as text (booleans and numbers as the driver gives them)."""
    return _RawText(column).label(column.name)


class _ByValueOnly(FunctionElement[Any]):
    """A column SQLite must compare by value, not look up in an index."""

    inherit_cache = True
    name = "by_value_only"


@compiles(_ByValueOnly)
def _compile_by_value(element: _ByValueOnly, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(_ByValueOnly, "sqlite")
def _compile_by_value_sqlite(element: _ByValueOnly, compiler: Any, **kw: Any) -> str:
    # Unary plus: the same value, and no index on it is usable.
    return "+" + str(compiler.process(element.clauses, **kw))


def by_value_only(column: Column[Any]) -> Any:
    """The column, which SQLite must not look up in an index of its own."""
    wrapped = _ByValueOnly(column)
    wrapped.type = column.type  # IN lists keep the column's bind processing
    return wrapped


def _seq_index_only(element: Any, **kw: Any) -> Any:
    return by_value_only(element) if isinstance(element, Column) else None


def _in_as_any(shared: dict[Any, BindParameter[Any]]) -> Any:
    def replace(element: Any, **kw: Any) -> Any:
        if (
            isinstance(element, BinaryExpression)
            and element.operator is operators.in_op
            and isinstance(element.right, BindParameter)
            and element.right.expanding
        ):
            left = element.left
            values = list(element.right.value or [])
            # One parameter per distinct list: every kind's condition names
            # the same activities and pupils, and psycopg sends a parameter
            # that a statement names twice only once.
            key = (str(left.type), tuple(values))
            array = shared.get(key)
            if array is None:
                array = shared[key] = bindparam(
                    f"scope_ids_{len(shared)}", value=values, type_=ARRAY(left.type)
                )
            return left == any_(array)
        return None

    return replace


def for_feed(
    condition: ColumnElement[bool],
    dialect_name: str,
    shared: dict[Any, BindParameter[Any]] | None = None,
) -> ColumnElement[bool]:
    """The scope condition in the shape this backend's planner handles best.

    `shared`: the PostgreSQL arrays made so far, for conditions that will
    go into one statement (pass the same dict for each of them)."""
    options: dict[str, Any] = {}
    if dialect_name == "sqlite":
        return replacement_traverse(condition, options, _seq_index_only)
    if dialect_name == "postgresql":
        return replacement_traverse(
            condition, options, _in_as_any({} if shared is None else shared)
        )
    return condition
