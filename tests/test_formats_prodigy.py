"""Reading Prodigy JSONL as Prodigy writes it: multi-user sessions (one layer per annotator) and
text classification answers (kept in the document's meta, never dropped without a word)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import default_scheme
from annotator.formats import ReadOptions, WriteOptions, prodigy
from annotator.store import Project

runner = CliRunner()
TEXT = "Apple Inc. sued Google in Paris."
APPLE = {"start": 0, "end": 10, "label": "ORG"}
GOOGLE = {"start": 16, "end": 22, "label": "ORG"}


def _write(path: Path, tasks: list[dict]) -> Path:
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks), encoding="utf-8")
    return path


def _read(path: Path, **kw):
    options = ReadOptions(scheme=default_scheme(), **kw)
    return list(prodigy.read(path, options)), options.warnings


def _task(spans: list[dict], who: str | None, input_hash: int = 1, **extra) -> dict:
    task = {"text": TEXT, "spans": spans, "answer": "accept", "_input_hash": input_hash, **extra}
    if who is not None:
        task["_annotator_id"] = task["_session_id"] = who
    return task


def _layers(doc) -> dict[str, list[tuple[int, int, str]]]:
    return {layer.annotator: sorted((s.start, s.end, s.status) for s in layer.spans.values())
            for layer in doc.layers}


# ----------------------------------------------------------------------------- several annotators
def test_each_annotator_of_a_shared_input_gets_a_layer_of_their_own(tmp_path):
    path = _write(tmp_path / "multi.jsonl", [_task([APPLE], "ds-alice"),
                                              _task([GOOGLE], "ds-bob", answer="reject")])
    docs, _ = _read(path)
    assert len(docs) == 1
    assert _layers(docs[0]) == {"ds-alice": [(0, 10, "accepted")], "ds-bob": [(16, 22, "rejected")]}
    assert {layer.annotator: layer.state for layer in docs[0].layers} == {"ds-alice": "done", "ds-bob": "done"}


def test_session_id_names_the_layer_when_there_is_no_annotator_id(tmp_path):
    path = _write(tmp_path / "sessions.jsonl", [
        {"text": TEXT, "spans": [APPLE], "answer": "accept", "_input_hash": 1, "_session_id": "ds-alice"},
        {"text": TEXT, "spans": [GOOGLE], "answer": "accept", "_input_hash": 1, "_session_id": "ds-bob"},
    ])
    docs, _ = _read(path)
    assert _layers(docs[0]) == {"ds-alice": [(0, 10, "accepted")], "ds-bob": [(16, 22, "accepted")]}


def test_annotator_option_names_only_the_tasks_nobody_signed(tmp_path):
    path = _write(tmp_path / "multi.jsonl", [_task([APPLE], "ds-alice"), _task([GOOGLE], "ds-bob"),
                                              _task([APPLE], None)])
    docs, warnings = _read(path, annotator="lead")
    assert _layers(docs[0]) == {"ds-alice": [(0, 10, "accepted")], "ds-bob": [(16, 22, "accepted")],
                                "lead": [(0, 10, "accepted")]}
    assert any("ds-alice" in w and "ds-bob" in w and "'lead'" in w for w in warnings)


def test_a_file_of_several_annotators_names_layers_the_same_way_in_every_document(tmp_path):
    """Alice alone on the first text is still 'ds-alice' (not the --annotator name), so her layer
    is one layer across the file."""
    path = _write(tmp_path / "multi.jsonl", [_task([APPLE], "ds-alice", input_hash=7),
                                              _task([APPLE], "ds-alice"), _task([GOOGLE], "ds-bob")])
    docs, _ = _read(path, annotator="lead")
    assert [sorted(_layers(d)) for d in docs] == [["ds-alice"], ["ds-alice", "ds-bob"]]


def test_a_single_annotator_file_keeps_its_layer_naming(tmp_path):
    path = _write(tmp_path / "one.jsonl", [_task([APPLE], "ds-alice"), _task([GOOGLE], "ds-alice")])
    assert list(_layers(_read(path)[0][0])) == ["ds-alice"]
    assert list(_layers(_read(path, annotator="lead")[0][0])) == ["lead"]
    only_sessions = _write(tmp_path / "sessions.jsonl", [
        {"text": TEXT, "spans": [APPLE], "answer": "accept", "_input_hash": 1, "_session_id": "ds-alice"}])
    assert list(_layers(_read(only_sessions)[0][0])) == ["prodigy"]


def test_cli_stores_one_layer_per_annotator(tmp_path):
    db = tmp_path / "work.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _write(tmp_path / "multi.jsonl", [_task([APPLE], "ds-alice"), _task([GOOGLE], "ds-bob")])
    result = runner.invoke(app, ["import", str(db), str(path), "--format", "prodigy"])
    assert result.exit_code == 0, result.output
    with Project.open(db, readonly=True) as project:
        rows = project.conn.execute(
            "SELECT a.name, s.start, s.end FROM spans s JOIN annotators a ON a.id = s.annotator_id "
            "ORDER BY a.name").fetchall()
    assert [tuple(r) for r in rows] == [("ds-alice", 0, 10), ("ds-bob", 16, 22)]


# ----------------------------------------------------------------------------- text classification
def test_binary_label_answers_become_categories(tmp_path):
    path = _write(tmp_path / "binary.jsonl", [
        {"text": "I love it.", "label": "POSITIVE", "answer": "accept", "_input_hash": 5},
        {"text": "Bad.", "label": "POSITIVE", "answer": "reject", "_input_hash": 6},
        {"text": "Bad.", "label": "ANGRY", "answer": "accept", "_input_hash": 6},
    ])
    docs, _ = _read(path)
    assert [d.document.meta for d in docs] == [{"cats": {"POSITIVE": 1.0}},
                                               {"cats": {"POSITIVE": 0.0, "ANGRY": 1.0}}]


def test_choice_answers_become_categories(tmp_path):
    path = _write(tmp_path / "choice.jsonl", [
        {"text": "I love it.", "options": [{"id": "POS", "text": "positive"}, {"id": "NEG", "text": "negative"}],
         "accept": ["POS"], "answer": "accept", "_input_hash": 7, "meta": {"source": "x"}},
    ])
    docs, warnings = _read(path)
    assert docs[0].document.meta == {"source": "x", "cats": {"POS": 1.0, "NEG": 0.0}}
    assert not [w for w in warnings if "categor" in w or "choice" in w]


def test_blocks_keep_spans_choices_and_free_text(tmp_path):
    path = _write(tmp_path / "blocks.jsonl", [
        {"text": TEXT, "spans": [APPLE], "options": [{"id": "LEGAL", "text": "legal"}], "accept": ["LEGAL"],
         "user_input": "free text comment", "answer": "accept", "_input_hash": 1, "_view_id": "blocks"},
    ])
    docs, _ = _read(path)
    assert docs[0].document.meta == {"cats": {"LEGAL": 1.0}, "user_input": "free text comment"}
    assert _layers(docs[0]) == {"prodigy": [(0, 10, "accepted")]}
    assert docs[0].layers[0].state == "done"


def test_choices_of_a_rejected_or_ignored_task_are_reported(tmp_path):
    path = _write(tmp_path / "choice.jsonl", [
        {"text": "One.", "options": [{"id": "A"}, {"id": "B"}], "accept": ["A"], "answer": "reject", "_input_hash": 1},
        {"text": "Two.", "options": [{"id": "A"}, {"id": "B"}], "accept": ["B"], "answer": "ignore", "_input_hash": 2},
    ])
    docs, warnings = _read(path)
    assert all("cats" not in d.document.meta for d in docs)
    assert any(w.startswith("2 ") and "choice" in w for w in warnings), warnings


def test_each_annotators_categories_are_kept_apart(tmp_path):
    path = _write(tmp_path / "multi.jsonl", [
        {"text": "Bad.", "label": "POSITIVE", "answer": "accept", "_input_hash": 6, "_annotator_id": "ds-alice",
         "user_input": "sarcasm?"},
        {"text": "Bad.", "label": "POSITIVE", "answer": "reject", "_input_hash": 6, "_annotator_id": "ds-bob"},
    ])
    docs, _ = _read(path)
    assert docs[0].document.meta == {"cats_by_annotator": {"ds-alice": {"POSITIVE": 1.0},
                                                           "ds-bob": {"POSITIVE": 0.0}},
                                     "user_input_by_annotator": {"ds-alice": "sarcasm?"}}
    assert docs[0].layers == []  # whole-text answers make no span layer (see below)


def test_bad_choice_answers_are_refused_with_the_line(tmp_path):
    db = tmp_path / "work.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _write(tmp_path / "bad.jsonl", [
        {"text": "One.", "options": [{"id": "A"}], "accept": ["A"], "answer": "accept", "_input_hash": 1},
        {"text": "Two.", "options": [{"id": "A"}], "accept": "A", "answer": "accept", "_input_hash": 2},
    ])
    result = runner.invoke(app, ["import", str(db), str(path), "--format", "prodigy"])
    assert result.exit_code == 2
    assert "line 2" in result.output and "'accept'" in result.output and "Traceback" not in result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_unnamed_timestamped_sessions_of_one_annotator_stay_one_layer(tmp_path):
    """Prodigy names an unnamed session by the server's start time: not a person."""
    path = _write(tmp_path / "days.jsonl", [
        {"text": TEXT, "spans": [APPLE], "answer": "accept", "_input_hash": 1,
         "_session_id": "ner_news-2019-03-11_11-10-47"},
        {"text": "Paris is big.", "spans": [], "answer": "accept", "_input_hash": 2,
         "_session_id": "ner_news-2019-03-12_09-01-13"},
    ])
    docs, _ = _read(path)
    assert [[layer.annotator for layer in doc.layers] for doc in docs] == [["prodigy"], ["prodigy"]]


