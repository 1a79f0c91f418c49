"""Pre-annotation: spaCy pipeline suggestions into the model layer."""
