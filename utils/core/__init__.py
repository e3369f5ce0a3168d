"""Shared core below every other layer: dates, the one clock, the base entry model."""
