"""The page's own stylesheet and two fixes no ipywidgets layout can make, as one invisible widget.

- CSS (PAGE_CSS): text colours with enough contrast, a visible keyboard focus, and a layout for
  narrow screens (below 760 px the sidebar stacks above the tabs, tab titles wrap, wide content
  scrolls inside its own box instead of the page).
- Scroll boxes a keyboard can reach: every element marked `rx-scroll` (and DataTables' scrolling
  body) gets tabindex=0, so its content can be scrolled with the arrow keys.
- The page's language: <html lang> follows the language switch, so a screen reader speaks Slovak
  with a Slovak voice.

Shipped in the widget (anywidget puts _css in the page head), so it works in any Voila template.
"""

from __future__ import annotations

import anywidget
import traitlets

NARROW_PX = 760
PAGE_CSS = f"""
.rx-app {{ max-width: 100%; box-sizing: border-box; color: #1a1a1a; }}
.rx-app .widget-label, .rx-app .widget-label-basic, .rx-app .widget-html-content,
.rx-app .widget-inline-hbox .widget-label {{ color: #1a1a1a; }}
.rx-app .jupyter-button {{ color: #1a1a1a; background-color: #e8e8e8; }}
.rx-app .jupyter-button.mod-active, .rx-app .widget-toggle-button.mod-active {{
  color: #ffffff; background-color: #1f4e79; }}
.rx-app .jupyter-button:disabled {{ color: #4a4a4a; opacity: 1; }}
.rx-app a {{ color: #0b5394; }}
.rx-app :focus-visible {{ outline: 3px solid #1f4e79; outline-offset: 1px; }}
.rx-app .rx-stacked {{ flex-direction: column; align-items: stretch; height: auto; }}
.rx-app .rx-stacked > .widget-label {{ width: auto !important; max-width: none; text-align: left;
  font-weight: 700; white-space: normal; line-height: 1.3; height: auto; overflow: visible; }}
.rx-app .rx-stacked > select {{ flex: 0 0 auto; height: var(--jp-widgets-inline-height, 28px);
  width: 100%; }}
.rx-controls .widget-inline-hbox {{ height: auto; min-height: var(--jp-widgets-inline-height, 28px); }}
.rx-controls .widget-inline-hbox:not(.rx-stacked) > .widget-label {{ white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; line-height: 1.25; align-self: center; }}
.rx-controls .widget-inline-hbox > select, .rx-controls .widget-inline-hbox > input {{
  height: var(--jp-widgets-inline-height, 28px); align-self: center; }}
.rx-app .lm-TabBar-tab, .rx-app .lm-TabBar-tab .lm-TabBar-tabLabel {{ color: #1a1a1a !important; }}
.rx-app .lm-TabBar-content {{ flex-wrap: wrap; }}
.rx-app .lm-TabBar-tab {{ flex: 0 0 auto !important; min-width: 0 !important; max-width: none !important; }}
.rx-app .lm-TabBar-tab .lm-TabBar-tabLabel {{ overflow: visible; text-overflow: clip; }}
.rx-app .lm-TabBar, .rx-app .p-TabBar {{ min-height: auto !important; max-height: none !important; }}
.rx-app .widget-tab > .p-TabBar, .rx-app .widget-tab > .lm-TabBar {{ overflow: visible !important; }}
.rx-scroll {{ overflow: auto; max-width: 100%; }}
.rx-map-table .rx-scroll {{ max-height: 420px; }}
.rx-map-table-inner {{ border-collapse: collapse; }}
.rx-map-table-inner th, .rx-map-table-inner td {{
  border: 1px solid #8a8a8a; padding: 2px 8px; text-align: left; }}
.rx-map-table-inner caption {{ text-align: left; font-weight: 600; padding: 4px 0; }}
.rx-app .dataTables_wrapper, .rx-app .dt-container {{ max-width: 100%; overflow-x: auto; }}
.rx-app .dataTables_info, .rx-app .dt-info, .rx-app .dataTables_length,
.rx-app .dataTables_filter, .rx-app .dt-length, .rx-app .dt-search,
.rx-app .dataTables_paginate, .rx-app .dt-paging {{ color: #1a1a1a !important; }}
.rx-app .paginate_button, .rx-app .dt-paging-button {{ color: #1a1a1a !important; }}
.rx-app .paginate_button.disabled, .rx-app .dt-paging-button.disabled {{ color: #4a4a4a !important; }}
@media (max-width: {NARROW_PX}px) {{
  .rx-body {{ flex-direction: column !important; }}
  .rx-body > * {{ width: 100% !important; min-width: 0 !important; max-width: 100% !important; }}
  .rx-controls {{ width: 100% !important; min-width: 0 !important; }}
  .rx-app .widget-hbox {{ flex-wrap: wrap; }}
  .rx-app .widget-hbox > * {{ min-width: 0; max-width: 100%; }}
  .rx-app .lm-TabBar-content {{ flex-wrap: wrap; }}
  .rx-app .lm-TabBar-tab {{ flex: 0 0 auto !important; min-width: 0 !important; max-width: none !important; }}
  .rx-app .lm-TabBar, .rx-app .p-TabBar {{ min-height: auto !important; max-height: none !important; }}
  .rx-app .widget-tab > .p-TabBar, .rx-app .widget-tab > .lm-TabBar {{ overflow: visible !important; }}
  .rx-app .js-plotly-plot, .rx-app .plot-container {{ max-width: 100%; overflow-x: auto; }}
  .rx-app .widget-inline-hbox, .rx-app .widget-text, .rx-app .widget-datepicker,
  .rx-app .widget-dropdown {{ width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important;
    max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); }}
  .rx-app .widget-label {{ max-width: 40% !important; }}
  .rx-app .rx-link, .rx-app .rx-link > * {{ flex-wrap: wrap !important; max-width: 100%; }}
  .rx-app .rx-link-field {{ min-width: 0 !important; }}
}}
"""
_ESM = """
const SCROLLERS = ".rx-scroll, .dataTables_scrollBody, .dt-scroll-body, .rx-wide";
function focusable(root) {
  for (const box of root.querySelectorAll(SCROLLERS)) {
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  }
}
function render({ model, el }) {
  el.style.display = "none";
  const setLang = () => { document.documentElement.lang = model.get("lang"); };
  setLang();
  model.on("change:lang", setLang);
  focusable(document);
  const observer = new MutationObserver(() => focusable(document));
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
export default { render };
"""


class PageAid(anywidget.AnyWidget):
    """Invisible: carries PAGE_CSS, makes scroll boxes focusable, sets <html lang> to `lang`."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    _css = traitlets.Unicode(PAGE_CSS).tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