def test_a_task_file_whose_first_line_is_a_plain_input_is_read_as_prodigy(tmp_path):
    from annotator.formats import detect

    path = _write(tmp_path / "mixed.jsonl", [{"text": "Just an input.", "meta": {"source": "x"}},
                                              _task([APPLE], None)])
    assert detect(path).name == "prodigy"


def test_the_head_of_a_relation_labelled_with_a_role_is_a_trigger_as_in_doccano(tmp_path):
    """rel.manual output: "sued" -source-> "Apple Inc.", -target-> "Google" is an event, whatever
    the head's label (SUE is no event type of the scheme); a relation of another label is not."""
    sued = {"start": 11, "end": 15, "label": "SUE"}
    def relation(child, label):
        return {"head": 3, "child": 0, "head_span": sued, "child_span": child, "label": label}
    path = _write(tmp_path / "rel.jsonl", [
        {"text": TEXT, "spans": [APPLE, sued, GOOGLE], "answer": "accept",
         "relations": [relation(APPLE, "source"), relation(GOOGLE, "target")]},
        {"text": TEXT + " ", "spans": [APPLE, sued, GOOGLE], "answer": "accept",
         "relations": [relation(GOOGLE, "competitor")]},
    ])
    docs, _ = _read(path)
    [layer] = docs[0].layers
    [event] = layer.events.values()
    assert layer.spans[event.trigger].label == "SUE" and layer.spans[event.trigger].layer == "trigger"
    assert sorted((a.role, layer.spans[a.span_id].start) for a in event.arguments) == [("source", 0), ("target", 16)]
    [other] = docs[1].layers
    assert not other.events and all(s.layer == "entity" for s in other.spans.values())


# ----------------------------------------------------------------------------- whole-text answers make no span layer
# explosion/projects tutorials/textcat_docs_issues, docs_issues_training.jsonl (first line as is):
# a binary textcat answer, no spans, no tokens.
DOCS_ISSUE = {"text": "add please", "meta": {"source": "GitHub", "url": "https://github.com/githubschool/"
              "open-enrollment-classes-introduction-to-github/issues/8963"}, "label": "DOCUMENTATION",
              "_input_hash": -1994475728, "_task_hash": 37903007, "answer": "reject"}
