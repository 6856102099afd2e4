"""The public demos: the app for anyone, over SSH (ssh/) and in a browser tab (web/).

The modules directly in serve/ are the rules both demos keep, whatever carries the terminal:
admission and the front door, capacity, limits, PROXY, health, how a server lives and drains
(lifecycle.Demo), the goodbyes, the options and the one demo driver. They import neither
asyncssh nor aiohttp, and Textual only inside the driver. fork/ holds the session machinery both
use (the warm template and live-fork); ssh/ and web/ each build a server on top, and never import
each other (tests/test_layering.py).
"""
