"""`python -m interviewer` runs the same entry point as the `interviewer` script."""

from interviewer.cli import main

raise SystemExit(main())