# explosion/projects tutorials/nel_emerson, entity-linking choice (first line; option html shortened):
# the model's ORG span is shown as context for the question "which Emerson?".
EMERSON = {
    "text": "Interestingly, Emerson is one of only five tennis players all-time to win multiple slam sets in two "
            "disciplines, only matched by Frank Sedgman, Margaret Court, Martina Navratilova and Serena Williams.",
    "_input_hash": 2024197919, "_task_hash": -1926469210,
    "spans": [{"start": 15, "end": 22, "text": "Emerson", "rank": 0, "label": "ORG", "score": 1,
               "source": "en_core_web_lg", "input_hash": 2024197919}],
    "meta": {"score": 1},
    "options": [{"id": "Q48226", "html": "Q48226: American philosopher, essayist, and poet"},
                {"id": "Q215952", "html": "Q215952: Brazilian footballer"},
                {"id": "Q312545", "html": "Q312545: Australian tennis player"},
                {"id": "NIL_otherLink", "text": "Link not in options"},
                {"id": "NIL_ambiguous", "text": "Need more context"}],
    "_session_id": None, "_view_id": "choice", "accept": ["Q312545"], "answer": "accept"}


def test_a_text_classification_answer_makes_no_done_span_layer(tmp_path):
    """A done layer without spans would be exported as "no entity in this text": a negative
    example for NER that nobody gave. The answer is the document's `cats`, and only that."""
    db = tmp_path / "work.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _write(tmp_path / "docs_issues.jsonl", [DOCS_ISSUE])
    [doc], warnings = _read(path)
    assert doc.layers == []
    assert doc.document.meta["cats"] == {"DOCUMENTATION": 0.0}
    assert not [w for w in warnings if "went into the layer" in w], warnings  # no layer was named
    result = runner.invoke(app, ["import", str(db), str(path), "--format", "prodigy"])
    assert result.exit_code == 0, result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert project.conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == 0


def test_the_context_span_of_a_choice_task_is_not_an_accepted_entity(tmp_path):
    path = _write(tmp_path / "nel.jsonl", [EMERSON])
    [doc], warnings = _read(path)
    assert doc.layers == []  # not ORG "Emerson" accepted (he is a tennis player), nor an empty done layer
    assert doc.document.meta == {"score": 1, "cats": {"Q48226": 0.0, "Q215952": 0.0, "Q312545": 1.0,
                                                      "NIL_otherLink": 0.0, "NIL_ambiguous": 0.0}}
    assert any(w.startswith("1 task(s)") and "context" in w and "line 1" in w for w in warnings), warnings


def test_whole_text_questions_without_a_view_id_or_in_blocks_make_no_span_layer(tmp_path):
    """Input files and older Prodigy name no interface: a task-level label or a choice is a question
    about the text unless the text was tokenised for span annotation; blocks without a span block
    leave neither spans nor tokens."""
    choice = {k: v for k, v in EMERSON.items() if k != "_view_id"}
    typed = {"text": "Bad.", "user_input": "sarcasm?", "answer": "accept", "_input_hash": 3, "_view_id": "text_input"}
    blocks = {"text": "Fine.", "options": [{"id": "A"}, {"id": "B"}], "accept": ["B"], "answer": "accept",
              "_input_hash": 4, "_view_id": "blocks"}
    path = _write(tmp_path / "mixed.jsonl", [choice, typed, blocks])
    docs, _ = _read(path)
    assert [d.layers for d in docs] == [[], [], []]
    assert docs[0].document.meta["cats"]["Q312545"] == 1.0 and docs[1].document.meta == {"user_input": "sarcasm?"}
    assert docs[2].document.meta == {"cats": {"A": 0.0, "B": 1.0}}


def test_span_annotation_and_a_choice_on_one_text_keep_the_span_layer_only_from_the_span_task(tmp_path):
    """ner.manual and a choice question on the same text: the manual spans are the layer (done);
    the context span of the choice is not added to it."""
    manual = {"text": EMERSON["text"], "_input_hash": 2024197919, "_task_hash": 1, "_view_id": "ner_manual",
              "tokens": [{"text": "Interestingly", "start": 0, "end": 13, "id": 0}],
              "spans": [{"start": 129, "end": 142, "label": "PERSON"}], "answer": "accept"}
    path = _write(tmp_path / "both.jsonl", [manual, EMERSON])
    [doc], warnings = _read(path)
    assert _layers(doc) == {"prodigy": [(129, 142, "accepted")]} and doc.layers[0].state == "done"
    assert doc.document.meta["cats"]["Q312545"] == 1.0
    assert any("context" in w and "line 2" in w for w in warnings), warnings
    binary = {"text": TEXT, "_view_id": "ner", "label": "ORG", "spans": [APPLE], "answer": "accept"}
    assert _layers(_read(_write(tmp_path / "teach.jsonl", [binary]))[0][0]) == {"prodigy": [(0, 10, "accepted")]}


# ----------------------------------------------------------------------------- sessions without a name
def _signed(text: str, session: str, input_hash: int, spans: list[dict] | None = None) -> dict:
    return {"text": text, "spans": spans or [], "answer": "accept", "_input_hash": input_hash,
            "_view_id": "ner_manual", "_annotator_id": session, "_session_id": session}


def test_the_default_session_of_every_server_start_is_one_unsigned_layer(tmp_path):
    """Without ?session=, Prodigy signs "<dataset>-<server start>": one person, not one per start
    (the single-signer path took each start as a name); `--annotator` says whose it is."""
    path = _write(tmp_path / "days.jsonl", [
        _signed(TEXT, "ner_news-2023-05-01_10-00-00", 1, [APPLE]),
        _signed("Google hired Bob.", "ner_news-2023-05-02_09-30-12", 2),
        _signed("IBM hired Ann.", "ner_news-2023-05-02_09-30-12", 3),
    ])
    docs, _ = _read(path)
    assert [[layer.annotator for layer in doc.layers] for doc in docs] == [["prodigy"], ["prodigy"], ["prodigy"]]
    docs, _ = _read(path, annotator="ann")
    assert [[layer.annotator for layer in doc.layers] for doc in docs] == [["ann"], ["ann"], ["ann"]]


