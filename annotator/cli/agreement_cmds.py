"""`agreement`, `adjudicate` and `evaluate`: how far annotators (or the model) agree, and gold from it."""

from __future__ import annotations

import json
from typing import Any, Optional

import typer
from rich.table import Table

from ..agreement.adjudicate import Readiness, auto_agree, is_empty, readiness, take_side
from ..agreement.evaluate import Scope
from ..agreement.evaluate import evaluate as evaluate_layers
from ..agreement.event_quality import event_quality
from ..agreement.report import LEVELS, build_report
from ..core.errors import InputError
from ..core.integrity import answers
from ..core.model import GOLD, MODEL
from ..store import Project
from ..store.roles import annotators_with_work, check_may_read
from . import ui
from .args import project_argument
from .ranges import DOCS_HELP, select_documents


def register(app: typer.Typer) -> None:
    app.command("agreement")(agreement)
    app.command("adjudicate")(adjudicate)
    app.command("evaluate")(evaluate)


def _annotators(p: Project, option: Optional[str], doing: str, also: tuple[str, ...] = ()) -> list[str]:
    """The annotators named (or everybody with work); refused when this connection cannot read
    their layers or the layers in `also` (roles.check_may_read)."""
    known = p.annotator_names()
    if option is not None:
        names = [n.strip() for n in option.split(",") if n.strip()]
        if not names:  # ('' or ',,' meant "everybody", and the count said 0 "with work")
            raise InputError(f"--annotators names nobody ({option!r})", hint="e.g. --annotators ann1,ann2")
        unknown = [n for n in names if n not in known]
        for name in unknown:
            p.refuse_case_twin(name)  # "ANN1" for ann1: name the one meant
        if unknown:
            raise InputError(f"no annotator called {', '.join(map(repr, unknown))} in {p.path}",
                             hint=f"annotators: {', '.join(known)}")
        check_may_read(p, [*names, *also], outcome=doing + " would read {them} as empty; nothing was done")
    else:
        # "Everybody with work" cannot be told through a connection that hides some people's layers.
        check_may_read(p, [*p.annotator_names(people_only=True), *also],
                       outcome=doing + " would leave {them} out or read {them} as empty; nothing was done")
        names = annotators_with_work(p)
    names = list(dict.fromkeys(names))
    if len(names) < 2:
        if option is not None:  # (not "work.db has 1 with work" of a project holding three)
            raise InputError(f"agreement needs at least two annotators; --annotators names {len(names)} "
                             f"({', '.join(names)})", hint="e.g. --annotators ann1,ann2")
        raise InputError(f"agreement needs at least two annotators; {p.path} has {len(names)} with work "
                         f"({', '.join(names) or 'none'})", hint="pass --annotators ann1,ann2")
    return names


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(title: str, columns: list[str], text_columns: int = 2) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for i, column in enumerate(columns):
        if i < text_columns:
            table.add_column(column, justify="left", no_wrap=True)
        else:  # numbers are never cut: "0.8…" would be worse than a wide table
            table.add_column(column, justify="right", no_wrap=True, min_width=max(5, len(column)))
    return table


