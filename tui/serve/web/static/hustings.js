// The page's own script, run after textual.js (textual-serve's, which it does not change).
//
// textual.js makes its xterm.js Terminal inside its window.onload and keeps it to itself. So that
// a screen reader can read the comparison, this script catches that Terminal as it is made (the
// moment textual.js stores it as `.terminal`) and, through xterm.js's public API, before anything
// is drawn: turns on screenReaderMode (the text of every line, in the page's accessibility tree);
// refuses the two add-ons the comparison does not need, the link opener and the clipboard
// writer (OSC 52), by giving them nothing to register with; and lets Tab and Shift+Tab leave the
// terminal, so that the keyboard never gets stuck in it. Focus starts in the terminal.
"use strict";

(() => {
  const refused = new Set();

  const isTerminal = (value) =>
    value !== null && typeof value === "object" && typeof value.open === "function" &&
    typeof value.loadAddon === "function" && typeof value.options === "object";

  const configure = (terminal) => {
    terminal.options.screenReaderMode = true;
    terminal.registerLinkProvider = () => {
      refused.add("links");
      return { dispose() {} };
    };
    const parser = terminal.parser;
    const register = parser.registerOscHandler.bind(parser);
    parser.registerOscHandler = (code, handler) => {
      if (code === 52) {
        refused.add("clipboard");
        return { dispose() {} };
      }
      return register(code, handler);
    };
    terminal.attachCustomKeyEventHandler(
      (event) => !(event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey),
    );
  };

  const catchTerminal = () => {
    Object.defineProperty(Object.prototype, "terminal", {
      configurable: true,
      set(value) {
        Object.defineProperty(this, "terminal", {
          value, writable: true, enumerable: true, configurable: true,
        });
        if (isTerminal(value)) {
          configure(value);
        }
      },
    });
  };

  const focusTerminal = () => {
    const input = document.querySelector("#terminal textarea");
    if (input !== null) {
      input.focus();
    }
  };

  const start = window.onload;
  window.onload = (event) => {
    catchTerminal();
    try {
      if (typeof start === "function") {
        start.call(window, event);
      }
    } finally {
      delete Object.prototype.terminal;
    }
    const element = document.getElementById("terminal");
    element.dataset.refused = [...refused].sort().join(" ");
    document.querySelector(".skip-link").addEventListener("click", (click) => {
      click.preventDefault();
      focusTerminal();
    });
    // The comparison is the page: keys typed on arrival go to it, unless the visitor has
    // already moved focus somewhere (Shift+Tab still reaches the statement and skip link).
    if (document.activeElement === null || document.activeElement === document.body) {
      focusTerminal();
    }
  };
})();
