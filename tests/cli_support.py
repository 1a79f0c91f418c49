"""Running the `annotator` command line inside a test (typer's CliRunner), one way for every test file."""

from __future__ import annotations

from typer.testing import CliRunner

from annotator.cli.main import app

runner = CliRunner()


def cli(*args: object):
    """The command's result (exit code and output), whatever it is."""
    return runner.invoke(app, [str(a) for a in args])


def ok(*args: object) -> str:
    """The output of a command that must succeed."""
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def run(*args: object, code: int = 0) -> str:
    """The output of a command that must end with `code`, and never with a traceback."""
    result = cli(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output
