"""`eventwire serve` on the command line: options, and a bad database as one error line."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from eventwire.cli import app


def test_serve_help_names_its_options():
    result = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
    for option in ("--host", "--port", "--db", "--cors-origin", "--workers", "EVENTWIRE_TOKEN"):
        assert option in text


def test_unusable_database_is_one_error_line_not_a_traceback(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", "mysql://nobody@nowhere/db"])
    assert result.exit_code == 2
    assert "error:" in result.output and "unsupported database" in result.output
    assert "Traceback" not in result.output
