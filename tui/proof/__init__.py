"""From files on disk to proven policies: guarded reads, parsing, checks, and the proofs of every
quote, figure and relation."""
