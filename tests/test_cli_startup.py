"""`annotator` builds a command from its own module only when it is used (cli/commands.py):
the command table must match what the modules register, and a command run must not load what
other commands need (the import benchmark's CLI start-up, issue 17)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import typer

from annotator.cli.commands import COMMANDS, module_commands
from annotator.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def test_command_table_matches_what_each_module_registers():
    for module_name in dict.fromkeys(COMMANDS.values()):
        holder = typer.Typer()
        import_module(f"annotator.cli.{module_name}").register(holder)
        registered = [info.name for info in holder.registered_commands]
        expected = [name for name, module in COMMANDS.items() if module == module_name]
        assert registered == expected, module_name
        assert sorted(module_commands(module_name, rich_markup_mode=None)) == sorted(expected)


def test_help_lists_every_command_in_table_order():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)


def _modules_after(args: list[str], tmp_path: Path) -> set[str]:
    """The modules loaded by `annotator ARGS` run as its own process."""
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(tmp_path / 'modules.json')!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        "from annotator.cli.main import run\n"
        f"sys.argv = ['annotator', *{args!r}]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return set(json.loads((tmp_path / "modules.json").read_text()))


def test_import_loads_only_what_importing_needs(tmp_path):
    from annotator.store import Project

    Project.create(tmp_path / "work.db").close()
    (tmp_path / "docs.jsonl").write_text('{"id": "a", "text": "Police arrested two men."}\n', encoding="utf-8")
    loaded = _modules_after(["import", str(tmp_path / "work.db"), str(tmp_path / "docs.jsonl")], tmp_path)
    assert "annotator.cli.transfer_cmds" in loaded  # the command ran
    heavy = {"spacy", "PySide6", "psycopg", "annotator.preannotate", "annotator.agreement", "annotator.training",
             "annotator.gui", "annotator.store.team", "annotator.store.pushpull", "annotator.cli.agreement_cmds",
             "annotator.cli.team_cmds", "annotator.cli.train_cmds", "sqlite_utils",
             "pydantic"}  # typer's value conversion: plain_params.py does it for these parameters
    assert not heavy & loaded, sorted(heavy & loaded)


def test_plain_conversion_gives_what_typer_gives(tmp_path):
    """Every parameter of every command: the value plain_params hands over equals typer's own
    conversion's (pydantic) for the command-line values it takes over."""
    import click

    from annotator.cli.commands import module_commands as build
    from annotator.cli.plain_params import use_plain_conversion

    existing = tmp_path / "there.jsonl"
    existing.write_text("{}\n", encoding="utf-8")
    samples = {str: ["", "a b", "\udcff", "postgresql://u@h/db"], bool: [True, False],
               Path: ["", ".", str(existing), str(tmp_path), str(tmp_path / "missing.db")]}
    checked = 0
    for module_name in dict.fromkeys(COMMANDS.values()):
        for command in build(module_name, rich_markup_mode=None).values():
            ctx = click.Context(command)
            for param in command.params:
                descriptor = getattr(param, "type_descriptor", None)
                if descriptor is None:
                    continue
                plain = param.get_runtime_param()
                typer_own = type(param).get_runtime_param(param)  # the class's own: typer's conversion
                annotation = descriptor.annotation
                multiple = param.multiple or param.nargs == -1
                item = annotation.__args__[0] if multiple and hasattr(annotation, "__args__") else annotation
                values = [None] + [((v, v) if multiple else v) for v in samples.get(item, [])]
                for value in values:
                    assert plain.coerce(value, param=param, ctx=ctx) == typer_own.coerce(value, param=param, ctx=ctx), \
                        (command.name, param.name, value)
                    checked += 1
    assert checked > 100
    command = build("transfer_cmds", rich_markup_mode=None)["import"]
    before = command.params[0].get_runtime_param
    use_plain_conversion(command)  # again (the help option is converted at every parse): no change
    assert command.params[0].get_runtime_param is before
