"""``python -m countersight`` runs the CLI."""

from countersight.cli import main

main()
