"""The scheduler process: APScheduler wiring and the `vendorrisk scheduler` command.
The jobs themselves are plain functions in the features (supervision/runner.py lists them)."""
