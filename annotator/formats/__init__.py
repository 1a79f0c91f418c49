"""Import and export formats. Each module is one format; this file is the registry table."""

from . import csvfile, native, text
from .registry import Format, ReadOptions, WriteOptions, all_formats, detect, get, readable, register, writable

register(Format("jsonl", "native JSONL, every layer, lossless (plain text/id/title/meta records too)",
                (".jsonl", ".ndjson"), native.read, native.write, native.sniff, single_layer=False))
register(Format("text", "plain .txt files, one document per file (folders are read recursively)",
                (".txt",), text.read, None, text.sniff))
register(Format("csv", "CSV with a text column (--text-column)", (".csv",), csvfile.read, None, csvfile.sniff))

__all__ = ["Format", "ReadOptions", "WriteOptions", "all_formats", "detect", "get", "readable", "register",
           "writable"]
