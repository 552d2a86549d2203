"""Benchmarks: `python -m tools.bench --suite NAME` prints the figures of docs/BENCHMARKS.md.

Suites: core (text turns, NLP quality and speed), voice (speech engines and the voice
turn), db (the database under a load of calls), llm (the LLM caller against a local
test server). `python -m tools.bench.app` drives the pages and is run on its own.
"""
