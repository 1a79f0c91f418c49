"""LLM suggestions from a local OpenAI-compatible chat server (Ollama, llama.cpp, vLLM, LM Studio).

`client.py` talks to the server, `prompt.py` builds the request (scheme, worked examples,
chunks), `reply.py` reads the reply and anchors its strings in the text, `runner.py` runs a
project through it into the model layer. See docs/llm.md.
"""

from .client import KEY_ENV, EndpointError
from .prompt import PROMPT_VERSION
from .runner import LlmOptions, LlmReport, run_llm

__all__ = ["KEY_ENV", "PROMPT_VERSION", "EndpointError", "LlmOptions", "LlmReport", "run_llm"]
