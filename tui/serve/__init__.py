"""The public demo's rules, whatever carries the terminal: admission, limits, PROXY, health, logs.

Transport-agnostic on purpose: `serve-ssh` uses these modules and `serve-web` is to reuse the
same ones, so both demos refuse, limit, log and report health by one set of rules. Nothing here
imports asyncssh or Textual.
"""
