"""Guarantee 3 (docs/reliability.md): bad input never crashes the importers nor changes the
project. Every readable format is covered — the tests are parametrised over
`annotator.formats.readable()`, so a format registered later is fuzzed without changes here.

Each format gets a valid *seed* input: written by its own writer from a small annotated
project (or a built-in sample for read-only formats, else a file of ../shared/peer-data).
Hypothesis then damages the seed (bytes inserted, removed, cut off; numbers and labels
replaced) and runs `annotator import` in-process. Whatever the damage:
  - no traceback, exit code 0 or 2;
  - exit 2: exactly one `error:` line naming the file, and the project's content unchanged;
  - exit 0: the project passes `Project.check()`.
Damage that can never be valid (invalid UTF-8 in a text format, a label the scheme lacks,
offsets outside the text, ...) must give exit 2.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddEvent, AddSpan, Batch, SetDocState
from annotator.core.model import AnnotatedDocument, Argument, Document, Event, Span
from annotator.formats import WriteOptions, all_formats, get, readable
from annotator.formats import io as fio
from annotator.store import Project
from crash_support import SEED_TEXT, content_digest

runner = CliRunner()
# Bounded for CI; a longer hunt: ANNOTATOR_FUZZ_EXAMPLES=1000 pytest tests/test_fuzz_importers.py
FUZZ_EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "30"))
REPO = Path(__file__).resolve().parent.parent
PEER_DATA = REPO.parent / "shared" / "peer-data"

# Entity spans of the seed layer at offsets that appear nowhere else in the seed files,
# so a test can find and change exactly them.
ENTITY_OFFSETS = [(211, 217, "PERSON"), (233, 239, "GPE"), (251, 258, "ORG")]
TRIGGER = (263, 271, "ASSAULT")
LABEL, UNKNOWN_LABEL = b"PERSON", b"PERZON"  # same length, so binary formats keep their framing


# ---------------------------------------------------------------- seeds


def _seed_project(path: Path) -> Project:
    p = Project.create(path)
    docs = [AnnotatedDocument(Document(SEED_TEXT[i * 700:(i + 1) * 700] + f" ({i})", ext_id=f"seed{i}",
                                       title=f"Seed {i}")) for i in range(3)]
    p.import_documents(docs)
    for doc_id in (1, 2, 3):
        spans = [Span(1000 * doc_id + k, s, e, label) for k, (s, e, label) in enumerate(ENTITY_OFFSETS)]
        trigger = Span(1000 * doc_id + 9, TRIGGER[0], TRIGGER[1], TRIGGER[2], "trigger")
        event = Event(1000 * doc_id + 99, trigger.id, TRIGGER[2],
                      arguments=[Argument("source", spans[0].id), Argument("target", spans[1].id)])
        p.apply(doc_id, "ann1", Batch([*(AddSpan(s) for s in spans), AddSpan(trigger), AddEvent(event)]))
        p.apply(doc_id, "ann1", SetDocState("in_progress", "done"))
    return p


def _spacy_json_seed() -> bytes:
    """spaCy's JSON training format over the seed text (its peer-data sample has labels outside
    the default scheme): every token placed in `raw`, a few tagged with the scheme's labels."""
    raw = SEED_TEXT[:600]
    words = raw.split()
    tags = ["O"] * len(words)
    tags[3], tags[8], tags[9], tags[15] = "U-PERSON", "B-ORG", "L-ORG", "U-GPE"
    tokens = [{"id": i, "orth": w, "tag": "NN", "head": 0, "dep": "dep", "ner": t}
              for i, (w, t) in enumerate(zip(words, tags))]
    data = [{"id": 7, "paragraphs": [{"raw": raw, "sentences": [{"tokens": tokens, "brackets": []}]}]}]
    return json.dumps(data, indent=1).encode("utf-8")


BUILTIN_SEEDS = {
    "spacy-json": ("seed_spacy.json", _spacy_json_seed()),
    "text": ("seed.txt", SEED_TEXT[:900].encode("utf-8")),
    "csv": ("seed.csv", ('id,title,text\nc1,First,"' + SEED_TEXT[:300].replace('"', '""') + '"\n'
                         'c2,Second,"' + SEED_TEXT[300:600].replace('"', '""') + '"\n').encode("utf-8")),
}