@ui.handle_errors
def agreement(
    project: str = project_argument(),
    annotators: Optional[str] = typer.Option(None, "--annotators", "-a",
                                             help="Comma-separated names (default: every annotator with work; gold and the model only when named)."),
    level: str = typer.Option("all", "--level", help="span, token, event or all."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON (docs/agreement.md)."),
    by: Optional[str] = typer.Option(None, "--by", help="Also a table by 'label' or by 'document'."),
    confusion: Optional[str] = typer.Option(None, "--confusion",
                                            help="Also a confusion matrix of 'entity' labels or 'event' types."),
    include_all: bool = typer.Option(False, "--include-all",
                                     help="Count documents not marked done too: for a pair, every document either of "
                                          "the two has a layer on (a missing layer counts as marking nothing)."),
    docs: Optional[str] = typer.Option(None, "--docs", help=DOCS_HELP),
) -> None:
    """Inter-annotator agreement: span, token and event level, for every pair of annotators."""
    if level not in (*LEVELS, "all"):
        raise InputError(f"--level must be one of {', '.join(LEVELS)}, all; not {level!r}")
    if by not in (None, "label", "document"):
        raise InputError(f"--by must be 'label' or 'document', not {by!r}")
    if confusion not in (None, "entity", "event"):
        raise InputError(f"--confusion must be 'entity' or 'event', not {confusion!r}")
    levels = list(LEVELS) if level == "all" else [level]
    if by == "label" and "span" not in levels:
        levels.append("span")
    if confusion == "entity" and "span" not in levels:
        levels.append("span")
    if confusion == "event" and "event" not in levels:
        levels.append("event")
    with Project.open(project, readonly=True) as p:
        names = _annotators(p, annotators, "agreement")
        doc_ids = select_documents(p, docs)
        total = len(doc_ids) if doc_ids is not None else p.count_documents()
        with ui.progress("agreement", total) as update:
            report = build_report(p.iter_annotated(names, doc_ids=doc_ids), names, levels=levels,
                                  include_all=include_all, progress=update)
    if not report["documents"]["counted"] and not include_all:
        ui.warn("no document is marked done by two of these annotators; --include-all counts unfinished ones"
                + ("; the model's layer is never marked done (to score its suggestions against a person's "
                   "work: annotator evaluate)" if MODEL in names else ""))
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    _print_report(report, by, confusion)


def _print_report(report: dict[str, Any], by: Optional[str], confusion: Optional[str]) -> None:
    docs = report["documents"]
    rule = ("for a pair, the documents either has a layer on" if report["include_all"]
            else "for a pair, the documents both marked done")
    ui.info(f"{docs['counted']} of {docs['seen']} document(s) counted ({rule})")
    columns = ["a", "b", "docs"]
    keys: list[tuple[str, Any]] = []
    if "span" in report["levels"]:
        keys += [("ent F1", lambda x: x["span"]["entity"]["exact"]["overall"]["f1"]),
                 ("ent ovl", lambda x: x["span"]["entity"]["overlap"]["overall"]["f1"]),
                 ("code", lambda x: x["span"]["entity"]["actor_code"]["agreement"]),
                 ("root", lambda x: x["span"]["entity"]["actor_code"]["root_agreement"])]
    if "token" in report["levels"]:
        keys += [("tok κ", lambda x: x["token"]["kappa"])]
    if "event" in report["levels"]:
        keys += [("trig F1", lambda x: x["event"]["trigger"]["f1"]),
                 ("event F1", lambda x: x["event"]["type"]["f1"]),
                 ("full F1", lambda x: x["event"]["full"]["f1"])]
    table = _table("Pairwise agreement", columns + [k for k, _ in keys])
    for pair in report["pairs"]:
        table.add_row(pair["a"], pair["b"], str(pair["documents"]), *(_fmt(get(pair)) for _, get in keys))
    ui.print_table(table)
    ui.info("ent F1 / ent ovl: entity spans, exact / overlapping offsets (same label); code / root: "
            "actor codes of the entities both marked alike, where either gave one -- the same code / the same "
            "country or block (first 3 letters); tok κ: Cohen's κ "
            "over BIO token labels; trig F1: aligned event triggers; event F1: trigger + type; "
            "full F1: events identical in trigger, type, mode, negation, context and every argument")
    if report["token_alpha"] is not None:
        alpha = report["token_alpha"]
        ui.info(f"token α (nominal, BIO, {len(alpha['coders'])} annotators, {alpha['units']} tokens): "
                f"{_fmt(alpha['alpha'])}")
    if "event" in report["levels"]:
        roles = ("source", "target", "location", "date")
        table = _table("Event aspects (trig= exact trigger F1; type: agreement on aligned events; mode / neg / "
                       "context: on aligned events of the same type)",
                       ["pair", "events", "aligned", "trig=", "type", "mode", "neg", "context", "swaps"])
        roles_table = _table("Event roles (argument F1 on aligned events; all: counting unaligned events)",
                             ["pair", *roles, "all source", "all target"], text_columns=1)
        for pair in report["pairs"]:
            e = pair["event"]
            name = f"{pair['a']}/{pair['b']}"
            table.add_row(name, f"{e['events_a']}/{e['events_b']}", str(e["aligned"]), _fmt(e["trigger"]["f1_exact"]),
                          _fmt(e["type"]["agreement"]), _fmt(e["mode"]["agreement"]),
                          _fmt(e["negation"]["agreement"]), _fmt(e["context"]["agreement"]), str(e["swaps"]))
            roles_table.add_row(name, *(_fmt(e["roles"][r]["f1"]) for r in roles),
                                _fmt(e["roles"]["source"]["f1_all"]), _fmt(e["roles"]["target"]["f1_all"]))
        ui.print_table(table)
        ui.print_table(roles_table)
    if "span" in report["levels"]:
        table = _table("Entity disagreements", ["a", "b", "label", "boundary", "boundary+label", "only a", "only b"])
        for pair in report["pairs"]:
            d = pair["span"]["entity"]["disagreements"]
            table.add_row(pair["a"], pair["b"], *(str(d[k]) for k in ("label", "boundary", "boundary+label",
                                                                         "only_a", "only_b")))
        ui.print_table(table)
    if by == "label":
        for kind in ("entity", "trigger"):
            table = _table(f"By label ({kind}, exact match)", ["a", "b", "label", "agreed", "only b", "only a",
                                                                "P", "R", "F1"], text_columns=3)
            for pair in report["pairs"]:
                for label, s in pair["span"][kind]["exact"]["labels"].items():
                    table.add_row(pair["a"], pair["b"], label, str(s["tp"]), str(s["fp"]), str(s["fn"]),
                                  _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]))
            ui.print_table(table)
    if by == "document":
        table = _table("By document", ["doc", "pair", "ent F1", "trig F1", "event F1", "full F1",
                                       "disagreements"])
        for doc in report["by_document"]:
            for row in doc["pairs"]:
                table.add_row(f"{doc['doc_id']} {doc['ext_id'] or ''}".strip(), f"{row['a']}/{row['b']}",
                              _fmt(row.get("entity_f1")), _fmt(row.get("trigger_f1")), _fmt(row.get("event_f1")),
                              _fmt(row.get("event_full_f1")), str(row["disagreements"]))
        ui.print_table(table)
    if confusion:
        for item in report["confusion"][confusion]:
            labels = item["labels"]
            table = _table(f"Confusion of {'entity labels' if confusion == 'entity' else 'event types'}: "
                           f"rows {item['a']}, columns {item['b']} (∅ = nothing there)", ["", *labels],
                           text_columns=1)
            for label, row in zip(labels, item["matrix"]):
                table.add_row(label, *(str(v) if v else "·" for v in row))
            ui.print_table(table)
    n = len(report["disagreements"])
    ui.info(f"{n} disagreement(s) listed (doc, offsets, who said what) in --json output")


