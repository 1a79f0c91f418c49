"""Command-line interface (typer). Commands are thin wrappers over the library."""
