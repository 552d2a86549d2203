"""Streamlit-side helpers shared by app.py and pages/: auth, services, widgets.

Only this package and pages/ import streamlit; sim_core never does.
"""
