"""The comparison as a Rich table: topics down, policies across, so the eye reads across a row.

Policy text goes into `rich.text.Text` objects, never through markup parsing, and through `safe`,
so brackets print as brackets and escape characters as visible escapes.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..compare.comparison import ClaimView, Comparison
from ..compare.flags import footnote
from ..policy.formatting import safe
from .claim_text import claim_lines, hanging
from .roll_call import heading, quoted, roll_call


def claim_renderable(view: ClaimView) -> RenderableType:
    """One claim: headline figure, what it counts, flags, derived figures, then who said what."""
    return Group(*(hanging(text) for text in claim_lines(view)))


def roll_call_text(comparison: Comparison) -> Text:
    """Who stands, before the table: everyone, in the published order, one line each."""
    text = Text(heading(comparison) + " " + comparison.order_note + ".\n", style="bold")
    for standing in roll_call(comparison):
        text.append(f"  {standing.name}", style="bold")
        text.append(f" · {standing.party}" if standing.party else "")
        text.append(f": {standing.said}\n")
    return text


def build_table(comparison: Comparison) -> Table:
    table = Table(
        title="hustings: what the candidates promise",
        caption=f"{comparison.order_note}. {footnote()}",
        box=box.SQUARE,
        show_lines=True,
        expand=True,
    )
    table.add_column("Topic", style="bold", ratio=1, min_width=10)
    shown = quoted(comparison)
    for policy in (comparison.policies[at] for at in shown):
        who = policy.policy.who
        header = Text()
        header.append(safe(who.name), style="bold")
        header.append(f"\n{safe(who.party)} · {safe(who.scope)}\n{safe(who.race)}", style="")
        table.add_column(header, ratio=3, vertical="top")
    for row in comparison.rows:
        cells: list[RenderableType] = []
        for cell in (row.cells[at] for at in shown):
            if cell:
                items: list[RenderableType] = []
                for index, view in enumerate(cell):
                    if index:
                        items.append(Text(""))
                    items.append(claim_renderable(view))
                cells.append(Group(*items))
            else:
                cells.append(Text(row.spec.empty, style="italic"))
        table.add_row(Text(row.spec.label), *cells)
    return table


def print_table(comparison: Comparison, console: Console) -> None:
    if not comparison.policies:
        console.print(Text("No policies loaded."))
        return
    console.print(roll_call_text(comparison))
    if quoted(comparison):
        console.print(build_table(comparison))
