"""Linking articles: cross-document entity resolution, stories, timelines (date intervals)."""
