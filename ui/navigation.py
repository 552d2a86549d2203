"""Which pages exist for whom. Every page's address is known whatever the role,
so a link never lands on "Page not found": signed out, any address shows the
sign-in form and, once signed in, the page the link named; a role that may not
use a page gets a plain "not available for your role" instead."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from db.models import Role

PAGES = {
    "call": ("pages/call.py", "Take a call", ":material/call:", (Role.TRAINEE, Role.INSTRUCTOR)),
    "review": (
        "pages/review.py",
        "Calls & review",
        ":material/fact_check:",
        (Role.TRAINEE, Role.INSTRUCTOR, Role.SUPERVISOR),
    ),
    "progress": (
        "pages/progress.py",
        "Progress",
        ":material/trending_up:",
        (Role.TRAINEE, Role.INSTRUCTOR, Role.SUPERVISOR),
    ),
    "assignments": ("pages/assignments.py", "Assignments", ":material/assignment:", (Role.INSTRUCTOR, Role.SUPERVISOR)),
    "editor": ("pages/editor.py", "Scenario editor", ":material/edit_note:", (Role.INSTRUCTOR,)),
    "analytics": ("pages/analytics.py", "Analytics", ":material/monitoring:", (Role.SUPERVISOR,)),
    "admin": ("pages/admin.py", "Admin", ":material/admin_panel_settings:", (Role.ADMIN,)),
}
ROUTED = "nav_routed"
ROLE_NAMES = {
    Role.TRAINEE: "trainees",
    Role.INSTRUCTOR: "instructors",
    Role.SUPERVISOR: "supervisors",
    Role.ADMIN: "administrators",
}


def ensure_router() -> None:
    """Every page runs under app.py's router. Until the first st.navigation call of a
    server process, Streamlit treats the pages/ folder as an app of its own, so a fresh
    server whose first request is a link to a page runs that page file on its own
    (no sign-out, no menu). Such a run turns that mode off and starts again at the
    same address, through the router, when it is the session's first run (nothing
    clicked yet that a new run would drop)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if not st.session_state.get(ROUTED):
            st.rerun()


def routed() -> None:
    """app.py's router is running this session (see ensure_router)."""
    st.session_state[ROUTED] = True


def allowed(name: str, role: str) -> bool:
    return role == Role.ADMIN or role in PAGES[name][3]


def _not_available(name: str) -> Callable[[], None]:
    title, roles = PAGES[name][1], PAGES[name][3]

    def page() -> None:
        st.title(title)
        who = " and ".join(ROLE_NAMES[r] for r in roles)
        st.warning(
            f"This page is not available for your role. It is for {who}; pick one of your pages in the sidebar.",
            icon=":material/block:",
        )

    page.__name__ = f"not_available_{name}"
    return page


def page_plan(role: str) -> list[tuple[str, str, str]]:
    """(address, title, what runs there) for a role: 'page' in the sidebar, or
    'not available' (hidden) for a page of another role. Every address is there."""
    mine: dict[tuple[str, str], str] = {("review", Role.TRAINEE): "My calls", ("progress", Role.TRAINEE): "My progress"}
    plan = [
        (name, mine.get((name, role), title), "page")
        for name, (_p, title, _i, _r) in PAGES.items()
        if allowed(name, role)
    ]
    plan += [(name, title, "not available") for name, (_p, title, _i, _r) in PAGES.items() if not allowed(name, role)]
    return plan


def sidebar_menu(role: str) -> None:
    """The role's pages as links. The app draws its own menu: Streamlit's is switched
    off (client.showSidebarNavigation in .streamlit/config.toml), which also keeps the
    list it would make of the pages/ folder from showing on a fresh server."""
    for name, title, kind in page_plan(role):
        if kind == "page":
            path, _t, icon, _roles = PAGES[name]
            st.page_link(path, label=title, icon=icon)


def _home(first: st.Page) -> Callable[[], None]:
    def home() -> None:
        # keep the address's query (e.g. ?call=… to resume a call) across the hand-over
        st.switch_page(first, query_params=st.query_params.to_dict())

    return home


def pages_for(role: str) -> list[st.Page]:
    """The role's pages in the sidebar, and every other page hidden behind a
    'not available for your role' notice at its usual address. The root address
    opens the role's first page at its own address, so a link to any page (the
    first one included) always works."""
    out = []
    for name, title, kind in page_plan(role):
        path, _t, icon, _roles = PAGES[name]
        if kind == "page":
            out.append(st.Page(path, title=title, icon=icon, url_path=name))
        else:
            out.append(st.Page(_not_available(name), title=title, icon=icon, url_path=name, visibility="hidden"))
    home = st.Page(
        _home(out[0]), title=out[0].title, icon=out[0].icon, url_path="home", default=True, visibility="hidden"
    )
    return [home, *out]


def signed_out_pages(sign_in_page: Callable[[], None]) -> list[st.Page]:
    """Signed out: the sign-in form at the root and at every page's address, so the
    address survives signing in and the page it names opens then."""
    pages = [st.Page(sign_in_page, title="Sign in", icon=":material/login:", url_path="signin", default=True)]
    for name in PAGES:

        def form(fn: Callable[[], None] = sign_in_page) -> None:
            fn()

        form.__name__ = f"sign_in_for_{name}"
        pages.append(st.Page(form, title="Sign in", icon=":material/login:", url_path=name))
    return pages


__all__ = ["PAGES", "allowed", "ensure_router", "page_plan", "pages_for", "routed", "sidebar_menu", "signed_out_pages"]