@ui.handle_errors
def adjudicate(
    project: str = project_argument(),
    auto: str = typer.Option(..., "--auto", help="'agree': gold = everything the annotators agree on."),
    annotators: Optional[str] = typer.Option(None, "--annotators", "-a",
                                             help="Comma-separated names (default: every annotator with work; the model only when named)."),
    force: bool = typer.Option(False, "--force",
                               help="Replace gold layers that already have annotations or are marked done."),
    include_all: bool = typer.Option(False, "--include-all",
                                     help="Also documents not marked done by every annotator."),
    docs: Optional[str] = typer.Option(None, "--docs", help=DOCS_HELP),
    prefer: Optional[str] = typer.Option(
        None, "--prefer", help="Settle every conflict with this annotator's version (a senior annotator's say "
                               "where they differ; where they marked nothing, gold has nothing)."),
    mark_done: bool = typer.Option(
        False, "--mark-done", help="Mark gold done where nothing is left to decide: your sign-off, as Ctrl+D in "
                                   "the adjudication view (without it, gold stays in progress)."),
    as_json: bool = typer.Option(False, "--json", help="Print the remaining conflicts as JSON."),
) -> None:
    """Pre-fill the gold layer with what the annotators agree on; list what is left to decide."""
    if auto != "agree":
        raise InputError(f"--auto {auto!r} is not known", hint="use --auto agree")
    written = skipped_gold = conflicts = clean = agreed_nothing = settled = signed = without_preferred = 0
    remaining: list[dict[str, Any]] = []
    not_ready: dict[str, _Skipped] = {}
    with Project.open(project) as p:
        names = _annotators(p, annotators, "adjudication", also=(GOLD,))
        if GOLD in names:  # (gold built from gold: what the lead decided taken as one annotator's say)
            raise InputError("gold is what adjudication writes; it cannot be one of the layers it compares",
                             hint="name the annotators, e.g. --annotators ann1,ann2")
        if prefer is not None and prefer not in names:
            p.refuse_case_twin(prefer)  # "ANN1" for ann1: name the one meant
            raise InputError(f"--prefer {prefer}: not one of the annotators compared ({', '.join(names)})",
                             hint="name one of them, or add it with --annotators")
        doc_ids = select_documents(p, docs)
        total = len(doc_ids) if doc_ids is not None else p.count_documents()
        with ui.progress("adjudicating", total) as update, p.write():
            # One transaction: Ctrl+C leaves the gold layers as they were.
            for done, doc in enumerate(p.iter_annotated([*names, GOLD], doc_ids=doc_ids), 1):
                update(done)
                state = readiness({n: doc.layer(n) for n in names}, include_all=include_all)
                if not state.layers:
                    not_ready.setdefault(state.reason, _Skipped(state)).add(doc.document.id, doc.document.ext_id)
                    continue
                ready = state.layers
                gold = doc.layer(GOLD)
                # gold with work, or signed off (done, even empty: "nothing to mark"), is the lead's
                if not force and gold is not None and (not is_empty(gold) or gold.state == "done"):
                    skipped_gold += 1
                    continue
                result = auto_agree(ready, text=doc.document.text)
                assert doc.document.id is not None
                left = result.conflicts
                preferred = next((layer for layer in ready if layer.annotator == prefer), None)
                if preferred is not None:
                    left = take_side(result.layer, result.conflicts, preferred)
                    settled += len(result.conflicts) - len(left)
                elif prefer is not None and result.conflicts:
                    # (--include-all: ready without them) no say to take: the lead decides
                    without_preferred += 1
                # Done only at --mark-done where nothing is left: the sign-off is the lead's, and
                # gold replaced with --force is no longer what the lead signed off.
                result.layer.state = "done" if mark_done and not left else "in_progress"
                signed += result.layer.state == "done"
                p.replace_layer(doc.document.id, GOLD, result.layer, kind="AutoAdjudicate", with_state=True)
                if is_empty(result.layer) and not result.conflicts:
                    # Both found nothing to mark: gold has no item to hold, and its layer only
                    # exists once the lead marks the document done (then it exports as empty).
                    agreed_nothing += 1
                    continue
                written += 1
                conflicts += len(left)
                clean += not result.conflicts
                remaining += [{"doc_id": doc.document.id, "ext_id": doc.document.ext_id, **c.to_dict()}
                              for c in left]
    if as_json:
        typer.echo(json.dumps({"written": written, "agreed_nothing": agreed_nothing,
                               "skipped_existing_gold": skipped_gold, "settled_by_prefer": settled,
                               "marked_done": signed,
                               "not_ready": sum(len(s.doc_ids) for s in not_ready.values()),
                               "not_ready_reasons": [s.to_dict() for s in not_ready.values()],
                               "conflicts": remaining}, indent=2, ensure_ascii=False))
        return
    settled_note = f"{settled} conflict(s) settled with {prefer}'s version, " if prefer is not None else ""
    ui.ok(f"wrote gold for {written} document(s) from {', '.join(names)}: {clean} fully agreed, "
          f"{settled_note}{conflicts} conflict(s) left to decide")
    if signed:
        ui.info(f"  gold marked done in {signed} document(s) with nothing left to decide (--mark-done)")
    if without_preferred:
        ui.info(f"  {without_preferred} document(s) have no layer of {prefer}: their conflicts are left to decide")
    if agreed_nothing and not mark_done:
        ui.info(f"  {agreed_nothing} document(s) where the annotators agree there is nothing to mark: gold stays "
                "empty; mark them done in the adjudication view (or --mark-done) to export them as documents "
                "without annotations")
    if skipped_gold:
        ui.info(f"  {skipped_gold} document(s) already have gold annotations, or gold marked done, and were left "
                "alone (--force replaces them, and sets them back to in progress)")
    for skipped in not_ready.values():
        ui.info(f"  {skipped.message()}")
    if written + agreed_nothing > signed:
        # Marking gold done is the adjudicator's sign-off (docs/agreement.md): --mark-done, or the view.
        ui.info("  gold is not marked done where something is left, or without --mark-done: review it in the "
                "adjudication view (Ctrl+Shift+J) and mark each document done there (Ctrl+D); export --only-done "
                "takes only those")


