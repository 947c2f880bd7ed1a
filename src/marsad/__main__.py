"""``python -m marsad`` runs the ``marsad`` command."""

from marsad.cli import main

main()
