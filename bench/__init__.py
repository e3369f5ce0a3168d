"""Benchmarks for Coverage Diary (apart from the tests): `python -m bench`."""
