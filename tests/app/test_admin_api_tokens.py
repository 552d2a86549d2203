"""Admin page: an admin issues an API token for a user's integration; it is shown
once and signs that user in (only its hash is stored)."""

from __future__ import annotations

from tests.app.app_helpers import app_as, texts


def test_admin_issues_an_api_token_that_signs_the_user_in(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    at.selectbox(key="ad_token_user").select(accounts["tina"]["username"])
    at.number_input(key="ad_token_days").set_value(30)
    at.button(key="FormSubmitter:api_token-Issue token").click().run()
    assert not at.exception
    assert any("not shown again" in s for s in texts(at, "success"))
    token = at.code[0].value.strip()
    from db.engine import session_scope
    from db.sign_ins import user_for_token
    from ui import services

    with session_scope(services.engine()) as s:
        user = user_for_token(s, token=token)
        assert user is not None and user.username == accounts["tina"]["username"]
