"""From files on disk to proven policies: finding and parsing them, the checks, and the proofs of
every quote, figure, field and relation; and claim drafts from an archived article (drafts/)."""
