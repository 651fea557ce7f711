"""The presenter's controls that need the browser: keys and clickers, full screen, screen size.

A presentation clicker sends PageDown/PageUp (some send the arrows), a keyboard has Space,
Home and End; Streamlit has no key bindings, so a small offline component (inline script,
nothing fetched) listens in the page and sends each move to the script as a trigger. It also
reports the window's size, so each screen's charts and type are sized to fit it, and draws
the full-screen button (the browser only allows full screen from a click or a key press).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

KEY = "ipap_presenter"
# Each key a clicker or a keyboard sends, and the move it means.
MOVES = {
    "PageDown": "next",
    "ArrowRight": "next",
    "ArrowDown": "next",
    " ": "next",
    "PageUp": "previous",
    "ArrowLeft": "previous",
    "ArrowUp": "previous",
    "Home": "first",
    "End": "last",
}

_JS = """
export default function (component) {
  const { data, setStateValue, setTriggerValue, parentElement } = component;
  const root = parentElement.querySelector(".ipap-presenter");
  const button = root.querySelector("button");
  const label = () => (document.fullscreenElement ? data.leave_label : data.enter_label);
  const relabel = () => { button.textContent = label(); button.setAttribute("aria-pressed",
    document.fullscreenElement ? "true" : "false"); };
  const toggle = () => {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  };
  button.onclick = toggle;
  relabel();

  // One listener for the page, whichever run drew this copy of the component.
  if (window.__ipapPresenter) { window.__ipapPresenter.stop(); }
  const onKey = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) { return; }
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    if (event.key === "f" || event.key === "F") { event.preventDefault(); toggle(); return; }
    const move = data.moves[event.key];
    if (!move) { return; }
    event.preventDefault();  // no page scroll, no second click on a focused button
    if (!event.repeat || move === "next" || move === "previous") {
      setTriggerValue("move", move);
    }
  };
  const keyUp = (event) => {
    if (event.key === " " && data.moves[" "]) { event.preventDefault(); }
  };
  let timer = null;
  const report = () => {
    const size = { width: window.innerWidth, height: window.innerHeight };
    const known = data.viewport || {};
    if (size.width !== known.width || size.height !== known.height) {
      setStateValue("viewport", size);
    }
  };
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("keyup", keyUp, true);
  document.addEventListener("fullscreenchange", relabel);
  window.addEventListener("resize", onResize);
  window.__ipapPresenter = { stop: () => {
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("keyup", keyUp, true);
    document.removeEventListener("fullscreenchange", relabel);
    window.removeEventListener("resize", onResize);
    clearTimeout(timer);
  } };
  // Once the page has drawn: a state set while the component first mounts starts no run, so
  // a screen opened by its link at 1920×1080 kept the 1280×720 type and a half-height chart
  // until the first key press.
  setTimeout(report, 300);
}
"""

_HTML = '<div class="ipap-presenter"><button type="button" aria-pressed="false"></button></div>'

_presenter = st.components.v2.component(KEY, html=_HTML, js=_JS, isolate_styles=False)


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int


# Until the browser has said, plan for the smallest screen presentation mode supports.
SMALLEST = Viewport(1280, 720)


def _viewport(reported: object) -> Viewport:
    if isinstance(reported, dict):
        width, height = reported.get("width"), reported.get("height")
        if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
            return Viewport(width, height)
    return SMALLEST


def controls(enter_label: str, leave_label: str) -> tuple[Viewport, str | None]:
    """Mount the listener and the full-screen button; the window's size and the move the
    presenter just asked for (next, previous, first, last), if this run is that move."""
    # The size this session last reported (the component's state from earlier runs).
    earlier = st.session_state.get(KEY)
    known = _viewport(earlier.get("viewport") if hasattr(earlier, "get") else None)
    result = _presenter(
        key=KEY,
        data={
            "moves": MOVES,
            "viewport": {"width": known.width, "height": known.height},
            "enter_label": enter_label,
            "leave_label": leave_label,
        },
        default={"viewport": None},
        on_viewport_change=lambda: None,
        on_move_change=lambda: None,
    )
    move = result.get("move")
    return _viewport(result.get("viewport")), move if move in set(MOVES.values()) else None
