"""Annotation schemes: entity labels, event types with modes, argument roles, actor codes.

A scheme is a TOML file (see resources/scheme/plover.toml). `load_scheme` validates it
and reports problems with the file and line. A project stores its scheme as JSON
(`Scheme.to_dict`) so a project file is self-contained.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import SchemeError
from .model import ROLES
from .resources import resource_path

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A label's name: a letter of any script first, then letters, digits, spaces and _ - . : / ( );
# never quotes, brackets, commas or line breaks (they part the fields of exports and tables)
_NAME = re.compile(r"^[^\W\d_][\w\-.:/ ()]*$")
MAX_NAME = 100


def label_name_problem(name: str) -> str | None:
    """Why `name` cannot be a label or event type (None: it can). THE rule of scheme files and of
    the labels `import --add-labels` adds: a label added so was refused when its scheme, written
    out by `annotator scheme`, was read back."""
    if not _NAME.match(name) or name != name.strip():
        return ("a label name starts with a letter and holds letters, digits, spaces (not at its end) "
                "and _ - . : / ( ) only")
    if len(name) > MAX_NAME:
        return f"a label name is at most {MAX_NAME} characters"
    return None


def actor_root(code: str) -> str:
    """The country or international block a CAMEO actor code starts with (ISRGOV -> ISR, IGOUNO
    -> IGO): what the figures call the code's root."""
    return code[:3].upper()


# Letters the window keeps for its own commands (gui/actions.py binds them): an entity label's key
# is a shortcut of its own there, and one of these was bound twice and did nothing at all.
TRIGGER_KEY = "T"  # mark the selection as an event trigger
ACTOR_CODE_KEY = "A"  # set the selected span's actor code
COMMAND_KEYS = (TRIGGER_KEY, ACTOR_CODE_KEY)
# The fields a scheme file knows, per table: anything else is a typo ("colour", "mode",
# "[[events]]") that was silently ignored -- a grey label, a type without modes, no event types.
_FIELDS = {"scheme": ("name", "version", "description", "contexts", "entity", "event", "role", "actor_codes"),
           "entity": ("name", "description", "color", "key"),
           "event": ("name", "description", "color", "key", "modes", "group"),
           "role": ("name", "description", "key"),
           "mode": ("name", "description"),
           "actor_codes": ("countries", "roles", "codes")}


@dataclass(frozen=True)
class Mode:
    name: str
    description: str = ""


@dataclass(frozen=True)
class Label:
    """An entity label or an event type (kind 'entity' or 'event')."""

    name: str
    kind: str
    description: str = ""
    color: str = "#888888"
    key: str = ""
    modes: tuple[Mode, ...] = ()
    group: str = ""  # PLOVER quad class for event types

    def mode_names(self) -> list[str]:
        return [m.name for m in self.modes]


@dataclass(frozen=True)
class Role:
    name: str
    description: str = ""
    key: str = ""