def _peer_seed(name: str) -> Path | None:
    fmt = get(name)
    if not PEER_DATA.is_dir():
        return None
    for path in sorted(PEER_DATA.rglob("*")):
        if path.is_file() and path.suffix.lower() in fmt.extensions and path.stat().st_size < 200_000:
            return path
    return None


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    """A valid input file (or folder) for every readable format."""
    root = tmp_path_factory.mktemp("seeds")
    project = _seed_project(root / "seed.db")
    found: dict[str, Path] = {}
    for name in readable():
        fmt = get(name)
        if name in BUILTIN_SEEDS:
            filename, data = BUILTIN_SEEDS[name]
            found[name] = root / filename
            found[name].write_bytes(data)
        elif fmt.writer is not None:
            out = root / (f"seed_{name}" if fmt.writes_folder else f"seed_{name}{fmt.extensions[0]}")
            layer = "ann1" if fmt.single_layer else None
            docs = project.iter_annotated([layer] if layer else None)
            fmt.writer(docs, out, WriteOptions(layer=layer, scheme=project.scheme))
            found[name] = out
        else:
            peer = _peer_seed(name)
            if peer is not None:
                found[name] = root / peer.name
                shutil.copy(peer, found[name])
    project.close()
    return found


def _seed(seeds: dict[str, Path], name: str) -> Path:
    if name not in seeds:
        pytest.skip(f"no sample input for format {name!r} (no writer, no built-in or peer-data sample)")
    return seeds[name]


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _is_text(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _data_files(name: str, seed: Path) -> list[Path]:
    """The files of a seed that carry documents or annotations (not side configuration)."""
    fmt = get(name)
    files = _files(seed)
    data = [f for f in files if f.suffix.lower() in (*fmt.extensions, ".txt")]
    return data or files


# ---------------------------------------------------------------- running an import


class Target:
    """A project that imports are run against, with its content digest kept up to date."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with Project.create(path) as p:
            p.import_documents([AnnotatedDocument(Document(f"Target document {i}: Israel attacked Iran.",
                                                           ext_id=f"t{i}")) for i in range(2)])
            p.apply(1, "ann2", AddSpan(Span(5, 0, 6, "ORG")))
        self.digest = content_digest(path)

    def run_import(self, source: Path, name: str, *extra: str):
        result = runner.invoke(app, ["import", str(self.path), str(source), "--format", name,
                                     "--annotator", "ann2", *extra])
        assert "Traceback" not in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{type(result.exception).__name__}: {result.exception}")
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            errors = [line for line in result.output.splitlines() if line.startswith("error:")]
            assert len(errors) == 1, result.output
            assert source.name in errors[0] or source.parent.name in errors[0], errors[0]
            assert content_digest(self.path) == self.digest, "a refused import changed the project"
        else:
            with Project.open(self.path) as p:
                assert p.check() == []
            self.digest = content_digest(self.path)
        return result


@pytest.fixture(scope="module")
def targets(tmp_path_factory) -> dict[str, Target]:
    root = tmp_path_factory.mktemp("targets")
    return {name: Target(root / f"{name}.db") for name in readable()}


def _copy_seed(seed: Path, dest_dir: Path) -> Path:
    if dest_dir.exists():
        shutil.rmtree(dest_dir)
    dest_dir.mkdir(parents=True)
    dest = dest_dir / seed.name
    if seed.is_dir():
        shutil.copytree(seed, dest)
    else:
        shutil.copy(seed, dest)
    return dest


# ---------------------------------------------------------------- mutations

NASTY = [b"\xff", b"\xc3", b"\x00", b"\xed\xa0\x80", b"\\ud800", b'"', b"{", b"}", b"[", b"]", b",", b":",
         b"\n", b"\r", b"\t", b"-1", b"99999999999999999999", b"1e309", b"null", b"true", b'"x"', b"{}",
         b"[]", b"NaN", b"\xef\xbb\xbf", b"\\", b"T1\tPERSON 5 1\tx\n", b"E1\tASSAULT:T9 Source:T77\n"]


@st.composite
def damage(draw, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "delete", "truncate", "number", "dup_line"]))
        pos = draw(st.integers(0, max(0, len(data))))
        if kind == "insert":
            data = data[:pos] + draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=8)) + data[pos:]
        elif kind == "delete":
            data = data[:pos] + data[pos + draw(st.integers(1, 40)):]
        elif kind == "truncate":
            data = data[:pos]
        elif kind == "number":
            numbers = list(re.finditer(rb"-?\d+", data))
            if numbers:
                m = draw(st.sampled_from(numbers))
                new = draw(st.sampled_from([b"-1", b"0", b"-0", b"1", b"99999", b"2147483648", b"1.5",
                                            b"9223372036854775808", b"100000000000000000000000000000"]))
                data = data[:m.start()] + new + data[m.end():]
        else:
            lines = data.splitlines(keepends=True)
            if lines:
                line = draw(st.sampled_from(lines))
                data = data[:pos] + line + data[pos:]
    return data


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("name", readable())
def test_seed_imports_cleanly(name, seeds, tmp_path):
    """The fuzzing starts from a valid input (else the damage tests would prove little)."""
    target = Target(tmp_path / "t.db")
    result = target.run_import(_seed(seeds, name), name)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", readable())
def test_damaged_input_is_refused_cleanly_or_imported_soundly(name, seeds, targets, tmp_path_factory):
    seed = _seed(seeds, name)
    work = tmp_path_factory.mktemp(f"fuzz_{name}")
    files = _data_files(name, seed)

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def run(data):
        source = _copy_seed(seed, work / "case")
        index = data.draw(st.integers(0, len(files) - 1))
        victim = source / files[index].relative_to(seed) if seed.is_dir() else source
        original = victim.read_bytes()
        damaged = data.draw(damage(original))
        victim.write_bytes(damaged)
        result = targets[name].run_import(source, name)
        if _is_text(files[index]) and b"\xff" in damaged and b"\xff" not in original:
            assert result.exit_code == 2, f"invalid UTF-8 accepted: {result.output}"

    run()


def _replace_everywhere(source: Path, old: bytes, new: bytes) -> int:
    count = 0
    for f in _files(source):
        data = f.read_bytes()
        if old in data:
            count += data.count(old)
            f.write_bytes(data.replace(old, new))
    return count


def _sub_numbers(source: Path, mapping: dict[int, int], files: list[Path]) -> int:
    pattern = re.compile(rb"(?<![\d.])(" + b"|".join(str(k).encode() for k in mapping) + rb")(?![\d.])")
    count = 0
    for f in files:
        data = f.read_bytes()
        new, n = pattern.subn(lambda m: str(mapping[int(m.group(1))]).encode(), data)
        if n:
            f.write_bytes(new)
            count += n
    return count


MUST_FAIL = ["invalid_utf8", "unknown_label", "offsets_outside", "offsets_reversed", "nul_in_text",
             "lone_surrogate", "truncated_json", "non_object_json"]


@pytest.mark.parametrize("case", MUST_FAIL)
@pytest.mark.parametrize("name", readable())
def test_input_that_can_never_be_valid_is_refused(name, case, seeds, targets, tmp_path):
    seed = _seed(seeds, name)
    source = _copy_seed(seed, tmp_path / "case")
    data_files = [source / f.relative_to(seed) if seed.is_dir() else source for f in _data_files(name, seed)]
    text_files = [f for f in data_files if _is_text(f)]
    jsonl = [f for f in text_files if f.suffix.lower() in (".jsonl", ".ndjson", ".json")]
    first = text_files[0] if text_files else None
    if case == "invalid_utf8":
        if first is None:
            pytest.skip("binary format")
        raw = first.read_bytes()
        first.write_bytes(raw[: len(raw) // 2] + b"\xff\xfe" + raw[len(raw) // 2:])
    elif case == "unknown_label":
        if not _replace_everywhere(source, LABEL, UNKNOWN_LABEL):
            pytest.skip("the sample carries no PERSON label")
    elif case in ("offsets_outside", "offsets_reversed"):
        start, end, _ = ENTITY_OFFSETS[0]
        mapping = {end: 99000 + end} if case == "offsets_outside" else {start: end, end: start}
        if not text_files or not _sub_numbers(source, mapping, text_files):
            pytest.skip("the sample does not carry character offsets as numbers")
    elif case == "nul_in_text":
        if name == "text":
            source.write_bytes(b"Israel\x00 attacked Iran.")
        elif jsonl:
            raw = jsonl[0].read_bytes()
            if b'"text": "' not in raw:
                pytest.skip("no 'text' field")
            jsonl[0].write_bytes(raw.replace(b'"text": "', b'"text": "\\u0000', 1))
        elif name == "csv":
            source.write_bytes(b"id,text\nn1,Israel\x00 attacked Iran.\n")
        elif any(f.suffix == ".txt" for f in text_files):  # folder formats: the texts are .txt files
            txt = next(f for f in text_files if f.suffix == ".txt")
            txt.write_bytes(txt.read_bytes().replace(b" ", b"\x00", 1))
        else:
            pytest.skip("no generic way to put a NUL into this format's text")
    elif case == "lone_surrogate":
        if not jsonl:
            pytest.skip("a lone surrogate is only expressible as a JSON escape")
        raw = jsonl[0].read_bytes()
        if b'"text": "' not in raw:
            pytest.skip("no 'text' field")
        jsonl[0].write_bytes(raw.replace(b'"text": "', b'"text": "\\ud800', 1))
    elif case == "truncated_json":
        if not jsonl:
            pytest.skip("not a JSON format")
        raw = jsonl[0].read_bytes().rstrip(b"\n")
        jsonl[0].write_bytes(raw[: len(raw) - 7])
    elif case == "non_object_json":
        if not jsonl:
            pytest.skip("not a JSON format")
        with jsonl[0].open("ab") as handle:
            handle.write(b'[1, 2, 3]\n')
    result = targets[name].run_import(source, name)
    assert result.exit_code == 2, f"{case} was accepted by {name}: {result.output}"


@pytest.mark.parametrize("name", readable())
def test_enormous_line_is_refused_or_imported_whole(name, seeds, targets, tmp_path, monkeypatch):
    """A line longer than the reader's limit is refused with one error (the limit is lowered
    here so the test stays fast; the real 64 MB limit is tested with --runslow)."""
    seed = _seed(seeds, name)
    monkeypatch.setattr(fio, "MAX_LINE_BYTES", 64 * 1024)
    source = _copy_seed(seed, tmp_path / "case")
    victim = next((source / f.relative_to(seed) if seed.is_dir() else source
                   for f in _data_files(name, seed) if _is_text(f)), None)
    if victim is None:
        pytest.skip("binary format")
    raw = victim.read_bytes()
    cut = raw.find(b"attacked")
    if cut < 0:
        cut = len(raw) // 2
    victim.write_bytes(raw[:cut] + b"word " * 40_000 + raw[cut:])
    result = targets[name].run_import(source, name)
    if victim.suffix.lower() in (".jsonl", ".ndjson") and result.exit_code == 2:
        assert "longer than" in result.output or "line" in result.output


@pytest.mark.slow
def test_line_over_the_real_limit_is_refused_without_reading_it_all(tmp_path):
    target = Target(tmp_path / "t.db")
    big = tmp_path / "big.jsonl"
    with big.open("wb") as handle:
        handle.write(b'{"text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(fio.MAX_LINE_BYTES // len(chunk) + 2):
            handle.write(chunk)
        handle.write(b'"}\n')
    result = target.run_import(big, "jsonl")
    assert result.exit_code == 2 and "longer than" in result.output


# ---------------------------------------------------------------- native JSONL: every kind of bad record

GOOD = {"id": "g1", "text": "Israel attacked Iran.", "annotations": [
    {"annotator": "ann3", "state": "done",
     "spans": [{"id": 1, "start": 0, "end": 6, "label": "GPE"}, {"id": 2, "start": 7, "end": 15,
                                                                 "label": "ASSAULT", "layer": "trigger"},
               {"id": 3, "start": 16, "end": 20, "label": "GPE"}],
     "events": [{"id": 1, "trigger": 2, "type": "ASSAULT", "arguments": [{"role": "source", "span": 1},
                                                                         {"role": "target", "span": 3}]}]}]}


def _with(path: str, value):
    record = json.loads(json.dumps(GOOD))
    *parents, last = path.split(".")
    node = record
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return json.dumps(record, ensure_ascii=True)


BAD_JSONL_LINES = {
    "text not a string": _with("text", 5),
    "text missing": json.dumps({"id": "x"}),
    "meta not an object": _with("meta", [1]),
    "title wrong type": _with("title", {"a": 1}),
    "annotations not a list": _with("annotations", {"a": 1}),
    "layer not an object": _with("annotations", [5]),
    "annotator wrong type": _with("annotations.0.annotator", 5),
    "bad state": _with("annotations.0.state", "finished"),
    "spans not a list": _with("annotations.0.spans", "x"),
    "span not an object": _with("annotations.0.spans.0", "x"),
    "start a string": _with("annotations.0.spans.0.start", "0"),
    "start a float": _with("annotations.0.spans.0.start", 0.5),
    "start a bool": _with("annotations.0.spans.0.start", True),
    "start negative": _with("annotations.0.spans.0.start", -1),
    "end past text": _with("annotations.0.spans.0.end", 9999),
    "end huge": _with("annotations.0.spans.0.end", 10**30),
    "reversed": _with("annotations.0.spans.0.end", 0),
    "empty label": _with("annotations.0.spans.0.label", ""),
    "unknown label": _with("annotations.0.spans.0.label", "NOT_A_LABEL"),
    "bad layer": _with("annotations.0.spans.0.layer", "sentence"),
    "bad origin": _with("annotations.0.spans.0.origin", "magic"),
    "actor code wrong type": _with("annotations.0.spans.0.actor_code", 5),
    "attrs not an object": _with("annotations.0.spans.0.attrs", [1]),
    "span id an object": _with("annotations.0.spans.0.id", {"x": 1}),
    "trigger missing span": _with("annotations.0.events.0.trigger", 77),
    "trigger is an entity": _with("annotations.0.events.0.trigger", 1),
    "unknown event type": _with("annotations.0.events.0.type", "PARTY"),
    "bad role": _with("annotations.0.events.0.arguments.0", {"role": "victim", "span": 1}),
    "argument to missing span": _with("annotations.0.events.0.arguments.0", {"role": "source", "span": 99}),
    "arguments not a list": _with("annotations.0.events.0.arguments", 3),
    "negated a string": _with("annotations.0.events.0.negated", "yes"),
    "bad mode": _with("annotations.0.events.0.mode", "sideways"),
    "lone surrogate in text": _with("text", "Israel \ud800 attacked Iran."),
    "lone surrogate in title": _with("title", "\udfff"),
    "lone surrogate in id": _with("id", "a\ud800"),
    "lone surrogate in meta": _with("meta", {"k": "\ud800"}),
    "lone surrogate in meta key": _with("meta", {"\ud800": 1}),
    "lone surrogate in annotator": _with("annotations.0.annotator", "ann\ud800"),
    "lone surrogate in actor code": _with("annotations.0.spans.0.actor_code", "IS\ud800"),
    "lone surrogate in attrs": _with("annotations.0.spans.0.attrs", {"note": "\ud800"}),
    "lone surrogate in event attrs": _with("annotations.0.events.0.attrs", {"note": "\ud800"}),
    "NUL in text": _with("text", "Israel\u0000 attacked Iran."),
    "truncated": json.dumps(GOOD)[:-9],
    "array": "[1, 2]",
    "string": '"text"',
    "number": "42",
    "null": "null",
    "nested too deep": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("problem", list(BAD_JSONL_LINES))
def test_bad_native_record_is_refused_and_nothing_of_the_file_is_imported(problem, targets, tmp_path):
    path = tmp_path / "bad.jsonl"
    good_first = json.dumps({"id": "ok1", "text": "A good record before the bad one."})
    path.write_text(good_first + "\n" + BAD_JSONL_LINES[problem] + "\n", encoding="utf-8")
    result = targets["jsonl"].run_import(path, "jsonl")
    assert result.exit_code == 2, f"{problem!r} was accepted: {result.output}"
    assert "line 2" in result.output


@pytest.mark.parametrize("problem", ["lone surrogate in meta", "lone surrogate in attrs", "lone surrogate in id"])
def test_lone_surrogates_are_refused_even_with_add_labels(problem, targets, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(BAD_JSONL_LINES[problem] + "\n", encoding="utf-8")
    result = targets["jsonl"].run_import(path, "jsonl", "--add-labels")
    assert result.exit_code == 2


def test_lone_surrogate_label_is_refused_with_add_labels(targets, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(_with("annotations.0.spans.0.label", "GPE\ud800") + "\n", encoding="utf-8")
    result = targets["jsonl"].run_import(path, "jsonl", "--add-labels")
    assert result.exit_code == 2


BAD_CSV = {
    "invalid UTF-8": b"id,text\nc1,Isra\xffel\n",
    "NUL in text": b"id,text\nc1,Israel\x00 attacked\n",
    "no text column": b"id,body\nc1,Israel\n",
    "more fields than header": b"id,text\nc1,Israel,extra\n",
    "unterminated quote": b'id,text\nc1,"Israel attacked\n',
    "UTF-8 encoded surrogate": b"id,text\nc1,Isra\xed\xa0\x80el\n",
}


@pytest.mark.parametrize("problem", list(BAD_CSV))
def test_bad_csv_is_refused(problem, targets, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD_CSV[problem])
    result = targets["csv"].run_import(path, "csv")
    assert result.exit_code == 2, f"{problem!r} was accepted: {result.output}"


@pytest.mark.parametrize("raw", [b"Isra\xffel", b"Israel\x00", b"\xed\xa0\x80", b"\xef\xbb\xbfok\xc3"])
def test_bad_text_file_is_refused(raw, targets, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    result = targets["text"].run_import(path, "text")
    assert result.exit_code == 2, result.output


# ---------------------------------------------------------------- the scheme loader

SCHEME_FILES = sorted((REPO / "resources" / "scheme").glob("*.toml"))


def _scheme_seed() -> bytes:
    return SCHEME_FILES[0].read_bytes()


def _init_with(tmp_path: Path, scheme: Path):
    project = tmp_path / "new.db"
    if project.exists():
        project.unlink()
    result = runner.invoke(app, ["init", str(project), "--scheme", str(scheme)])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len([line for line in result.output.splitlines() if line.startswith("error:")]) == 1
        assert not project.exists(), "a refused scheme left a project file behind"
    else:
        with Project.open(project) as p:
            assert p.check() == [] and p.scheme.entities
    return result


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_scheme_file_is_refused_cleanly(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("scheme")
    original = _scheme_seed()
    damaged = data.draw(damage(original))
    path = tmp / "bad.toml"
    path.write_bytes(damaged)
    result = _init_with(tmp, path)
    if (b"\xff" in damaged and b"\xff" not in original) or (b"\x00" in damaged and b"\x00" not in original):
        assert result.exit_code == 2


BAD_SCHEMES = {
    "invalid UTF-8": b'name = "x\xff"\n',
    "NUL": b'name = "x"\x00\n',
    "truncated": b'name = "x\n',
    "lone surrogate escape": b'name = "x"\nversion = "1"\n[[entity]]\nname = "A\\ud800"\n',
    "no entities": b'name = "x"\nversion = "1"\n',
    "entity not a table": b'name = "x"\nversion = "1"\nentity = 5\n',
    "duplicate label": b'name = "x"\nversion = "1"\n[[entity]]\nname = "A"\n[[entity]]\nname = "A"\n',
    "bad colour": b'name = "x"\nversion = "1"\n[[entity]]\nname = "A"\ncolor = "red"\n',
    "name wrong type": b'name = 5\nversion = "1"\n[[entity]]\nname = "A"\n',
    "modes not a list": b'name = "x"\nversion = "1"\n[[entity]]\nname = "A"\n[[event]]\nname = "E"\nmodes = 3\n',
    "empty file": b"",
    "binary garbage": bytes(range(256)),
}


@pytest.mark.parametrize("problem", list(BAD_SCHEMES))
def test_bad_scheme_file_is_one_clear_error(problem, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(BAD_SCHEMES[problem])
    result = _init_with(tmp_path, path)
    assert result.exit_code == 2, f"{problem!r} was accepted: {result.output}"
    assert "bad.toml" in result.output


# ---------------------------------------------------------------- paths escaping the export folder


def test_safe_child_refuses_names_that_escape():
    base = Path("/tmp/export-root")
    assert fio.safe_child(base, "doc1.txt") == base / "doc1.txt"
    assert fio.safe_child(base, "sub/doc1.txt") == base / "sub/doc1.txt"
    for name in ["../evil.txt", "../../etc/passwd", "/etc/passwd", "sub/../../evil", "..", "a/../../b"]:
        with pytest.raises(fio.InputError):
            fio.safe_child(base, name)


def test_safe_child_refuses_a_symlink_out_of_the_folder(tmp_path):
    base = tmp_path / "out"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(fio.InputError):
        fio.safe_child(base, "link/evil.txt")


def test_atomic_folder_leaves_nothing_on_failure_and_replaces_on_success(tmp_path):
    def ours(file):
        return file.suffix == ".txt"

    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        with fio.atomic_folder(out, ours, "test output") as folder:
            (folder / "half.txt").write_text("x")
            raise RuntimeError("cancelled")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    with fio.atomic_folder(out, ours, "test output") as folder:
        (folder / "a.txt").write_text("1")
    assert (out / "a.txt").read_text() == "1"
    with pytest.raises(RuntimeError):
        with fio.atomic_folder(out, ours, "test output") as folder:
            (folder / "a.txt").write_text("2")
            raise RuntimeError("cancelled")
    assert (out / "a.txt").read_text() == "1"  # the earlier export is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    (out / "notes.md").write_text("mine")  # a file no export wrote: the folder is not replaced
    with pytest.raises(fio.InputError, match="notes.md"):
        with fio.atomic_folder(out, ours, "test output") as folder:
            (folder / "a.txt").write_text("3")
    assert (out / "a.txt").read_text() == "1" and (out / "notes.md").read_text() == "mine"


FOLDER_WRITERS = [f.name for f in all_formats() if f.writer and f.writes_folder] or ["(none registered)"]
EVIL_IDS = ["../../evil", "../evil", "/tmp/evil-abs", "..", "a/../../evil", "sub/../../../evil", "~/evil",
            "con", "x\\..\\..\\evil"]


@pytest.mark.parametrize("name", FOLDER_WRITERS)
def test_folder_export_never_writes_outside_its_folder(name, tmp_path):
    if name == "(none registered)":
        pytest.skip("no format writes a folder yet")
    path = tmp_path / "work" / "p.db"
    path.parent.mkdir()
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(f"Israel attacked Iran ({i}).", ext_id=ext_id))
                            for i, ext_id in enumerate(EVIL_IDS)])
        for doc_id in range(1, len(EVIL_IDS) + 1):
            p.apply(doc_id, "ann1", AddSpan(Span(doc_id, 0, 6, "GPE")))
    out = tmp_path / "work" / "deep" / "out"
    before = {q for q in tmp_path.rglob("*")}
    result = runner.invoke(app, ["export", str(path), str(out), "--format", name, "--layer", "ann1"])
    assert "Traceback" not in result.output and result.exit_code in (0, 2), result.output
    created = {q for q in tmp_path.rglob("*")} - before
    outside = [q for q in created if out not in q.parents and q != out and q not in out.parents
               and not q.name.startswith("p.db")]
    assert outside == [], f"export wrote outside its folder: {outside}"
    assert not Path("/tmp/evil-abs.txt").exists() and not Path("/tmp/evil-abs.ann").exists()
    if result.exit_code == 0:
        assert len([q for q in out.rglob("*.txt")]) == len(EVIL_IDS)


def test_several_files_all_or_nothing(targets, tmp_path):
    """With --all-or-nothing one bad file refuses all of them; without it, each file is its
    own transaction: the files before the bad one stay, the bad one leaves nothing."""
    good = [tmp_path / f"good{i}.jsonl" for i in range(2)]
    for i, path in enumerate(good):
        path.write_text(json.dumps({"id": f"aon{i}", "text": f"Good document {i}."}) + "\n", encoding="utf-8")
    bad = tmp_path / "z_bad.jsonl"
    bad.write_text(json.dumps({"id": "aon-bad1", "text": "fine"}) + "\n" + '{"text": 5}\n', encoding="utf-8")
    target = targets["jsonl"]
    result = runner.invoke(app, ["import", str(target.path), *map(str, good), str(bad), "--all-or-nothing"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert content_digest(target.path) == target.digest
    result = runner.invoke(app, ["import", str(target.path), *map(str, good), str(bad)])
    assert result.exit_code == 2 and "z_bad.jsonl" in result.output
    with Project.open(target.path) as p:
        ids = {row.ext_id for row in p.documents(0, 1000)}
    assert {"aon0", "aon1"} <= ids and "aon-bad1" not in ids
    target.digest = content_digest(target.path)
