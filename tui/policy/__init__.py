"""The policy format and its vocabulary: the typed model, problems as values, safe text, the
starter file."""
