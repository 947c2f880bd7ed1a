"""Extraction components: entities, dates, quantities, quotes, events, commitments."""
