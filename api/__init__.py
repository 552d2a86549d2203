"""The simulator's HTTP API: REST and WebSocket over sim_core and db (`uvicorn api.main:app`)."""
