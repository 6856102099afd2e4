"""A bare Textual app of hustings' shape, the start-up baseline: the same 116 widgets.

A title, a switcher line, three pane headers; five topic rows of three cells holding, as in the
bundled policies, 26 claims (each a container of a one-column mark and a text body) and five
empty cells; a footer. Plain text only: no data loading, no styling beyond layout.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

# claims per (row, pane) in the bundled policies: Hall, Khan, Labour
CLAIMS = [(0, 1, 1), (2, 1, 1), (0, 1, 1), (4, 0, 1), (0, 13, 0)]


class BareApp(App[None]):
    CSS = """
    .row { height: auto; } .cell { width: 1fr; height: auto; }
    .claim { height: auto; } .mark { width: 1; } .body { width: 1fr; height: auto; }
    Static { height: auto; } #body { height: 1fr; } #switcher { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static("BARE-READY title")
        yield Static("switcher", id="switcher")
        with Horizontal(classes="row"):
            for pane in range(3):
                yield Static(f"pane {pane}\nparty\nrace", classes="cell")
        with VerticalScroll(id="body"):
            for row, counts in enumerate(CLAIMS):
                yield Static(f"row {row}")
                with Horizontal(classes="row"):
                    for count in counts:
                        with Vertical(classes="cell"):
                            for claim in range(count):
                                with Horizontal(classes="claim"):
                                    yield Static(" ", classes="mark")
                                    yield Static(
                                        f"claim {claim}\nfigure\nwhat it counts\nflag\nflag\n"
                                        "summary of the claim\nspeaker",
                                        classes="body",
                                    )
                            if not count:
                                yield Static("nothing")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