def test_named_sessions_stay_apart_from_the_default_session(tmp_path):
    path = _write(tmp_path / "mixed.jsonl", [
        _signed(TEXT, "ner_news-alice", 1, [APPLE]),
        _signed(TEXT, "ner_news-2023-05-01_10-00-00", 1, [GOOGLE]),
        _signed("Paris is big.", "ner_news-2023-05-02_09-30-12", 2),
    ])
    docs, _ = _read(path)
    assert _layers(docs[0]) == {"ner_news-alice": [(0, 10, "accepted")], "prodigy": [(16, 22, "accepted")]}
    assert [layer.annotator for layer in docs[1].layers] == ["prodigy"]


def test_a_bare_timestamp_session_names_nobody(tmp_path):
    """Explosion's own db-out fixture signs the default session with the bare start time."""
    path = _write(tmp_path / "bare.jsonl", [_signed(TEXT, "2024-02-06_10-17-19", 1, [APPLE]),
                                             _signed("Paris is big.", "2024-02-07_08-00-00", 2)])
    def names(**kw):
        return [[layer.annotator for layer in doc.layers] for doc in _read(path, **kw)[0]]
    assert names() == [["prodigy"], ["prodigy"]]
    assert names(annotator="lead") == [["lead"], ["lead"]]


# ----------------------------------------------------------------------------- a text answered again
CUPERTINO = "Apple hired Tim Cook in Cupertino."


def _manual(label: str, line_timestamp: int | None, task_hash: int, who: str = "ner-alice") -> dict:
    task = {"text": CUPERTINO, "_input_hash": 111, "_task_hash": task_hash, "_view_id": "ner_manual",
            "spans": [{"start": 0, "end": 5, "label": "ORG"}, {"start": 24, "end": 33, "label": label}],
            "answer": "accept", "_annotator_id": who, "_session_id": who}
    if line_timestamp is not None:
        task["_timestamp"] = line_timestamp
    return task


def _labels(doc) -> dict[str, list[tuple[int, str]]]:
    return {layer.annotator: sorted((s.start, s.label) for s in layer.spans.values()) for layer in doc.layers}


def test_a_text_answered_again_by_the_same_annotator_keeps_the_later_answer(tmp_path):
    path = _write(tmp_path / "again.jsonl", [_manual("ORG", 1, 300), _manual("GPE", 2, 301)])
    [doc], warnings = _read(path)
    assert _labels(doc) == {"ner-alice": [(0, "ORG"), (24, "GPE")]}
    assert any(w.startswith("1 answer(s)") and "line 1" in w for w in warnings), warnings


def test_the_later_answer_is_the_later_timestamp_else_the_later_line(tmp_path):
    by_time = _write(tmp_path / "time.jsonl", [_manual("GPE", 2, 300), _manual("ORG", 1, 300)])
    assert _labels(_read(by_time)[0][0]) == {"ner-alice": [(0, "ORG"), (24, "GPE")]}
    by_line = _write(tmp_path / "line.jsonl", [_manual("ORG", None, 300), _manual("GPE", None, 300)])
    assert _labels(_read(by_line)[0][0]) == {"ner-alice": [(0, "ORG"), (24, "GPE")]}


def test_a_later_ignore_does_not_replace_an_accepted_answer(tmp_path):
    """A text served again and skipped the second time keeps the annotation it had."""
    skipped = {**_manual("GPE", 2, 300), "answer": "ignore"}
    path = _write(tmp_path / "skip.jsonl", [_manual("ORG", 1, 300), skipped])
    [doc], warnings = _read(path)
    assert _layers(doc) == {"ner-alice": [(0, 5, "accepted"), (24, 33, "accepted")]}
    assert _labels(doc) == {"ner-alice": [(0, "ORG"), (24, "ORG")]} and doc.layers[0].state == "done"
    assert any(w.startswith("1 answer(s)") and "line 2" in w for w in warnings), warnings


def test_answers_of_different_annotators_or_binary_decisions_are_all_kept(tmp_path):
    multi = _write(tmp_path / "multi.jsonl", [_manual("ORG", 1, 300, "ner-alice"),
                                              _manual("GPE", 2, 300, "ner-bob")])
    [doc], warnings = _read(multi)
    assert _labels(doc) == {"ner-alice": [(0, "ORG"), (24, "ORG")], "ner-bob": [(0, "ORG"), (24, "GPE")]}
    assert not [w for w in warnings if "dropped" in w]
    teach = _write(tmp_path / "teach.jsonl", [  # ner.teach: one decision per suggestion
        {"text": CUPERTINO, "_input_hash": 5, "_task_hash": 1, "_view_id": "ner", "answer": "accept",
         "spans": [{"start": 0, "end": 5, "label": "ORG"}]},
        {"text": CUPERTINO, "_input_hash": 5, "_task_hash": 2, "_view_id": "ner", "answer": "reject",
         "spans": [{"start": 24, "end": 33, "label": "PERSON"}]},
    ])
    [doc], warnings = _read(teach)
    assert _layers(doc) == {"prodigy": [(0, 5, "accepted"), (24, 33, "rejected")]}
    assert not [w for w in warnings if "dropped" in w]


