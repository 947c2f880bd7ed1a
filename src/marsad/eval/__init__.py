"""Evaluation against gold-annotated articles: ``marsad eval`` and ``make eval``."""