class _Skipped:
    """Documents skipped for one reason (e.g. "not annotated by ann2"), to report them together."""

    def __init__(self, state: Readiness) -> None:
        self.state = state
        self.doc_ids: list[int | None] = []
        self.ext_ids: list[str | None] = []

    def add(self, doc_id: int | None, ext_id: str | None) -> None:
        self.doc_ids.append(doc_id)
        self.ext_ids.append(ext_id)

    def message(self) -> str:
        # The hint only where it helps: --include-all cannot adjudicate a document that fewer
        # than two of the annotators have a layer on.
        hint = " (--include-all takes them)" if self.state.include_all_takes_it else ""
        return f"{len(self.doc_ids)} document(s) skipped: {self.state.reason}{hint}"

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.state.reason, "documents": len(self.doc_ids),
                "missing": list(self.state.missing), "not_done": list(self.state.not_done),
                "include_all_takes_them": self.state.include_all_takes_it,
                "doc_ids": self.doc_ids, "ext_ids": self.ext_ids}


@ui.handle_errors
def evaluate(
    project: str = project_argument(),
    layer: str = typer.Option(MODEL, "--layer", help="Layer to evaluate (model, or an annotator)."),
    against: str = typer.Option(GOLD, "--against", help="Reference layer (gold, or an annotator)."),
    match: str = typer.Option("exact", "--match", help="exact (same offsets) or overlap."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    docs: Optional[str] = typer.Option(None, "--docs", help=DOCS_HELP),
    only_done: bool = typer.Option(
        False, "--only-done",
        help="Score only documents where a person's layer (gold too) is marked done. Without it, of a layer "
             "in progress only the sentences it has reviewed are scored (a decision there and no suggestion "
             "pending), with a note. Untouched and skipped documents are never scored."),
    compare: Optional[str] = typer.Option(None, "--compare", help="A trained pipeline (folder or name): also "
                                          "run the rules, that model alone and both combined over the "
                                          "reference documents (nothing is written) and compare them."),
) -> None:
    """Per-label precision / recall / F1 of one layer against another (entities, triggers, arguments),
    events per sentence by type, event-free sentences, actor codes and named entities.
    A person's layer (an annotator's, gold) is compared by its decisions: what it accepted, never the
    suggestions nobody accepted; only where it holds decisions (--only-done: where it is marked done).
    The documents left out, and why, are reported."""
    if match not in ("exact", "overlap"):
        raise InputError(f"--match must be exact or overlap, not {match!r}")
    with Project.open(project, readonly=True) as p:
        for name in (layer, against):
            p.require_layer(name)
        check_may_read(p, [layer, against], outcome="an evaluation would read {them} as empty; nothing was evaluated")
        doc_ids = select_documents(p, docs)

        admitted, scored_docs = [], []
        scope = Scope(layer, against, only_done)
        for doc in p.iter_annotated([layer, against], doc_ids=doc_ids):
            found = scope.scored(doc.document.text, doc.layer(layer), doc.layer(against))
            if found is not None:
                admitted.append(found)
                scored_docs.append(doc.document)
        pairs = [found.layers() for found in admitted]
        triples = [piece for found in admitted for piece in found.pieces()]
        learned: set[int] = set()
        if compare:
            from ..training import trained_on

            learned = set(trained_on(compare, p.project_id, scored_docs)) & {d.id for d in scored_docs}
        result = evaluate_layers(pairs, match=match)
        quality = event_quality(triples)
        scheme = p.scheme
    result = {"layer": layer, "against": against, **result, **scope.to_dict(), "quality": quality}
    if compare:
        from ..preannotate.compare import suggestions

        # run on the whole articles (the rules read context beyond the reviewed sentences), scored on the same parts
        runs = suggestions([found.text for found in admitted], scheme, compare)
        result["compare"] = {name: event_quality(piece for found, whole in zip(admitted, layers)
                                                 for piece in found.pieces(whole))
                             for name, layers in runs.items()}
        # scripts read the JSON: the warning the table prints, as figures
        result["compare_trained_on"] = {"documents": len(learned), "doc_ids": sorted(learned)}
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if not result["documents"]:
        ui.warn(f"no document to evaluate against: scored are {scope.rule()}")
    elif all(is_empty(answers(predicted)) for predicted, _ in pairs):
        ui.warn(f"the {layer!r} layer holds nothing on these {result['documents']} document(s): every figure "
                "below is 0" + (" (run `annotator preannotate` first)" if layer == MODEL else ""))
    if learned:
        ui.warn(f"{len(learned)} of the {len(scored_docs)} document(s) scored are ones {compare} was trained on: "
                "its figures (model, combined) are flattered; score its dev documents with --docs")
    ui.info(f"{layer} against {against}: {result['documents']} document(s), {match} match; scored: {scope.rule()}")
    for note in scope.notes(" (drop --only-done to score what it has accepted)"):
        ui.info(note)
    warning = scope.in_progress_note("; --only-done scores only documents marked done")
    if warning:
        ui.warn(warning)
    for part in ("entities", "triggers", "arguments"):
        table = _table(part, ["label", "tp", "fp", "fn", "P", "R", "F1"], text_columns=1)
        for label, s in [*result[part]["labels"].items(), ("overall", result[part]["overall"])]:
            table.add_row(label, str(s["tp"]), str(s["fp"]), str(s["fn"]), _fmt(s["precision"]),
                          _fmt(s["recall"]), _fmt(s["f1"]))
        ui.print_table(table)
    _print_quality(quality)
    if compare:
        _print_comparison(result["compare"])


def _print_quality(quality: dict[str, Any]) -> None:
    """The coder's view (agreement/event_quality.py): events per sentence by type, event-free
    sentences, actor codes, named entities."""
    table = _table(f"events per sentence, by type ({quality['sentences']} sentences)",
                   ["type", "tp", "fp", "fn", "P", "R", "F1"], text_columns=1)
    types = quality["events"]["types"]
    for label, s in [*types.items(), ("overall", quality["events"]["overall"])]:
        table.add_row(label, str(s["tp"]), str(s["fp"]), str(s["fn"]), _fmt(s["precision"]),
                      _fmt(s["recall"]), _fmt(s["f1"]))
    ui.print_table(table)
    free = quality["no_event"]
    ui.info(f"sentences with no event that got an event suggestion: {free['with_suggestion']} of "
            f"{free['sentences']} ({_fmt(free['rate'])})")
    for role, a in quality["actors"].items():
        ui.info(f"{role} actor of matched events ({a['events']}): root right {_fmt(a['root'])}, "
                f"full code right {_fmt(a['full'])}")
    entities = quality["entities"]
    table = _table("named entities", ["kind", "reference", "found", "suggested", "right"], text_columns=1)
    for kind, k in entities["kinds"].items():
        table.add_row(kind, str(k["reference"]), _fmt(k["found"]), str(k["suggested"]), _fmt(k["right"]))
    table.add_row("overall", "", _fmt(entities["found"]), "", _fmt(entities["right"]))
    ui.print_table(table)


def _print_comparison(runs: dict[str, dict[str, Any]]) -> None:
    table = _table("suggesters on the reference documents (nothing written)",
                   ["suggester", "events P", "R", "F1", "no-event", "source", "target", "entities found", "right"],
                   text_columns=1)
    for name, q in runs.items():
        ev = q["events"]["overall"]
        table.add_row(name, _fmt(ev["precision"]), _fmt(ev["recall"]), _fmt(ev["f1"]), _fmt(q["no_event"]["rate"]),
                      _fmt(q["actors"]["source"]["root"]), _fmt(q["actors"]["target"]["root"]),
                      _fmt(q["entities"]["found"]), _fmt(q["entities"]["right"]))
    ui.print_table(table)
