"""A bare Textual app of hustings' shape, the start-up baseline: the same 33 widgets.

A title, a switcher line, three pane headers in a row; five topic labels and five rows of three
cells, each cell one Static holding as many lines of plain text as hustings shows there; a
footer. No data loading and no styling beyond layout.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Static

# claims per (row, pane) in the bundled policies: Hall, Khan, Labour
CLAIMS = [(0, 1, 1), (2, 1, 1), (0, 1, 1), (4, 0, 1), (0, 13, 0)]
CLAIM_TEXT = "figure\nwhat it counts\nflag\nflag\nflag\nsummary of the claim\nspeaker\n\n"


class BareApp(App[None]):
    CSS = """
    .row { height: auto; } .cell { width: 1fr; height: auto; }
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
                        yield Static(CLAIM_TEXT * count or "nothing", classes="cell")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
