"""Helpers for the source-criticism notebooks: corpus loading, claims, timeline, reuse, sourcing, charts."""
