"""Showing a service's refusal on the form field it concerns."""

from flask import flash
from flask_wtf import FlaskForm

from vendorrisk.errors import DomainError


def show_on_form(form: FlaskForm, error: DomainError) -> None:
    """Attach ``error`` to its field, or flash it when no field of ``form`` matches."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")
