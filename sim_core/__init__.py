"""sim_core: the 9-1-1 call simulator, importable and runnable without Streamlit."""
