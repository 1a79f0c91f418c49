"""The table of `annotator` commands, and the group that builds each one when it is first used.

Each command lives in a `*_cmds` module of this package whose `register(app)` adds it (and its
siblings) to a Typer app. Importing every module and building every command at start-up costs
more than a short `annotator import` does work, so the group knows the commands by name only
(COMMANDS, in `annotator --help` order) and imports a module the first time one of its commands
is looked up: running a command loads its own module; `annotator --help` loads them all.
Their text, flag and path values are converted without pydantic (plain_params.py).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from .plain_params import use_plain_conversion

# command name -> the module (in this package) whose register() adds it; `annotator --help` order.
COMMANDS: dict[str, str] = {
    "agreement": "agreement_cmds",
    "adjudicate": "agreement_cmds",
    "evaluate": "agreement_cmds",
    "gui": "gui_cmds",
    "preannotate": "preannotate_cmds",
    "init": "project_cmds",
    "scheme": "project_cmds",
    "stats": "project_cmds",
    "check": "project_cmds",
    "backup": "project_cmds",
    "restore": "project_cmds",
    "push": "pushpull_cmds",
    "pull": "pushpull_cmds",
    "assign": "team_cmds",
    "package": "team_cmds",
    "merge": "team_cmds",
    "progress": "team_cmds",
    "role": "team_cmds",
    "train": "train_cmds",
    "import": "transfer_cmds",
    "export": "transfer_cmds",
}


def module_commands(module_name: str, **settings: Any) -> dict[str, Any]:
    """The click commands one `*_cmds` module registers, by name, built as the app would build
    them (`settings`: the app's Typer settings that shape a command, e.g. rich_markup_mode)."""
    module = import_module(f"{__package__}.{module_name}")
    holder = typer.Typer(add_completion=False, **settings)
    module.register(holder)
    built = typer.main.get_command(holder)
    commands = dict(built.commands) if isinstance(built, TyperGroup) else {built.name: built}  # one: on its own
    for command in commands.values():
        use_plain_conversion(command)
    return commands


class LazyCommands(MutableMapping):
    """The group's `commands`: every name of COMMANDS is a key from the start; a value (the
    built command) is made when first read, with the rest of its module's commands."""

    def __init__(self, settings: dict[str, Any], built: MutableMapping[str, Any]) -> None:
        self._settings = settings
        self._built = dict(built)  # commands registered on the app itself, if any

    def _names(self) -> list[str]:
        return list(COMMANDS) + [name for name in self._built if name not in COMMANDS]

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            module_name = COMMANDS[name]  # KeyError: no such command
            self._built.update(module_commands(module_name, **self._settings))
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("commands cannot be removed")

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


class LazyCommandGroup(TyperGroup):
    """The `annotator` group: commands looked up by name build only their own module."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        use_plain_conversion(self)
        settings = {"rich_markup_mode": self.rich_markup_mode}
        self.commands = LazyCommands(settings, self.commands)