# ----------------------------------------------------------------------------- a span's own text
def test_a_span_whose_text_is_not_at_its_offsets_refuses_the_file_naming_its_line(tmp_path):
    db = tmp_path / "work.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    good = {"start": 0, "end": 5, "text": "Apple", "label": "ORG"}
    path = _write(tmp_path / "shifted.jsonl", [
        {"text": CUPERTINO, "_input_hash": 9, "_task_hash": 1, "_view_id": "ner", "answer": "accept", "spans": [good]},
        {"text": "Paris.", "_input_hash": 10, "answer": "accept", "spans": []},
        {"text": CUPERTINO, "_input_hash": 9, "_task_hash": 2, "_view_id": "ner", "answer": "accept",
         "spans": [{"start": 1, "end": 6, "text": "Apple", "label": "ORG"}]},
    ])
    result = runner.invoke(app, ["import", str(db), str(path), "--format", "prodigy"])
    assert result.exit_code == 2, result.output
    assert "line 3" in result.output and "'pple '" in result.output and "'Apple'" in result.output
    assert "Traceback" not in result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_span_whose_text_is_at_its_offsets_is_imported(tmp_path):
    path = _write(tmp_path / "ok.jsonl", [{"text": "I 😍 Paris.", "answer": "accept",
                                           "spans": [{"start": 4, "end": 9, "text": "Paris", "label": "GPE"}]}])
    assert _layers(_read(path)[0][0]) == {"prodigy": [(4, 9, "accepted")]}


# vidosuba/slovak-NER prodigy/prodigy-data/annotations_06.jsonl (a ner.manual output, its tokens left
# out), record 1 cut after its fifth sentence: the pattern "Zulu" matched inside the token "Zuluovia",
# Prodigy snapped the span to the token and kept the text the pattern matched.
ESWATINI = (
    "Eswatini , dlhý tvar Eswatinské kráľovstvo ( do roku 2018 [ na Slovensku : 2019 ] : Svazijsko , dlhý tvar "
    "Svazijské kráľovstvo ) je štát v Afrike .\n\tHlavné mesto je Mbabane .\n\tSvazijsko je od roku 1968 "
    "nezávislou monarchiou v rámci Britského spoločenstva .\n\tPôvodne bolo územie Svazijska obývané kmeňmi "
    "hovoriacimi jazykom soto .\n\tZačiatkom 19. storočia dobyli územie svazijské kmene , ktoré neskôr Zuluovia "
    "vytlačili na sever .\n")
ESWATINI_SPANS = [
    {"start": 0, "end": 8, "token_start": 0, "token_end": 0, "label": "LOC"},
    {"text": "Eswatinské kráľovstvo", "start": 21, "end": 42, "token_start": 4, "token_end": 5, "label": "LOC"},
    {"text": "Slovensku", "start": 63, "end": 72, "token_start": 12, "token_end": 12, "label": "LOC"},
    {"start": 84, "end": 93, "token_start": 17, "token_end": 17, "label": "LOC"},
    {"text": "Svazijské kráľovstvo", "start": 106, "end": 126, "token_start": 21, "token_end": 22, "label": "LOC"},
    {"text": "Afrike", "start": 139, "end": 145, "token_start": 27, "token_end": 27, "label": "LOC"},
    {"start": 165, "end": 172, "token_start": 33, "token_end": 33, "label": "LOC"},
    {"start": 176, "end": 185, "token_start": 36, "token_end": 36, "label": "LOC"},
    {"text": "Britského spoločenstva", "start": 232, "end": 254, "token_start": 45, "token_end": 46, "label": "LOC"},
    {"text": "Svazijska", "start": 278, "end": 287, "token_start": 52, "token_end": 52, "label": "LOC"},
    {"text": "Zulu", "start": 399, "end": 407, "token_start": 70, "token_end": 70, "label": "ORG"},
]


def test_a_pattern_match_snapped_to_its_token_is_imported_at_the_token_with_a_warning(tmp_path):
    path = _write(tmp_path / "slovak.jsonl", [{"text": ESWATINI, "spans": ESWATINI_SPANS}])
    [doc], warnings = _read(path)
    [layer] = doc.layers
    assert len(layer.spans) == len(ESWATINI_SPANS)
    assert [(s.label, ESWATINI[s.start:s.end]) for s in layer.spans.values() if s.start == 399] == [("ORG", "Zuluovia")]
    assert any(w.startswith("1 span(s)") and "line 1" in w and "'Zulu'" in w and "'Zuluovia'" in w
               for w in warnings), warnings


def _tokens(*spans: tuple[str, int, int]) -> list[dict]:
    return [{"text": t, "start": s, "end": e, "id": i} for i, (t, s, e) in enumerate(spans)]


def test_a_stale_span_text_is_tolerated_where_the_tokens_agree_with_the_offsets(tmp_path):
    """The stated text is not inside the text at the offsets, but the task's tokens begin and end there."""
    tokens = _tokens(("Apple", 0, 5), ("hired", 6, 11), ("Tim", 12, 15), ("Cook", 16, 20))
    path = _write(tmp_path / "tokens.jsonl", [
        {"text": CUPERTINO, "tokens": tokens, "answer": "accept", "_view_id": "ner_manual",
         "spans": [{"start": 12, "end": 20, "token_start": 2, "token_end": 3, "text": "T. Cook", "label": "PERSON"}]}])
    [doc], warnings = _read(path)
    assert _layers(doc) == {"prodigy": [(12, 20, "accepted")]}
    assert any("'T. Cook' at 'Tim Cook'" in w and "line 1" in w for w in warnings), warnings


def test_offsets_counted_in_utf16_units_are_refused_even_where_the_tokens_count_the_same(tmp_path):
    """Prodigy's JavaScript front end counts UTF-16 code units: after an emoji every offset is one
    too far -- the spans' and the tokens' alike, so the tokens agreeing with the spans proves
    nothing; their own text is not at their offsets."""
    text = "I 😍 Paris."  # "Paris" is [4, 9) in characters, [5, 10) in UTF-16 code units
    tokens = _tokens(("I", 0, 1), ("😍", 2, 4), ("Paris", 5, 10), (".", 10, 11))
    path = _write(tmp_path / "utf16.jsonl", [
        {"text": text, "tokens": tokens, "answer": "accept",
         "spans": [{"start": 5, "end": 10, "token_start": 2, "token_end": 2, "text": "Paris", "label": "GPE"}]}])
    db = tmp_path / "work.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(path), "--format", "prodigy"])
    assert result.exit_code == 2, result.output
    assert "line 1" in result.output and "'aris.'" in result.output and "'Paris'" in result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


