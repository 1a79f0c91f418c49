"""The `annotator` command. Each command is a thin wrapper in its own module of this package."""

from __future__ import annotations

import gc
from typing import Optional

import typer

from .. import __version__
from . import ui
from .commands import LazyCommandGroup
from .display import no_display_reason

app = typer.Typer(
    name="annotator",
    help="Build labelled political-event corpora: documents, entity and event spans, PLOVER events "
    "with CAMEO actors. With no command, opens the desktop app on the demo corpus.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Commands are built from their modules when first looked up (commands.py): `annotator
    # import` loads the import command's module, not agreement's, training's or the team's.
    cls=LazyCommandGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"annotator {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                           help="Print the version and exit."),
) -> None:
    if ctx.invoked_subcommand is None:
        reason = no_display_reason()
        if reason:
            ui.error(f"{reason} (annotator --help lists the commands that need no display)")
            raise typer.Exit(2)
        launch = _gui_launcher()
        if launch is None:
            typer.echo(ctx.get_help())
            raise typer.Exit()
        launch(None)


def _gui_launcher():  # type: ignore[no-untyped-def]
    try:
        from .gui_cmd import launch
    except ImportError:
        return None
    return launch


def run() -> None:
    # The modules loaded so far live as long as the process: moved out of the collector's
    # generations, they are not traversed again by every full collection a long command triggers.
    gc.freeze()
    app()


if __name__ == "__main__":
    run()
