"""Serve the app with its sign-in cookie routes (the cookie is then HttpOnly):

    streamlit run serve.py

`streamlit run app.py` still works; the browser's reload cookie is then written by
the page itself and lives SIGN_IN_TOKEN_MINUTES (see ui/cookie_route.py).
"""

import streamlit as st

from ui.cookie_route import routes

app = st.App("app.py", routes=routes())