# ----------------------------------------------------------------------------- rel.manual from a plain token
def test_a_role_relation_from_a_plain_token_makes_that_token_a_trigger(tmp_path):
    """rel.manual writes a relation from a word that is no span with "label": null in its head_span."""
    hired = {"start": 6, "end": 11, "token_start": 1, "token_end": 1, "label": None}
    apple = {"start": 0, "end": 5, "token_start": 0, "token_end": 0, "label": "ORG"}
    tim = {"start": 12, "end": 20, "token_start": 2, "token_end": 3, "label": "PERSON"}
    path = _write(tmp_path / "rel.jsonl", [{
        "text": CUPERTINO, "_input_hash": 9, "_view_id": "relations", "answer": "accept", "spans": [apple, tim],
        "relations": [{"head": 1, "child": 0, "head_span": hired, "child_span": apple, "label": "SOURCE"},
                      {"head": 1, "child": 3, "head_span": hired, "child_span": tim, "label": "TARGET"},
                      {"head": 0, "child": 3, "head_span": apple, "child_span": tim, "label": "EMPLOYS"}]}])
    [doc], warnings = _read(path)
    [layer] = doc.layers
    [event] = layer.events.values()
    trigger = layer.spans[event.trigger]
    assert (trigger.start, trigger.end, trigger.layer, trigger.label, event.type) == \
        (6, 11, "trigger", prodigy.UNTYPED_EVENT, prodigy.UNTYPED_EVENT)
    assert sorted((a.role, layer.spans[a.span_id].label) for a in event.arguments) == [("source", "ORG"),
                                                                                       ("target", "PERSON")]
    assert any("'hired'" in w and prodigy.UNTYPED_EVENT in w for w in warnings), warnings
    # a relation between two spans that is no event argument is kept with its first span
    by_label = {s.label: s for s in layer.spans.values()}
    assert by_label["ORG"].attrs["relations"] == [{"type": "EMPLOYS", "to": by_label["PERSON"].id}]
    prodigy.write([doc], tmp_path / "back.jsonl", WriteOptions())
    [task] = [json.loads(line) for line in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["head_span"]["label"], r["label"], r["child_span"]["label"]) for r in task["relations"]
            if r["label"] == "EMPLOYS"] == [("ORG", "EMPLOYS", "PERSON")]


# ----------------------------------------------------------------------------- a task's own fields
def test_a_tasks_own_fields_go_into_the_meta_and_are_named(tmp_path):
    """`resume_id` (carried over from the input file, as in a real resume NER dataset) was dropped
    without a word; Prodigy's own keys, its `_` bookkeeping and review's keys are no such field."""
    tokens = [{"text": "Apple", "start": 0, "end": 5, "id": 0, "ws": True}]
    path = _write(tmp_path / "own.jsonl", [
        {"resume_id": 1, "text": "Apple hired.", "_input_hash": 1, "_task_hash": 2, "_is_binary": False,
         "tokens": tokens, "_view_id": "ner_manual", "spans": [{"start": 0, "end": 5, "label": "ORG"}],
         "answer": "accept", "_timestamp": 1700000000, "_annotator_id": "ds-ann", "_session_id": "ds-ann"},
        {"text": "Iran said.", "meta": {"url": "https://meta.example"}, "url": "https://field.example",
         "batch": "b7", "_input_hash": 3, "spans": [], "answer": "accept"},
        {"text": "Paris.", "_input_hash": 4, "_view_id": "review", "view_id": "ner_manual",
         "versions": [{"text": "Paris.", "spans": [], "sessions": ["ds-ann"]}], "sessions": ["ds-ann"],
         "html": "<b>Paris.</b>", "spans": [], "answer": "accept"},
    ])
    docs, warnings = _read(path)
    assert [d.document.meta for d in docs] == [{"resume_id": 1}, {"url": "https://meta.example", "batch": "b7"}, {}]
    assert "2 record(s) with fields outside Prodigy's: kept in the document's meta (e.g. resume_id, batch)" \
        in warnings
    assert "1 record(s) with a field also in their meta: meta's value kept, the field's dropped (e.g. url)" \
        in warnings


def test_our_own_export_reimports_with_the_same_meta_and_no_warning(tmp_path):
    """Every key our writer adds (id, title, source, published, events, _annotator_state ...)
    is known to the reader: none may come back as a field of the user's own."""
    from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
    from annotator.formats import WriteOptions

    layer = Layer("ann1", "done")
    layer.add_span(Span(1, 0, 10, "ORG"))
    layer.add_span(Span(2, 11, 15, "SUE", layer="trigger"))
    layer.add_event(Event(3, 2, "SUE", arguments=[Argument("source", 1)]))
    original = AnnotatedDocument(Document(TEXT, ext_id="d1", title="T", meta={"outlet": "AP", "n": 2},
                                          source="wire", published="2024-05-01"), [layer])
    path = tmp_path / "ours.jsonl"
    assert prodigy.write([original], path, WriteOptions(layer="ann1")) == 1
    (doc,), warnings = _read(path)
    assert warnings == []
    assert doc.document.meta == {"outlet": "AP", "n": 2}
    assert (doc.document.ext_id, doc.document.title, doc.document.source, doc.document.published) == (
        "d1", "T", "wire", "2024-05-01")


