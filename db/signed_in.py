"""Who is signed in: one typed user for both front ends, the pages (and the ui
modules they call) and the API, built from the stored account.

The pages' session keeps the plain dict form (`to_dict()`, what Streamlit's
session state holds); everything that reads it gets this typed object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .models import Role, User


@dataclass(frozen=True, slots=True)
class SignedInUser:
    id: str
    username: str
    role: Role
    display_name: str | None = None

    @property
    def shown_name(self) -> str:
        """The name to show: the display name, else the username."""
        return self.display_name or self.username

    @property
    def is_trainee(self) -> bool:
        return self.role == Role.TRAINEE

    def may(self, *roles: str) -> bool:
        """One of these roles may do it; an admin may do everything."""
        return self.role in roles or self.role == Role.ADMIN

    @classmethod
    def of(cls, row: User) -> SignedInUser:
        """From a stored user (db.models.User)."""
        return cls(id=str(row.id), username=row.username, role=Role(row.role), display_name=row.display_name)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> SignedInUser:
        """From the session's stored form."""
        return cls(
            id=str(raw["id"]),
            username=str(raw.get("username", "")),
            role=Role(raw["role"]),
            display_name=raw.get("display_name"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "display_name": self.display_name, "role": self.role.value}


__all__ = ["SignedInUser"]
