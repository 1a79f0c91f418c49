"""Inter-annotator agreement: pure functions over plain data (no Qt)."""
