"""Persistence: SQLModel tables, engine/session, data functions and Alembic migrations.

Pages call these small keyword-only functions; they never write SQL.
"""

from .calls import (
    add_comment,
    add_usage,
    call_uuid,
    delete_call,
    finish_call,
    record_event,
    set_recording_key,
    start_call,
)
from .engine import DatabaseUnavailable, check_connection, get_engine, make_engine, session_scope
from .queries import compliance_levels, count_rows, get_call, list_calls, metric_distributions, score_trend
from .scenarios import (
    PublishError,
    get_active_version,
    list_scenarios,
    load_active_scenarios,
    load_version,
    publish_version,
    save_draft,
    save_scenario_version,
    set_scenario_active,
    version_history,
)
from .sign_ins import close_sign_in, open_sign_in, user_for_token
from .users import (
    UserError,
    authenticate,
    create_user,
    get_user,
    get_user_by_username,
    list_users,
    set_active,
    set_password,
    set_role,
)

__all__ = [
    "DatabaseUnavailable",
    "PublishError",
    "UserError",
    "add_comment",
    "add_usage",
    "authenticate",
    "call_uuid",
    "check_connection",
    "close_sign_in",
    "compliance_levels",
    "count_rows",
    "create_user",
    "delete_call",
    "finish_call",
    "get_active_version",
    "get_call",
    "get_engine",
    "get_user",
    "get_user_by_username",
    "list_calls",
    "list_scenarios",
    "list_users",
    "load_active_scenarios",
    "load_version",
    "make_engine",
    "metric_distributions",
    "open_sign_in",
    "publish_version",
    "record_event",
    "save_draft",
    "save_scenario_version",
    "score_trend",
    "session_scope",
    "set_active",
    "set_password",
    "set_recording_key",
    "set_role",
    "set_scenario_active",
    "start_call",
    "user_for_token",
    "version_history",
]
