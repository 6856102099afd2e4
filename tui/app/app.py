"""The Textual app: loads nothing itself; it is handed a Comparison and shows it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from ..compare import Comparison
from .screens.comparison import ComparisonScreen

HIGH_CONTRAST = Theme(
    name="hustings-high-contrast",
    primary="#ffffff",
    secondary="#ffffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#ffffff",
    warning="#ffff00",
    error="#ffffff",
    success="#ffffff",
    dark=True,
    variables={
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "border": "#ffffff",
        "border-blurred": "#ffffff",
    },
)
# The terminal's own colours: right on light and dark terminals alike, and ANSI colour codes
# are a third the size of truecolor ones, which halves the bytes per key over SSH.
DEFAULT_THEME = "ansi-dark"


class HustingsApp(App[None]):
    """Compare what candidates promise. `demo=True` is the public SSH demo: no files, no URLs."""

    # Absolute, so that subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("hustings.tcss")
    TITLE = "hustings"
    BINDINGS = [Binding("c", "toggle_contrast", "High contrast")]

    def __init__(self, comparison: Comparison, *, demo: bool = False) -> None:
        super().__init__()
        self.comparison = comparison
        self.demo = demo
        self.register_theme(HIGH_CONTRAST)
        self.theme = DEFAULT_THEME

    def get_default_screen(self) -> Screen:
        return ComparisonScreen(self.comparison)

    @property
    def comparison_screen(self) -> ComparisonScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def action_toggle_contrast(self) -> None:
        high = self.theme == HIGH_CONTRAST.name
        self.theme = DEFAULT_THEME if high else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands by name; in demo mode nothing that writes files or suspends."""
        main = self.comparison_screen
        for number, policy in enumerate(self.comparison.policies, start=1):
            verb = "Show" if policy.id in main.state.hidden else "Hide"
            yield SystemCommand(
                f"{verb} {policy.name}",
                f"{verb} this candidate's pane (key {number} in the default order)",
                lambda pid=policy.id: self._toggle_policy(pid),
            )
        yield SystemCommand(
            "Filter topics", "Choose which topic rows to show", main.action_filter_topics
        )
        yield SystemCommand(
            "Problems", "List every problem found loading policies", main.action_problems
        )
        yield SystemCommand("Help", "Keys and what each flag means", main.action_help)
        yield SystemCommand(
            "Alphabetical order", "Order candidates by surname again", main.action_restore_order
        )
        yield SystemCommand(
            "High contrast", "Switch the high-contrast theme on or off", self.action_toggle_contrast
        )
        for command in super().get_system_commands(screen):
            if self.demo and command.title in {"Screenshot", "Maximize", "Minimize"}:
                continue
            yield command

    # -- demo mode: nothing that writes files on the server, opens URLs or suspends ----------

    def _refuse_in_demo(self, what: str) -> bool:
        if self.demo:
            self.notify(f"{what} is not available in the public demo.", severity="warning")
        return self.demo

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if not self._refuse_in_demo("Saving a screenshot"):
            super().action_screenshot(filename, path)

    def save_screenshot(self, filename=None, path=None, time_format=None) -> str:
        if self._refuse_in_demo("Saving a screenshot"):
            return ""
        return super().save_screenshot(filename, path, time_format)

    def deliver_screenshot(self, *args, **kwargs):
        if not self._refuse_in_demo("Saving a screenshot"):
            return super().deliver_screenshot(*args, **kwargs)
        return None

    def deliver_text(self, *args, **kwargs):
        if not self._refuse_in_demo("Saving a file"):
            return super().deliver_text(*args, **kwargs)
        return None

    def deliver_binary(self, *args, **kwargs):
        if not self._refuse_in_demo("Saving a file"):
            return super().deliver_binary(*args, **kwargs)
        return None

    def action_suspend_process(self) -> None:
        if not self._refuse_in_demo("Suspending"):
            super().action_suspend_process()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if not self._refuse_in_demo("Opening links"):
            super().open_url(url, new_tab=new_tab)

    async def _toggle_policy(self, pid: str) -> None:
        main = self.comparison_screen
        await main.action_toggle(main.state.order.index(pid) + 1)
