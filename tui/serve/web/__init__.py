"""`hustings serve-web`: the public demo in a browser tab, on textual-serve's server and protocol.

The rules (admission, limits, demo mode, logs, health) are tui/serve/'s, shared with serve-ssh.
"""
