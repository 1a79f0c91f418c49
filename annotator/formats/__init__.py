"""Import and export formats. Each module is one format; this file is the registry table."""

from . import brat, csvfile, doccano, native, plover, prodigy, spacy_docbin, spacy_json, text
from .registry import (Format, ReadOptions, WriteOptions, all_formats, detect, documents_to_import, export_only, get,
                       readable, register, writable)

register(Format("jsonl", "native JSONL, every layer, re-imports exactly; rejected suggestions left out (plain text/id/title/meta records too)",
                (".jsonl", ".ndjson"), native.read, native.write, native.sniff, single_layer=False))
# brat before text: the .txt of a brat pair is brat's (brat.sniff)
register(Format("brat", "brat standoff folder (.txt + .ann + annotation.conf)", (".ann",), brat.read, brat.write, brat.sniff, writes_folder=True))
register(Format("text", "plain .txt files, one document per file (folders are read recursively)",
                (".txt",), text.read, None, text.sniff))
register(Format("csv", "CSV (or .tsv: tabs) with a text column (--text-column)", (".csv", ".tsv"), csvfile.read,
                None, csvfile.sniff))
register(Format("prodigy", "Prodigy JSONL tasks (tokens, spans, relations, events, answer)", (".jsonl", ".prodigy"), prodigy.read, prodigy.write, prodigy.sniff))
register(Format("doccano", "doccano JSONL (label [[s,e,L]] and entities/relations forms)", (".jsonl",), doccano.read, doccano.write, doccano.sniff))
register(Format("spacy", "spaCy DocBin (.spacy): doc.ents, spans sc/triggers, events in user_data", (".spacy",), spacy_docbin.read, spacy_docbin.write, spacy_docbin.sniff))
register(Format("spacy-json", "spaCy's JSON training format (v2 `train` input: paragraphs, tokens, BILUO ner; read only)", (".json",), spacy_json.read, None, spacy_json.sniff))
register(Format("plover", "PLOVER event records JSONL, one per event (write only)", (".jsonl",), None, plover.write, plover.sniff))

__all__ = ["Format", "ReadOptions", "WriteOptions", "all_formats", "detect", "documents_to_import", "export_only", "get",
           "readable", "register", "writable"]
