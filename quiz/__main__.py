"""`python -m quiz` runs the same command line as the `quiz` script."""

from quiz.cli import main

raise SystemExit(main())
