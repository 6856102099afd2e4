"""The Textual app: it is handed a Comparison (and the index of races) and shows it.

It is not where files are first read: main.py loads what the app opens on (the one race, or
only the index of several). The app loads a race itself only when a voter opens it from the race
picker, and it reads the voter's settings (keys.toml and theme, config.py) unless it serves the
public demo."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual import events
from textual.app import SystemCommand
from textual.filter import LineFilter, Monochrome, NoColor
from textual.screen import Screen
from textual.theme import Theme

from ..compare.comparison import Comparison
from ..policy.sanitize import safe_line
from ..races.index import Race, RaceIndex
from .commands import BY_ID, COMMANDS, Command, keymap, with_keys
from .cursor import cursor_for, notice_offset
from .palette import HustingsCommands
from .screen_mirror import ScreenMirror
from .screens.base import HustingsScreen
from .screens.comparison import ComparisonScreen
from .terminal_output import CompactUpdate, compact
from .textual_private import DisplayHookApp

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from .screens.overview import OverviewScreen

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
# Textual's own commands that have no place here: "Keys" lists raw bindings (ours are on the
# help screen); the others write files or change the window, refused in the public demo.
HIDDEN_SYSTEM_COMMANDS = frozenset({"Keys", "Quit"})
DEMO_HIDDEN_SYSTEM_COMMANDS = frozenset({"Screenshot", "Maximize", "Minimize"})


def screenshot_folder() -> tuple[Path, str]:
    """Where a screenshot goes: the Downloads folder, or, when there is none, the folder
    hustings was started in (with a note saying why it went there)."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads, ""
    return Path.cwd(), f" (there is no {downloads} folder)"


