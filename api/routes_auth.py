"""Bearer tokens for the same accounts as the pages: POST /api/v1/auth/token with a
username and password (or an admin-issued API token), DELETE it to sign out; admins
issue API tokens. Tokens are stored only as hashes (db.sign_ins)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from db import sign_ins
from db.passwords import HashingBusy
from db.sign_ins import close_sign_in, open_sign_in
from db.signed_in import SignedInUser
from db.users import authenticate
from sim_core.ratelimit import RateLimited

from .backends import ApiBackends
from .deps import AUTH_HEADERS, backends, current_user, db_session, require_role, user_for_bearer
from .schemas import ApiTokenOut, ApiTokenRequest, TokenOut, TokenRequest, UserOut

router = APIRouter(prefix="/api/v1", tags=["auth"])
REFUSED = "wrong username or password (or the account is disabled)"


@router.post(
    "/auth/token",
    response_model=TokenOut,
    responses={
        401: {"description": "wrong credentials"},
        429: {"description": "too many failed sign-ins for this username"},
    },
)
def issue_token(body: TokenRequest, request: Request, b: ApiBackends = Depends(backends)) -> TokenOut:
    """A bearer token valid for SIGN_IN_HOURS (one shift)."""
    user = (
        _api_token_user(b, body.api_token)
        if body.api_token
        else _password_user(request, b, body.username or "", body.password or "")
    )
    hours = b.settings.sign_in_hours
    with db_session(b) as s:
        token = open_sign_in(s, user_id=uuid.UUID(user.id), hours=hours)
    return TokenOut(access_token=token, expires_in=int(hours * 3600), user=UserOut.of(user))


def _password_user(request: Request, b: ApiBackends, username: str, password: str) -> SignedInUser:
    """The account for a right password. Each attempt first takes a slot on the shared
    sign-in guard (per username and per client address), as the sign-in page does, so
    parallel guesses through any number of processes never exceed the limit."""
    if b.engine is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the database is unavailable")
    guard = b.limits.sign_ins
    address = request.client.host if request.client else "unknown"
    try:
        slot = guard.reserve(username, address)
    except RateLimited as exc:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, f"sign-in paused: {exc}") from None
    try:
        user = authenticate(b.engine, username=username, password=password)
    except HashingBusy as exc:
        slot.succeeded()  # not a checked guess: give the slot back
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"sign-in is busy: {exc}") from None
    if user is None:
        slot.failed()
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, REFUSED, headers=AUTH_HEADERS)
    slot.succeeded()
    return SignedInUser.of(user)


def _api_token_user(b: ApiBackends, api_token: str) -> SignedInUser:
    user = user_for_bearer(b, api_token)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "the API token is unknown, expired or revoked", headers=AUTH_HEADERS
        )
    return user


@router.delete("/auth/token", status_code=204)
def revoke_token(
    request: Request, _: SignedInUser = Depends(current_user), b: ApiBackends = Depends(backends)
) -> Response:
    """Sign out: the token this request carries stops working."""
    with db_session(b) as s:
        close_sign_in(s, token=request.state.token)
    return Response(status_code=204)


@router.get("/auth/me", response_model=UserOut)
def me(user: SignedInUser = Depends(current_user)) -> UserOut:
    return UserOut.of(user)


@router.post("/admin/api-tokens", response_model=ApiTokenOut, status_code=201, tags=["admin"])
def issue_api_token(
    body: ApiTokenRequest, _: SignedInUser = Depends(require_role("admin")), b: ApiBackends = Depends(backends)
) -> ApiTokenOut:
    """An API token for a user's integration (admins only); it works as a bearer token
    until it expires, and POST /auth/token exchanges it for a shift-long one."""
    days = body.days or b.settings.api_token_days
    try:
        with db_session(b) as s:
            token, name, expires = sign_ins.issue_api_token(s, username=body.username, days=days)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc).strip("'\"")) from None
    return ApiTokenOut(api_token=token, username=name, expires_at=expires)
