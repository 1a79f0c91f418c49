"""`annotator preannotate`: suggestions from rules (or a trained spaCy pipeline) into the model layer."""

from __future__ import annotations


import typer

from ..core.errors import InputError
from ..store import Project
from . import ui
from .args import project_argument
from .ranges import DOCS_HELP
from .ranges import documents_to_preannotate


def register(app: typer.Typer) -> None:
    app.command("preannotate")(preannotate)


@ui.handle_errors
def preannotate(
    project: str = project_argument(),
    model: str | None = typer.Option(None, "--model", help="Installed spaCy pipeline name or folder "
                                        "(default: the shipped base model, en_annotator_base, with the rules and lexicons)."),
    docs: str | None = typer.Option(None, "--docs", help=DOCS_HELP + " Default: all."),
    only: str | None = typer.Option(None, "--only", help="'todo': skip documents a person marked done; 'new': "
                                    "only documents never pre-annotated (imported since the last run); "
                                    "both: todo,new."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per nlp.pipe batch and per "
                                   "saved transaction."),
    n_process: int = typer.Option(1, "--n-process", min=1, max=256, help="Worker processes for nlp.pipe "
                                  "(never more than there are batches)."),
    entities_from: str = typer.Option("auto", "--entities-from", help="Where the model's ner and the gazetteer "
                                      "both mark text, whose entity wins: auto (the gazetteer; a model trained "
                                      "by `annotator train` adds entities and widens those it covers), model, "
                                      "or gazetteer."),
    llm: str | None = typer.Option(None, "--llm", help="Suggest with a large language model instead: the API "
                                   "base of a local OpenAI-compatible server, e.g. http://localhost:11434/v1 "
                                   "(Ollama) or http://localhost:8080/v1 (llama.cpp). An API key, if needed, "
                                   "comes from the environment variable ANNOTATOR_LLM_KEY."),
    llm_model: str | None = typer.Option(None, "--llm-model", help="The model name as the server knows it."),
    llm_concurrency: int = typer.Option(2, "--llm-concurrency", min=1, max=64, help="Requests in flight at once."),
    llm_timeout: float = typer.Option(120.0, "--llm-timeout", min=0.1, max=86_400.0,
                                      help="Seconds to wait for one reply "
                                      "(429, 5xx and timeouts are tried 3 times)."),
    llm_max_chars: int = typer.Option(4000, "--llm-max-chars", min=200, help="Characters of text per request; "
                                      "longer documents go by paragraphs and sentences."),
    llm_refresh: bool = typer.Option(False, "--llm-refresh", help="Ask the server again even when the project's "
                                     "reply cache has the answer."),
) -> None:
    """Suggest actors (with CAMEO codes), PLOVER event triggers and their arguments into the model layer.

    Re-running replaces only the model layer; annotators' layers are never touched. Ctrl+C stops
    after the current batch, keeping every batch saved before it. With --llm, a local
    OpenAI-compatible server (Ollama, llama.cpp, vLLM) suggests instead (docs/llm.md)."""
    from ..preannotate import run

    wanted = {part.strip() for part in only.split(",")} if only is not None else set()
    if not wanted <= {"todo", "new"} or (only is not None and not wanted):
        raise InputError(f"--only {only!r} is not supported", hint="use --only todo, --only new or --only todo,new")
    only_todo, only_new = "todo" in wanted, "new" in wanted
    if entities_from not in ("auto", "model", "gazetteer"):
        raise InputError(f"--entities-from {entities_from!r} is not one of auto, model, gazetteer")
    if llm is None and llm_model is not None:
        raise InputError("--llm-model needs --llm URL", hint="e.g. --llm http://localhost:11434/v1")
    if llm is not None:
        if model is not None:
            raise InputError("--model and --llm cannot be combined", hint="run them one after the other")
        from .llm_cmds import preannotate_with_llm

        preannotate_with_llm(project, url=llm, model=llm_model, docs=docs, only_todo=only_todo, only_new=only_new,
                             concurrency=llm_concurrency, timeout=llm_timeout, max_chars=llm_max_chars,
                             refresh=llm_refresh)
        return
    if model is not None:
        from ..preannotate.pipeline import check_model

        check_model(model)  # before the documents are counted and their skips reported
    with Project.open(project) as p, \
            ui.cancel_on_interrupt("stopping after the current batch (Ctrl+C again to abort it)") as cancel:
        ids = documents_to_preannotate(p, docs, only_todo=only_todo, only_new=only_new)
        saved = [0]  # progress is reported as each batch is saved

        def progress(done: int, total: int) -> None:
            saved[0] = done
            update(done)

        with ui.progress("pre-annotating", total=len(ids)) as update:
            try:
                report = run(p, model=model, doc_ids=ids, batch_size=batch_size, n_process=n_process,
                             progress=progress, cancel=cancel, prefer=entities_from)
            except BaseException:  # a second Ctrl+C, a full disk, a server gone: say what is kept
                if saved[0]:
                    ui.warn(f"{saved[0]} of {len(ids)} documents were pre-annotated and saved before this stop")
                raise
    words_per_s = report.words / report.seconds if report.seconds else 0.0
    summary = (f"{report.documents} of {report.total} documents pre-annotated with {report.model}"
               f"{' (parser for arguments)' if report.parser else ''}: {report.spans} spans, {report.events} events, "
               f"{report.arguments} arguments in {report.seconds:.1f} s ({words_per_s:,.0f} words/s)")
    if report.cancelled:
        ui.warn("cancelled: " + summary)
        raise typer.Exit(130)
    ui.ok(summary)
    if report.labels:
        ui.info("  " + ", ".join(f"{label} {count}" for label, count in sorted(report.labels.items())))
    left_out = report.left_out()
    if left_out:
        ui.warn(left_out)
