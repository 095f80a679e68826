"""``python -m model`` runs the ``spectrum`` command."""

from model.cli import main

raise SystemExit(main())
