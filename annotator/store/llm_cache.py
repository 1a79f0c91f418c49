"""The project's cache of LLM replies (table `llm_cache`, migration m004_llm_cache).

A reply is stored under (model, prompt version, SHA-256 of the chunk text): the same chunk sent
to the same model with the same prompt version is answered from here, with no request. Only
replies the suggester could read are stored (an unusable reply is asked again next time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.model import text_sha256

if TYPE_CHECKING:
    from .project import Project


@dataclass(frozen=True)
class ChatReply:
    """A chat-completions answer as the client got it and the cache keeps it."""

    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str = ""  # the server's, for messages only (not cached)


def chunk_key(chunk_text: str) -> str:
    return text_sha256(chunk_text)


def cached_reply(project: Project, model: str, prompt_version: str, chunk_text: str) -> ChatReply | None:
    row = project.conn.execute(
        "SELECT reply, prompt_tokens, completion_tokens FROM llm_cache "
        "WHERE model = ? AND prompt_version = ? AND chunk_sha256 = ?",
        (model, prompt_version, chunk_key(chunk_text))).fetchone()
    return ChatReply(*row) if row else None


def store_replies(project: Project, model: str, prompt_version: str,
                  replies: list[tuple[str, ChatReply]]) -> None:
    """Store (chunk text, reply) pairs in one transaction, replacing older replies of the same key."""
    if not replies:
        return
    from .project import now

    ts = now()
    with project.write():
        project.conn.executemany(
            "INSERT INTO llm_cache (model, prompt_version, chunk_sha256, reply, prompt_tokens, completion_tokens, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, prompt_version, chunk_sha256) DO UPDATE "
            "SET reply = excluded.reply, prompt_tokens = excluded.prompt_tokens, "
            "completion_tokens = excluded.completion_tokens, created_at = excluded.created_at",
            [(model, prompt_version, chunk_key(text), r.content, int(r.prompt_tokens), int(r.completion_tokens), ts)
             for text, r in replies])

