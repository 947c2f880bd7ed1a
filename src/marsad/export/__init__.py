"""Exporting marsad's facts in formats other tools read (PLOVER event records)."""

from marsad.export.plover import plover_record, plover_records

__all__ = ["plover_record", "plover_records"]