# ----------------------------------------------------------------------------- binary decisions (ner.teach)
def _teach(start: int, end: int, label: str, answer: str, task_hash: int, **extra) -> dict:
    """A ner.teach answer as Prodigy writes it: one suggested span per task, the model's score and
    rank on it, `_view_id` "ner" (shape of explosion/prodigy-recipes ner/ner_teach.py's tasks)."""
    return {"text": CUPERTINO, "_input_hash": 5, "_task_hash": task_hash, "_view_id": "ner", "answer": answer,
            "meta": {"score": 0.5}, "spans": [{"start": start, "end": end, "text": CUPERTINO[start:end],
                                               "label": label, "score": 0.5, "rank": 0, "source": "en_core_web_sm",
                                               "input_hash": 5}], **extra}


def test_binary_decisions_keep_the_layer_in_progress_not_done(tmp_path):
    """ner.teach says of one suggested span "right" or "wrong"; the rest of the text was never
    judged. Prodigy trains on such answers with the other tokens missing (its --binary training):
    a done layer said "no entity anywhere else", and a text whose only answer was a reject became,
    exported to spaCy, a sentence with no entity at all."""
    path = _write(tmp_path / "teach.jsonl", [_teach(0, 5, "ORG", "accept", 1), _teach(24, 33, "PERSON", "reject", 2),
                                             {**_teach(0, 5, "ORG", "reject", 3), "_input_hash": 6,
                                              "text": "Apple Inc."}])
    docs, warnings = _read(path)
    assert [(_layers(d), d.layers[0].state) for d in docs] == [
        ({"prodigy": [(0, 5, "accepted"), (24, 33, "rejected")]}, "in_progress"),
        ({"prodigy": [(0, 5, "rejected")]}, "in_progress")]
    assert any(w.startswith("3 binary answer(s) (ner.teach") for w in warnings), warnings


def test_a_complete_answer_on_the_text_still_makes_it_done(tmp_path):
    """ner.manual after ner.teach on the same text (one dataset): the manual answer is the whole text."""
    manual = {**_manual("GPE", None, 300), "_input_hash": 5, "_annotator_id": None, "_session_id": None}
    path = _write(tmp_path / "both.jsonl", [_teach(0, 5, "ORG", "accept", 1), manual])
    [doc], _ = _read(path)
    assert doc.layers[0].state == "done"
    not_binary = _write(tmp_path / "manual.jsonl", [_manual("GPE", None, 300)])  # ner_manual with no model score
    assert _read(not_binary)[0][0].layers[0].state == "done"


def test_binary_answers_without_a_view_id_are_told_by_the_models_score_on_the_span(tmp_path):
    """Prodigy before 1.8 wrote no `_view_id`: explosion/prodigy-recipes
    example-datasets/annotated_reddit-PRODUCT-ner.jsonl (ner.teach) has spans with `score`, `rank`
    and their own `answer`."""
    task = _teach(0, 5, "ORG", "reject", 1)
    del task["_view_id"]
    path = _write(tmp_path / "old.jsonl", [task])
    [doc], _ = _read(path)
    assert doc.layers[0].state == "in_progress"


def _exported_task(text: str, start: int, end: int) -> dict:
    from annotator.core import AnnotatedDocument, Document, Layer, Span
    from annotator.formats import prodigy as prodigy_format
    from annotator.formats.layers import Tally

    layer = Layer("ann1", "done")
    layer.add_span(Span(1, start, end, "DATE"))
    return prodigy_format.task_for(AnnotatedDocument(Document(text, ext_id="d"), [layer]), layer, Tally())


def _read_spans(tmp_path, task: dict) -> list[tuple[int, int]]:
    from annotator.formats import ReadOptions, prodigy as prodigy_format

    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    (doc,) = prodigy_format.read(path, ReadOptions())
    return [(s.start, s.end) for s in doc.layers[0].spans.values()]


def test_a_span_off_the_tokens_keeps_its_offsets_when_a_tool_adds_the_text_of_its_tokens(tmp_path):
    """A tool writing spaCy's Span.text adds the text at start/end (on the tokens): checked against
    the exact offsets, it refused the whole file."""
    text = "They met on Monday in Kyiv."
    task = _exported_task(text, 12, 17)  # "Monda"
    (span,) = task["spans"]
    assert (span["start"], span["end"], span["offsets"]) == (12, 18, [12, 17])
    span["text"] = text[span["start"]:span["end"]]
    assert _read_spans(tmp_path, task) == [(12, 17)]


def test_a_span_moved_in_prodigy_is_where_prodigy_put_it_not_where_our_offsets_were(tmp_path):
    text = "They met on Monday in Kyiv."
    task = _exported_task(text, 12, 17)
    (span,) = task["spans"]
    span["start"], span["end"] = 9, 18  # the annotator took in "on Monday"
    assert _read_spans(tmp_path, task) == [(9, 18)]


def _our_task_of_the_model(tmp_path) -> tuple[str, dict]:
    """Our Prodigy export of the model's suggestions (what a lead hands to a Prodigy annotator)."""
    from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
    from annotator.core.ids import new_id

    text = "Israel accused Hamas of shelling Gaza."
    model = Layer("model", "todo")
    israel = model.add_span(Span(new_id(), 0, 6, "GPE", "entity", "ISR", "model", "suggested"))
    hamas = model.add_span(Span(new_id(), 15, 20, "ORG", "entity", "PSEREB", "model", "suggested"))
    model.add_span(Span(new_id(), 33, 37, "GPE", "entity", "PSE", "model", "suggested"))
    trigger = model.add_span(Span(new_id(), 7, 14, "ACCUSE", "trigger", None, "model", "suggested"))
    model.add_event(Event(new_id(), trigger.id, "ACCUSE", "allege", origin="model", status="suggested",
                          arguments=[Argument("source", israel.id), Argument("target", hamas.id)]))
    prodigy.write([AnnotatedDocument(Document(text, ext_id="d1"), [model])], tmp_path / "lead.jsonl",
                  WriteOptions(layer="model"))
    return text, json.loads((tmp_path / "lead.jsonl").read_text(encoding="utf-8"))


ANSWERED = {"answer": "accept", "_view_id": "relations", "_session_id": "ann3", "_annotator_id": "ann3",
            "_timestamp": 1717000000}