class HustingsApp(DisplayHookApp):
    """Compare what candidates promise. `demo=True` is a public demo (SSH, web): no files, URLs."""

    # Absolute, so that subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("hustings.tcss")
    TITLE = "hustings"
    # One provider, so the palette lists its entries in one fixed order (two providers race).
    COMMANDS = {HustingsCommands}

    def __init__(
        self,
        comparison: Comparison,
        *,
        demo: bool = False,
        races: RaceIndex | None = None,
        race_name: str = "",
        screen_reader: bool = False,
    ) -> None:
        super().__init__()
        # One candidate at a time, each claim led by the line a screen reader reads at the cursor.
        self.screen_reader = screen_reader
        self.comparison = comparison  # the race on screen (empty while the picker is shown)
        self.races = races  # several races: the app opens on the picker
        self.race_name = race_name
        self.demo = demo
        self.register_theme(HIGH_CONTRAST)
        self.settings_problems: tuple[str, ...] = ()
        keys: dict[str, tuple[str, ...]] = {}
        remembered = None
        if not demo:  # the demo serves strangers: it reads and writes no one's settings
            from .config import load_settings

            settings = load_settings(frozenset(BY_ID))
            keys, remembered, self.settings_problems = (
                settings.keys,
                settings.theme,
                settings.problems,
            )
        self.commands: tuple[Command, ...] = with_keys(COMMANDS, keys)
        self.set_keymap(keymap(self.commands))  # every screen's bindings, at the voter's keys
        if remembered is not None and remembered not in self.available_themes:
            self.settings_problems += (f"unknown theme {remembered!r} in settings; ignored",)
            remembered = None
        # NO_COLOR wins over a remembered theme: a truecolor theme would still send greys
        # (Textual's Monochrome). The file is kept for the sessions with colour.
        self._remembered_theme = DEFAULT_THEME if self.no_color else remembered or DEFAULT_THEME
        self._theme_before_contrast = DEFAULT_THEME  # what a second `c` goes back to
        self._no_color_filter: LineFilter | None = None  # NO_COLOR's, for the theme in use
        self.theme = self._remembered_theme
        self._choose_no_color_filter()
        self._mirror = ScreenMirror()  # what the terminal shows, line by line
        # A notice was just shown and no key has been pressed since: the cursor goes to it.
        self._announcing = False

    def get_default_screen(self) -> Screen:
        if self.has_several_races:
            from .screens.races import RacePickerScreen

            assert self.races is not None
            return RacePickerScreen(self.races)
        return self._race_screen()

    # -- races: the picker at the bottom of the stack, then a race's overview, then panes ---

    @property
    def has_several_races(self) -> bool:
        return self.races is not None and self.races.several

    @property
    def reachable_contexts(self) -> frozenset[str]:
        """The kinds of screen a voter can reach in this app: the race picker only with
        several races, an overview only for a race of more candidates than fit side by side."""
        from .commands import DIALOG, DOCUMENT, MAIN, OVERVIEW, PICKER
        from .state import MAX_SIDE_BY_SIDE

        reachable = {MAIN, DOCUMENT, DIALOG}
        if self.has_several_races:
            assert self.races is not None
            reachable.add(PICKER)
            sizes = (len(r.candidates) + len(r.party_policies) for r in self.races.races)
            if any(size > MAX_SIDE_BY_SIDE for size in sizes):
                reachable.add(OVERVIEW)
        elif len(self.comparison.policies) > MAX_SIDE_BY_SIDE:
            reachable.add(OVERVIEW)
        return frozenset(reachable)

    def _race_screen(self) -> Screen:
        """A race opens on its panes when they fit side by side, else on its overview."""
        from .screens.overview import OverviewScreen
        from .state import MAX_SIDE_BY_SIDE

        if len(self.comparison.policies) > MAX_SIDE_BY_SIDE:
            return OverviewScreen(self.comparison, self.race_name)
        return ComparisonScreen(self.comparison)

    def open_race(self, race: Race) -> None:
        """Load and compare this race alone (no other race's files are read again)."""
        from ..compare.comparison import compare

        assert self.races is not None
        self.comparison = compare(self.races.load(race))
        self.race_name = race.name
        self.push_screen(self._race_screen())

    def back_to_races(self) -> None:
        """r: back to the picker, whatever is open above it."""
        if not self.has_several_races:
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def overview_below(self, screen: Screen) -> OverviewScreen | None:
        """The overview this screen was opened from, if any."""
        from .screens.overview import OverviewScreen

        stack = self.screen_stack
        if screen not in stack:
            return None
        below = stack[: stack.index(screen)]
        return next((s for s in reversed(below) if isinstance(s, OverviewScreen)), None)

    def back_to_overview(self, screen: Screen) -> None:
        """v: back to the race's overview, where the picks are then who was side by side (the
        panes, after any shown or hidden there): Enter sets them side by side again, and a
        change is a Space away."""
        overview = self.overview_below(screen)
        if overview is None:
            return
        stack = self.screen_stack
        above = stack[stack.index(overview) + 1 :]
        panes = next((s for s in above if isinstance(s, ComparisonScreen)), None)
        while self.screen is not overview:
            self.pop_screen()
        if panes is not None:
            overview.pick_only(panes.state.visible)

    def show_side_by_side(self, comparison: Comparison, chosen: frozenset[str]) -> None:
        """The picked candidates in the detailed panes, in the published order."""
        from dataclasses import replace

        from .state import ScreenState

        state = ScreenState.initial(comparison)
        hidden = frozenset(pid for pid in state.order if pid not in chosen)
        self.push_screen(ComparisonScreen(comparison, replace(state, hidden=hidden)))

    def on_mount(self) -> None:
        # Back from a suspend (Ctrl+Z, an editor), the terminal may show anything: forget it
        # when suspending and again on resuming, at once (not queued), so that no frame after
        # the suspend is filtered against the screen before it.
        self.app_suspend_signal.subscribe(self, lambda _app: self._mirror.forget(), immediate=True)
        self.app_resume_signal.subscribe(self, lambda _app: self._after_resume(), immediate=True)
        for problem in self.settings_problems:
            self.notify(problem, severity="warning", timeout=8)
        if self.races is not None:
            self.call_after_refresh(self.races.save_cache)  # after the first frame, not before
        if not self.is_headless:
            self.call_after_refresh(self._freeze_what_start_up_made)

    def _after_resume(self) -> None:
        """Draw the whole screen again: after `kill -TSTP` and `fg` Textual itself repainted
        only what had changed, leaving a blank terminal with one line on it."""
        self._mirror.forget()
        self.screen.refresh()

    @staticmethod
    def _freeze_what_start_up_made() -> None:
        """Move everything start-up built (modules, styles, the comparison) out of the
        collector's reach: it lives as long as the app, and a full collection walking it took
        15-20 ms, the whole budget of a key press. Not in tests (headless), where many apps
        come and go in one process and frozen objects would never be freed."""
        import gc

        gc.freeze()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notice, with the terminal cursor on it until the next key (cursor.py): a
        screen reader reads the cursor's line, and would never hear a notice that it is not on."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        self._announcing = True

    async def on_event(self, event: events.Event) -> None:
        """A key takes the cursor back from a notice to the selection, even a key that changes
        nothing on screen (a frame is what moves the cursor)."""
        if isinstance(event, events.Key) and not event.is_forwarded and self._announcing:
            self._announcing = False
            self.screen.refresh()
        await super().on_event(event)

    def display_update(self, screen: Screen, renderable: RenderableType | None) -> None:
        """Every screen update goes out as `for_terminal` makes it, with the terminal cursor
        on the selection (cursor.py), placed now that the frame's layout and scrolling are
        done. Inline mode keeps Textual's own encoding; headless (tests) writes nothing, so
        encoding there would be wasted; and while Textual batches updates it writes nothing
        either, so nothing is recorded."""
        offset = notice_offset(self.screen) if self._announcing else None
        if offset is None:
            offset = cursor_for(self.screen)
        if offset is not None:
            self.cursor_position = offset
        if self.is_inline or self.is_headless or self.batching_updates:
            self.write_update(screen, renderable)
            return
        update = self.for_terminal(renderable)
        if update is not None:
            self.write_update(screen, update)

    def for_terminal(self, renderable: RenderableType | None) -> RenderableType | None:
        """An update as it is written: only the lines whose cells change (`screen_mirror`),
        encoded compact (`terminal_output`: styles sent when they change, blank runs erased);
        None when it would change nothing on the terminal."""
        update = compact(renderable)
        if isinstance(update, CompactUpdate):
            pieces = self._mirror.changes(update.pieces, self.size, self.cursor_position)
            return None if pieces is None else CompactUpdate(pieces)
        if update is not None:
            self._mirror.forget()  # not ours to follow: write it, and trust no line after
        return update

    # -- colour ------------------------------------------------------------------------------

    def _choose_no_color_filter(self) -> None:
        """NO_COLOR: pick Textual's filter for the theme in use, not the one at start-up.

        Textual chooses it in App.__init__, before our theme is set: Monochrome for a truecolor
        theme, which turns the terminal's default colours (an ANSI theme) into black on black.
        With an ANSI theme the right filter is NoColor: the terminal's own foreground and
        background, which is what NO_COLOR asks for. `get_line_filters` uses it.
        """
        if not self.no_color:
            return
        from .no_color import NoColorKeepingCursor, cursor_backgrounds

        wanted: NoColor | Monochrome = Monochrome()
        if self.native_ansi_color:  # the highlighted line is reversed, as colour cannot show it
            wanted = NoColorKeepingCursor(cursor_backgrounds(self.get_css_variables()))
        self._no_color_filter = wanted

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, with NO_COLOR's chosen for the theme in use (see above)."""
        filters = super().get_line_filters()
        wanted = self._no_color_filter
        if wanted is None:
            return filters
        return [*(f for f in filters if not isinstance(f, NoColor | Monochrome)), wanted]

    def watch_theme(self, theme: str) -> None:
        if not hasattr(self, "_remembered_theme"):
            return  # set by Textual during App.__init__, before ours
        self._choose_no_color_filter()
        if theme != self._remembered_theme and not self.demo:
            from .config import save_theme

            self._remembered_theme = theme
            problem = save_theme(theme)
            if problem:
                self.notify(problem, severity="warning")

    def action_toggle_contrast(self) -> None:
        """c: high contrast, and c again: back to the theme the voter had (gruvbox, say)."""
        if self.theme == HIGH_CONTRAST.name:
            before = self._theme_before_contrast
            self.theme = before if before in self.available_themes else DEFAULT_THEME
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST.name
        state = "on" if self.theme == HIGH_CONTRAST.name else "off"
        self.notify(f"High contrast {state}.", timeout=3)

    async def action_toggle_screen_reader(self) -> None:
        """s: the screen-reader layout on or off, on every screen of the stack, so that a
        visitor to a public demo (who passes no option) can have it too."""
        self.screen_reader = not self.screen_reader
        for screen in self.screen_stack:
            if isinstance(screen, HustingsScreen):
                await screen.reading_changed()
        state = "on: one candidate at a time" if self.screen_reader else "off"
        self.notify(f"Screen-reader layout {state}.")

    # -- documents ---------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(self.commands, self.reachable_contexts))

    def action_go_back(self) -> None:
        """Esc: back to the comparison (named apart from Textual's own async `action_back`)."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    # -- the command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands that fit (Theme, Screenshot), listed by HustingsCommands
        after ours, as plain text like ours (Textual would parse a title as markup)."""
        hidden = HIDDEN_SYSTEM_COMMANDS | (DEMO_HIDDEN_SYSTEM_COMMANDS if self.demo else set())
        for command in super().get_system_commands(screen):
            if command.title not in hidden:
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

    def deliver_screenshot(self, filename=None, path=None, time_format=None):
        """The palette's Screenshot. In a terminal it is saved here and now, and the voter is
        told where, or why not, in one line (Textual's own said only "Failed to save" when
        ~/Downloads did not exist); in a browser tab Textual hands it to the browser."""
        if self._refuse_in_demo("Saving a screenshot"):
            return None
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        folder, note = (Path(path), "") if path else screenshot_folder()
        try:
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as exc:
            why = f"Screenshot not saved: cannot write in {folder} ({exc.strerror or exc})"
            self.notify(safe_line(why), title="Screenshot", severity="error", markup=False)
            return None
        said = safe_line(f"Screenshot saved to {saved}{note}")
        self.notify(said, title="Screenshot", markup=False)
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
