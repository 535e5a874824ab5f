"""Who does an article say its information comes from, and how sure is it: attributions and hedges."""

from helpers.sourcing.detect import attributions, classify_source, find_attributions, find_hedges, hedges

__all__ = ["attributions", "classify_source", "find_attributions", "find_hedges", "hedges"]