def test_our_task_answered_in_prodigy_is_read_as_the_annotators_work(tmp_path):
    """Prodigy keeps our `_annotator_state` ("todo"), each untouched span's "suggested" and our
    `events`: an accepted rel.manual session came back as untouched suggestions, and the argument
    the annotator deleted there came back."""
    text, task = _our_task_of_the_model(tmp_path)
    task["relations"] = [r for r in task["relations"] if r["label"] != "target"]  # deleted in rel.manual
    [doc], warnings = _read(_write(tmp_path / "back.jsonl", [{**task, **ANSWERED}]))
    [layer] = doc.layers
    assert layer.state == "done" and {s.status for s in layer.spans.values()} == {"accepted"}
    [event] = layer.events.values()
    assert (event.type, event.mode, event.status) == ("ACCUSE", "allege", "accepted")
    assert [(a.role, text[layer.spans[a.span_id].start:layer.spans[a.span_id].end]) for a in event.arguments] == [
        ("source", "Israel")]
    assert any("answered in Prodigy" in w for w in warnings)


def test_a_trigger_deleted_in_prodigy_leaves_its_event_out_instead_of_refusing_the_file(tmp_path):
    text, task = _our_task_of_the_model(tmp_path)
    task["spans"] = [s for s in task["spans"] if s["label"] != "ACCUSE"]
    task["relations"] = [r for r in task["relations"] if r["head_span"]["label"] != "ACCUSE"]
    [doc], warnings = _read(_write(tmp_path / "back.jsonl", [{**task, **ANSWERED}]))
    [layer] = doc.layers
    assert not layer.events and sorted(text[s.start:s.end] for s in layer.spans.values()) == ["Gaza", "Hamas", "Israel"]
    assert any("trigger was deleted in Prodigy" in w for w in warnings)


def test_a_trigger_relabelled_in_prodigy_gives_its_event_the_new_type(tmp_path):
    text, task = _our_task_of_the_model(tmp_path)
    for span in task["spans"]:
        if span["label"] == "ACCUSE":
            span["label"] = "REJECT"
        if span["label"] == "ORG":
            span["label"] = "PERSON"  # an argument relabelled too
    [doc], warnings = _read(_write(tmp_path / "back.jsonl", [{**task, **ANSWERED, "_view_id": "ner_manual"}]))
    [layer] = doc.layers
    [event] = layer.events.values()
    assert (event.type, event.mode) == ("REJECT", None)  # ACCUSE's mode is not one of REJECT's
    # the relations ner.manual kept name each end with its old label: still the same spans
    assert sorted((a.role, layer.spans[a.span_id].label) for a in event.arguments) == [
        ("source", "GPE"), ("target", "PERSON")]
    assert not any("plain token" in w for w in warnings), warnings


# ----------------------------------------------------------------------------- events sharing a trigger
def test_events_sharing_a_trigger_keep_their_own_arguments_when_answered_in_prodigy(tmp_path):
    """Two Binding events on one trigger ("binding": one with p50, one with p65; brat's GE data
    has them) came back from Prodigy with both proteins on one event and none on the other: the
    relations are the arguments there, and a relation does not say which event it belongs to.
    A span Prodigy rewrote without our id (relabelled there) is found by its offsets."""
    from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span

    text = "p50 and p65 binding is activated"
    layer = Layer("ann1", "done")
    p50, p65 = layer.add_span(Span(1, 0, 3, "Protein")), layer.add_span(Span(2, 8, 11, "Protein"))
    trigger = layer.add_span(Span(3, 12, 19, "Binding", "trigger"))
    layer.add_event(Event(10, trigger.id, "Binding", arguments=[Argument("other", p50.id)]))
    layer.add_event(Event(11, trigger.id, "Binding", arguments=[Argument("other", p65.id)]))
    out = tmp_path / "ours.jsonl"
    prodigy.write([AnnotatedDocument(Document(text, ext_id="d"), [layer])], out, WriteOptions(layer="ann1"))
    task = json.loads(out.read_text(encoding="utf-8"))
    task.update({"_view_id": "relations", "_timestamp": 1700000000})  # as Prodigy's db-out writes it back
    for span in task["spans"]:
        if span["start"] == 0:
            del span["id"]
    (doc,), warnings = _read(_write(tmp_path / "answered.jsonl", [task]))
    (back,) = doc.layers
    arguments = sorted([text[back.spans[a.span_id].start:back.spans[a.span_id].end] for a in e.arguments]
                       for e in back.events.values())
    assert arguments == [["p50"], ["p65"]], warnings
    assert not any("first of those events" in w for w in warnings)


# ----------------------------------------------------------------------------- a span's own fields
DATA = Path(__file__).resolve().parent / "data"


def test_a_spans_own_fields_are_kept_and_written_back(tmp_path):
    """explosion/projects' ner_tweets test.jsonl, line 1 (tests/data/SOURCES.md): the span "Remus
    Lupin" carries "source": "en_core_web_lg" and "input_hash" (the model that suggested it).
    Neither was kept nor named, though a task's own fields go into the meta with a word."""
    (doc,), warnings = _read(DATA / "other" / "prodigy_ner_tweets_line1.jsonl")
    (span,) = doc.layers[0].spans.values()
    assert span.attrs == {"prodigy": {"source": "en_core_web_lg", "input_hash": 338646498}}
    assert any("span(s) with fields of their own" in w and "source" in w and "input_hash" in w for w in warnings)
    out = tmp_path / "back.jsonl"
    prodigy.write([doc], out, WriteOptions(layer=doc.layers[0].annotator))
    (written,) = json.loads(out.read_text(encoding="utf-8"))["spans"]
    assert (written["source"], written["input_hash"]) == ("en_core_web_lg", 338646498)
    assert "attrs" not in written  # once, where Prodigy had it
    (again,), warnings = _read(out)
    assert [s.attrs for s in again.layers[0].spans.values()] == [span.attrs]
    assert not any("fields of their own" in w for w in warnings)  # our own file: nothing to say
