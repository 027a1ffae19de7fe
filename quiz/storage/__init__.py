"""Storage: question files into checked models with `file:line` problems, and learner progress in TOML."""
