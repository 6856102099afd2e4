"""Every private name of Textual that hustings uses, and why: the one module that touches them.

Textual is pinned exactly (pyproject.toml); an upgrade is an audit of this module. `NAMES` lists
each name with the shape it is used in; tests/test_framework_canary.py and the session template
(`LiveApp.check_forkable`) check them. Public routes are used wherever Textual has one: keys
through `App.set_keymap`, line filters through `App.get_line_filters`, the visitor's size as an
`events.Resize` posted to the app, the first frame through `Screen.refresh`, the app's context
through a callback on its own queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App

from .private_names import Attribute, Class, Method, PrivateName

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.driver import Driver
    from textual.screen import Screen

__all__ = ["ChopsUpdate", "CompositorUpdate", "LayoutUpdate"]

NAMES = (
    PrivateName("textual.app:App", "_display", Method(("self", "screen", "renderable")),
                "every screen update on its way to the driver: the one place output can be "
                "re-encoded compact (terminal_output.py); the driver's public write() only sees "
                "the finished string. Overridden by `DisplayHookApp`."),
    PrivateName("textual.app:App", "_batch_count", Attribute(("int",)),
                "whether Textual is batching updates (it then writes none, so none may be "
                "recorded as on screen); `App.batch_update` sets it but cannot be asked."),
    PrivateName("textual._compositor", "CompositorUpdate",
                Class((), ("render_segments",)),
                "the base of the update objects `_display` is given; CompactUpdate is one, so "
                "that Textual writes it as its own. No public module has them."),
    PrivateName("textual._compositor", "LayoutUpdate", Class(("strips", "region")),
                "a full-screen update, read (its strips and region) to encode it compact."),
    PrivateName("textual._compositor", "ChopsUpdate",
                Class(("chops", "spans", "chop_ends")),
                "a partial update, read (its chops, spans and chop ends) to encode it compact."),
    PrivateName("textual.screen:Screen", "_layout_required", Attribute(("bool",)),
                "a layout the screen will do at its next timer tick; read by "
                "`update_pending` so that a new screen (and a forked session) is laid out now, "
                "not a tick (16.7 ms) per answer later. Refresh methods only schedule."),
    PrivateName("textual.screen:Screen", "_scroll_required", Attribute(("bool",)),
                "as _layout_required, for a scroll."),
    PrivateName("textual.screen:Screen", "_repaint_required", Attribute(("bool",)),
                "as _layout_required, for a repaint."),
    PrivateName("textual.screen:Screen", "_dirty_widgets", Attribute(("set",)),
                "as _layout_required, for widgets to redraw."),
    PrivateName("textual.screen:Screen", "_on_timer_update", Method(("self",)),
                "what the screen's timer tick does (layout, scroll, paint), done now by "
                "`update_now`; `Pilot.pause` does the same, but only with a wait first."),
    PrivateName("textual.app:App", "_driver", Attribute(("textual.driver:Driver",)),
                "the driver of a running app: a forked session swaps the template's headless "
                "one for its terminal's (`replace_driver`). Textual has no way to attach a "
                "running app to another terminal."),
    PrivateName("textual._xterm_parser", "XTermParser", Class(("debug",), ("feed", "tick")),
                "Textual's key parser, which its own drivers use: the quiet input thread "
                "(serve/fork/quiet_input.py) feeds it as LinuxDriver's thread does."),
    PrivateName("textual.drivers.web_driver:WebDriver", "_input_reader", Attribute(),
                "what the web driver's input thread iterates: replaced by one that sleeps "
                "while nothing is typed. Its thread (run_input_thread) is otherwise built from "
                "private parts (_byte_stream, _on_meta), so overriding it would touch more."),
)  # fmt: skip


class DisplayHookApp(App[None]):
    """An app whose every screen update passes through `display_update` on its way out."""

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        self.display_update(screen, renderable)

    def display_update(self, screen: Screen, renderable: RenderableType | None) -> None:
        """Override to change what is written; `write_update` writes as Textual would."""
        self.write_update(screen, renderable)

    def write_update(self, screen: Screen, renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)

    @property
    def batching_updates(self) -> bool:
        """Whether Textual is batching updates: it writes none until the batch ends."""
        return bool(self._batch_count)


def update_pending(screen: Screen) -> bool:
    """Whether the screen has a layout, scroll, repaint or redraw waiting for its next tick."""
    return bool(screen._layout_required or screen._scroll_required
                or screen._repaint_required or screen._dirty_widgets)  # fmt: skip


def update_now(screen: Screen) -> None:
    """Do now what the screen's next timer tick would do (lay out, scroll, paint)."""
    screen._on_timer_update()


def replace_driver(app: App, driver: Driver) -> Driver | None:
    """Make `driver` the running app's; returns the one it had."""
    old: Driver | None = app._driver
    app._driver = driver
    return old


def key_parser(debug: bool) -> Any:
    """Textual's parser of terminal input (feed it text, tick it for a lone Escape)."""
    from textual._xterm_parser import XTermParser

    return XTermParser(debug)


def replace_input_reader(driver: Any, reader: object) -> None:
    """Give a web driver (before it starts) another source of input for its input thread."""
    driver._input_reader = reader