@dataclass
class InUse:
    """What a project's annotations use, with how often (`Project.scheme_in_use`)."""

    entities: dict[str, int] = field(default_factory=dict)  # entity span labels
    events: dict[str, int] = field(default_factory=dict)  # trigger span labels and event types
    modes: dict[tuple[str, str], int] = field(default_factory=dict)  # (event type, mode)
    contexts: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Scheme:
    name: str
    version: str
    description: str = ""
    entities: tuple[Label, ...] = ()
    events: tuple[Label, ...] = ()
    roles: tuple[Role, ...] = ()
    contexts: tuple[str, ...] = ()
    # Actor-code building blocks: code -> description. A full code is a country or
    # international block followed by role / organisation blocks (CAMEO), e.g. ISRGOV.
    actor_countries: dict[str, str] = field(default_factory=dict)
    actor_roles: dict[str, str] = field(default_factory=dict)
    actor_codes: dict[str, str] = field(default_factory=dict)  # complete codes (IGOUNO …)

    # --- lookups -------------------------------------------------------------------------
    def entity(self, name: str) -> Label | None:
        return next((label for label in self.entities if label.name == name), None)

    def event(self, name: str) -> Label | None:
        return next((label for label in self.events if label.name == name), None)

    def kept_mode(self, event_type: str, mode: str | None) -> str | None:
        """The mode an event keeps when retyped to `event_type` (in the window, or relabelled in
        another tool): its own where that type has it, else none."""
        label = self.event(event_type)
        return mode if mode is not None and label is not None and mode in label.mode_names() else None

    def label(self, layer: str, name: str) -> Label | None:
        return self.entity(name) if layer == "entity" else self.event(name)

    def entity_names(self) -> list[str]:
        return [label.name for label in self.entities]

    def event_names(self) -> list[str]:
        return [label.name for label in self.events]

    def role_names(self) -> list[str]:
        return [role.name for role in self.roles]

    def actor_code_description(self, code: str) -> str:
        """Explain a CAMEO-style code block by block, e.g. ISRGOV -> 'Israel / government'."""
        if code in self.actor_codes:
            return self.actor_codes[code]
        parts: list[str] = []
        unknown: list[str] = []
        rest = code
        while rest:
            block = rest[:3]
            known = self.actor_countries.get(block) or self.actor_roles.get(block)
            parts.append(known or block)
            if not known:
                unknown.append(block)
            rest = rest[3:]
        if unknown:  # kept as typed (teams add their own codes), but never silently
            return " / ".join(parts) + f" — {', '.join(unknown)}: not a CAMEO code of the list"
        return " / ".join(parts)

    def known_actor_codes(self) -> list[str]:
        return sorted(set(self.actor_codes) | set(self.actor_countries))

    def lacks(self, used: "InUse") -> list[str]:
        """What a project's annotations use and this scheme has no place for (`annotator scheme
        --set` refuses such a scheme: the window could not show it, nor a reader of the scheme
        read it), each with how often it is used."""
        gaps = [f"entity label {name!r} ({n} span(s))" for name, n in sorted(used.entities.items())
                if self.entity(name) is None]
        gaps += [f"event type {name!r} ({n} trigger(s) or event(s))" for name, n in sorted(used.events.items())
                 if self.event(name) is None]
        gaps += [f"mode {mode!r} of {etype} ({n} event(s))" for (etype, mode), n in sorted(used.modes.items())
                 if self.event(etype) is not None and mode not in self.event(etype).mode_names()]
        gaps += [f"context {name!r} ({n} event(s))" for name, n in sorted(used.contexts.items())
                 if self.contexts and name not in self.contexts]
        gaps += [f"argument role {name!r} ({n} argument(s))" for name, n in sorted(used.roles.items())
                 if name not in self.role_names()]
        return gaps

    def to_toml(self) -> str:
        """The scheme as a scheme file (`parse_scheme` reads it back as this scheme): what
        `annotator scheme` writes for a lead to edit."""
        def text(value: str) -> str:
            # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped too
            return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")

        def fields(pairs: list[tuple[str, Any]]) -> list[str]:
            return [f"{key} = {value}" for key, value in pairs if value is not None]

        lines = fields([("name", text(self.name)), ("version", text(self.version)),
                        ("description", text(self.description) if self.description else None)])
        if self.contexts:
            lines.append("contexts = [" + ", ".join(text(c) for c in self.contexts) + "]")
        for label in (*self.entities, *self.events):
            lines += ["", f"[[{label.kind}]]"]
            lines += fields([("name", text(label.name)),
                             ("description", text(label.description) if label.description else None),
                             ("color", text(label.color)), ("key", text(label.key) if label.key else None),
                             ("group", text(label.group) if label.group else None)])
            if label.kind == "event":  # a mode a line, to edit
                lines += ["modes = ["] + [
                    "    {name = %s, description = %s}," % (text(m.name), text(m.description)) if m.description
                    else f"    {text(m.name)}," for m in label.modes] + ["]"]
        for role in self.roles:
            lines += ["", "[[role]]"]
            lines += fields([("name", text(role.name)),
                             ("description", text(role.description) if role.description else None),
                             ("key", text(role.key) if role.key else None)])
        for part, table in (("countries", self.actor_countries), ("roles", self.actor_roles),
                            ("codes", self.actor_codes)):
            if table:
                lines += ["", f"[actor_codes.{part}]"]
                lines += [f"{text(code)} = {text(description)}" for code, description in table.items()]
        return "\n".join(lines) + "\n"

    # --- serialisation ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Scheme":
        def label(d: dict[str, Any]) -> Label:
            return Label(**{**d, "modes": tuple(Mode(**m) for m in d.get("modes", ()))})

        return cls(
            name=data["name"],
            version=data["version"],
            description=data.get("description", ""),
            entities=tuple(label(d) for d in data.get("entities", ())),
            events=tuple(label(d) for d in data.get("events", ())),
            roles=tuple(Role(**d) for d in data.get("roles", ())),
            contexts=tuple(data.get("contexts", ())),
            actor_countries=dict(data.get("actor_countries", {})),
            actor_roles=dict(data.get("actor_roles", {})),
            actor_codes=dict(data.get("actor_codes", {})),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @property
    def sha256(self) -> str:
        import hashlib  # at first use (start-up speed, issue 5)

        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def with_labels(self, entities: list[str] = (), events: list[str] = (),
                    modes: dict[str, list[str]] | None = None) -> "Scheme":
        """A copy with extra entity labels / event types (import --add-labels), each new type
        with the modes `modes` gives it (those the imported events use)."""
        palette = ["#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd"]
        new_entities = list(self.entities)
        for i, name in enumerate(n for n in entities if not self.entity(n)):
            new_entities.append(Label(name, "entity", "added on import", palette[i % len(palette)]))
        new_events = list(self.events)
        for i, name in enumerate(n for n in events if not self.event(n)):
            new_events.append(Label(name, "event", "added on import", palette[i % len(palette)],
                                    modes=tuple(Mode(m) for m in (modes or {}).get(name, ()))))
        data = self.to_dict()
        data["entities"] = [asdict(label) for label in new_entities]
        data["events"] = [asdict(label) for label in new_events]
        return Scheme.from_dict(data)


DEFAULT_SCHEME_FILE = "scheme/plover.toml"


def default_scheme() -> Scheme:
    return load_scheme(resource_path(DEFAULT_SCHEME_FILE))


def load_scheme(path: str | Path) -> Scheme:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemeError(f"cannot read scheme file: {exc.strerror}", file=str(path)) from None
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SchemeError("scheme file is not valid UTF-8", file=str(path), line=line) from None
    return parse_scheme(source, str(path))


def parse_scheme(source: str, filename: str = "<scheme>") -> Scheme:
    import tomllib  # only when a scheme file is read (opening a project reads the stored JSON)

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise SchemeError(f"not valid TOML: {message}", file=filename, line=line) from None
    return _SchemeBuilder(data, source, filename).build()


class _SchemeBuilder:
    def __init__(self, data: dict[str, Any], source: str, filename: str) -> None:
        self.data = data
        self.lines = source.splitlines()
        self.filename = filename

    def fail(self, message: str, near: str | None = None, hint: str | None = None,
             line: int | None = None) -> SchemeError:
        return SchemeError(message, file=self.filename, line=line or self.line_of(near), hint=hint)

    def entry_line(self, kind: str, index: int, key: str | None = None) -> int | None:
        """Line of the index-th [[kind]] table, or of `key = ...` inside it."""
        headers = [n for n, text in enumerate(self.lines, 1) if text.strip() == f"[[{kind}]]"]
        if index >= len(headers):
            return None
        start = headers[index]
        if key is None:
            return start
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1].strip()
            if text.startswith("["):
                break
            if re.match(rf"{re.escape(key)}\s*=", text):
                return number
        return start

    def line_of(self, needle: str | None) -> int | None:
        if not needle:
            return None
        for number, text in enumerate(self.lines, 1):
            if needle in text:
                return number
        return None

    def text(self, table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            problem = "is missing" if value is None else f"must be a string, not {type(value).__name__}"
            raise self.fail(f"{where}: '{key}' {problem}", near=where.split()[-1].strip("'\""))
        return value

    def known_fields(self, table: dict[str, Any], kind: str, line: int | None = None,
                     key_line: Callable[[str], int | None] | None = None) -> None:
        """Refuse a field `kind` does not know, naming its line (`key_line(key)`: the field's own,
        else `line`: the table's)."""
        for key in table:
            if key not in _FIELDS[kind]:
                line = (key_line(key) if key_line is not None else None) or line
                close = difflib.get_close_matches(key, _FIELDS[kind], n=1)
                where = "the scheme" if kind == "scheme" else f"a [[{kind}]]" if kind in ("entity", "event", "role") \
                    else f"[{kind}]" if kind == "actor_codes" else "a mode"
                raise self.fail(f"{where} has no field {key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""),
                                near=f"{key}", line=line if kind != "scheme" else None,
                                hint=f"its fields: {', '.join(_FIELDS[kind])}")

    def build(self) -> Scheme:
        d = self.data
        if not d:
            raise self.fail("the scheme file is empty", hint="copy resources/scheme/plover.toml and edit it")
        self.known_fields(d, "scheme")
        name = self.text(d, "name", "scheme")
        version = d.get("version", "1")
        if isinstance(version, bool) or not isinstance(version, (str, int, float)):
            raise self.fail("'version' must be a string or a number", near="version")
        version = str(version)
        self.text(d, "description", "scheme", default="")
        entities = self.labels("entity")
        events = self.labels("event")
        both = sorted({label.name for label in entities} & {label.name for label in events})
        if both:
            # (a span's label names its kind in the window, the legend and every export but ours)
            raise self.fail(f"{both[0]!r} is both an entity label and an event type",
                            line=self.line_of(f'"{both[0]}"'), hint="give one of them another name")
        if not entities:
            raise self.fail("a scheme needs at least one [[entity]] label", hint="see resources/scheme/plover.toml")
        roles = self.roles()
        contexts = d.get("contexts", [])
        if not isinstance(contexts, list) or not all(isinstance(c, str) for c in contexts):
            raise self.fail("'contexts' must be a list of strings", near="contexts")
        actors = d.get("actor_codes", {})
        if not isinstance(actors, dict):
            raise self.fail("[actor_codes] must be a table", near="actor_codes")
        self.known_fields(actors, "actor_codes", line=self.line_of("[actor_codes]"))
        blocks: dict[str, dict[str, str]] = {}
        for part in ("countries", "roles", "codes"):
            table = actors.get(part, {})
            if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in table.items()
            ):
                raise self.fail(f"[actor_codes.{part}] must map codes to descriptions", near=part)
            blocks[part] = table
        return Scheme(
            name=name,
            version=version,
            description=str(d.get("description", "")),
            entities=entities,
            events=events,
            roles=roles,
            contexts=tuple(contexts),
            actor_countries=blocks["countries"],
            actor_roles=blocks["roles"],
            actor_codes=blocks["codes"],
        )

    def labels(self, kind: str) -> tuple[Label, ...]:
        entries = self.data.get(kind, [])
        if not isinstance(entries, list):
            raise self.fail(f"'{kind}' must be an array of tables written [[{kind}]]", near=kind)
        labels: list[Label] = []
        seen_keys: dict[str, str] = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise self.fail(f"each [[{kind}]] entry must be a table", line=self.entry_line(kind, index))
            if not isinstance(entry.get("name"), str):
                raise self.fail(f"[[{kind}]]: 'name' is missing or not a string",
                                line=self.entry_line(kind, index))
            name = entry["name"]
            where = f"{kind} '{name}'"

            def at(key: str | None = None, index: int = index) -> int | None:
                return self.entry_line(kind, index, key)

            self.known_fields(entry, kind, line=at(), key_line=at)
            problem = label_name_problem(name)
            if problem:
                raise self.fail(f"{where}: {problem}", line=at("name"))
            if any(label.name == name for label in labels):
                raise self.fail(f"{where} is defined twice", line=at("name"))
            color = entry.get("color", "#888888")
            if not isinstance(color, str) or not _COLOR.match(color):
                raise self.fail(f"{where}: color must look like #1f77b4, not {color!r}", line=at("color"))
            key = entry.get("key", "")
            if not isinstance(key, str) or len(key) > 1 or (key and not key.isalnum()):
                raise self.fail(f"{where}: key must be a single letter or digit", line=at("key"))
            if kind == "entity" and key.upper() in COMMAND_KEYS:
                raise self.fail(f"{where}: key {key!r} is the window's own ({TRIGGER_KEY}: mark a trigger, "
                                f"{ACTOR_CODE_KEY}: set an actor code)", line=at("key"), hint="choose another letter")
            if key and key.lower() in seen_keys:
                raise self.fail(f"{where}: key {key!r} is already used by {seen_keys[key.lower()]}", line=at("key"))
            if key:
                seen_keys[key.lower()] = name
            modes_raw = entry.get("modes", [])
            if not isinstance(modes_raw, list):
                raise self.fail(f"{where}: modes must be a list", line=at("modes"))
            modes: list[Mode] = []
            for m in modes_raw:
                if isinstance(m, str):
                    mode = Mode(m)
                elif isinstance(m, dict) and isinstance(m.get("name"), str):
                    self.known_fields(m, "mode", line=at("modes"))
                    mode = Mode(m["name"], str(m.get("description", "")))
                else:
                    raise self.fail(f"{where}: each mode is a name or {{name = ..., description = ...}}",
                                    line=at("modes"))
                if not mode.name.strip() or mode.name != mode.name.strip() or any(
                        ch in mode.name for ch in "\n\r\t"):
                    raise self.fail(f"{where}: mode {mode.name!r} needs a name without white space at its "
                                    "ends or line breaks", line=at("modes"))
                if any(other.name == mode.name for other in modes):
                    raise self.fail(f"{where}: mode {mode.name!r} is listed twice", line=at("modes"))
                modes.append(mode)
            labels.append(
                Label(
                    name=name,
                    kind=kind,
                    description=self.text(entry, "description", where, default="").strip(),
                    color=color.lower(),
                    key=key,
                    modes=tuple(modes),
                    group=str(entry.get("group", "")),
                )
            )
        return tuple(labels)

    def roles(self) -> tuple[Role, ...]:
        entries = self.data.get("role", [])
        if not isinstance(entries, list):
            raise self.fail("'role' must be an array of tables written [[role]]", near="role")
        roles: list[Role] = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise self.fail("[[role]]: 'name' is missing or not a string", line=self.entry_line("role", index))
            self.known_fields(entry, "role", line=self.entry_line("role", index),
                              key_line=lambda key, index=index: self.entry_line("role", index, key))
            name = entry["name"]
            if name not in ROLES:
                raise self.fail(
                    f"role '{name}' is not one of {', '.join(ROLES)}", line=self.entry_line("role", index, "name"),
                    hint="argument roles are fixed; describe them, do not rename them",
                )
            if any(role.name == name for role in roles):
                raise self.fail(f"role '{name}' is defined twice", line=self.entry_line("role", index, "name"))
            key = entry.get("key", "")
            # (the window binds Alt+key to the role and Alt+Shift+key to "another filler")
            if not isinstance(key, str) or len(key) > 1 or (key and not key.isalnum()):
                raise self.fail(f"role '{name}': key must be a single letter or digit (Alt+key sets the role)",
                                line=self.entry_line("role", index, "key"))
            taken = next((role.name for role in roles if key and role.key.lower() == key.lower()), None)
            if taken:
                raise self.fail(f"role '{name}': key {key!r} is already used by role '{taken}'",
                                line=self.entry_line("role", index, "key"))
            roles.append(Role(name, str(entry.get("description", "")).strip(), key))
        if not roles:
            roles = [Role(r) for r in ROLES]
        return tuple(roles)
