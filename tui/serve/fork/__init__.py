"""Sessions forked from a warm, rendered template: shared by the SSH and the web demo."""
