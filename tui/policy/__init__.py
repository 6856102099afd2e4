"""The policy format and its vocabulary, the bottom layer: the typed model (every closed set),
problems as values with stable codes, safe text, guarded reads, claim references, the starter
file and the starters made from Democracy Club's candidate list. It imports nothing of ours."""
