"""`annotator preannotate --llm URL --llm-model NAME`: suggestions from a local OpenAI-compatible
server (the options live on `preannotate`, see preannotate_cmds.py; the run and its report here)."""

from __future__ import annotations


import typer

from ..core.errors import InputError
from ..store import Project
from . import ui
from .ranges import documents_to_preannotate


def preannotate_with_llm(project: str, *, url: str, model: str | None, docs: str | None, only_todo: bool,
                         only_new: bool,
                         concurrency: int, timeout: float, max_chars: int, refresh: bool) -> None:
    """Run the LLM suggester and print its report. Exit 1 when a document failed, 2 when the
    server cannot be used (nothing written before that), 130 when cancelled."""
    from ..preannotate.llm import LlmOptions, run_llm

    if not model:
        raise InputError("--llm needs --llm-model NAME", hint="the model name as the server knows it, "
                         "e.g. qwen2.5:7b-instruct for Ollama")
    options = LlmOptions(url=url, model=model, concurrency=concurrency, timeout=timeout, max_chars=max_chars,
                         refresh=refresh)
    with Project.open(project) as p, \
            ui.cancel_on_interrupt("stopping after the current document (Ctrl+C again to abort)") as cancel:
        ids = documents_to_preannotate(p, docs, only_todo=only_todo, only_new=only_new)
        with ui.progress(f"asking {model}", total=len(ids)) as update:
            report = run_llm(p, options, doc_ids=ids, progress=lambda done, total: update(done), cancel=cancel)
    summary = (f"{report.documents} of {report.total} documents pre-annotated with {options.suggester} "
               f"(prompt {report.prompt_version}): {report.spans} spans, {report.events} events, "
               f"{report.arguments} arguments")
    cost = (f"  {report.requests} requests ({report.retries} retries), {report.cache_hits} of {report.chunks} "
            f"chunks from the cache, tokens {report.prompt_tokens} prompt + {report.completion_tokens} completion, "
            f"{report.seconds:.1f} s, {report.examples} worked examples available")
    unfinished = report.cancelled or report.failed or report.stopped  # no ✓ over a run that did not end well
    (ui.warn if unfinished else ui.ok)(("cancelled: " if report.cancelled else "stopped: " if report.stopped
                                        else "") + summary)
    ui.info(cost)
    if report.dropped:
        ui.warn(f"{sum(report.dropped.values())} suggestions dropped: "
                + ", ".join(f"{count} {reason}" for reason, count in report.dropped.most_common()))
    for doc_id, name, reason in report.failed:
        ui.error(f"{name}: no suggestions, {reason}")
    if report.stopped:
        ui.error(f"stopped: {report.stopped}")
        raise typer.Exit(2)
    if report.cancelled:
        raise typer.Exit(130)
    if report.failed:
        cached = " (replies already received come from the cache)" if report.documents else ""
        ui.error(f"{len(report.failed)} document(s) failed; run the same command again to retry them{cached}")
        raise typer.Exit(1)
