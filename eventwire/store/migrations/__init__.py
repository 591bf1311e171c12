"""Alembic migration scripts for the store, shipped in the package and run on open."""
