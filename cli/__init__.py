"""`python -m cli`: the application from the terminal.

Every command of the simulator (`python -m sim_core`) plus those that need the
database: schema and seed data, the start-up step, accounts, the health check and
the instructors' corrections. It sits above `sim_core` and `db`, as the pages and
the API do.
"""
