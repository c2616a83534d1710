"""Supervision after selection: cadences now; scheduled jobs and reminders later."""
