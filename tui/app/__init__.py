"""The Textual app: screens, widgets, one command table (bindings, footer, help, palette),
the cursor a screen reader follows, and the voter's own settings. It draws the Comparison it is
handed, loading another race only when a voter opens one; nothing of the data layer imports it."""
