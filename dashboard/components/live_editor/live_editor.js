// The adjust page's live editor: a group's weight sliders and the chart of what they change, in
// one component, so the chart follows a slider while it moves instead of after a round trip.
//
// While a slider moves, the browser places the personas with the model's own rule (rule.js, fed
// by model/live_rule.py) and redraws the markers' plot in place (Plotly.react), over a plot of
// what a slider never moves (zones, labels, axes), drawn only with the server's. When the slider
// settles (no input for a moment, or the pointer released), the weights go to the server, and
// its numbers, figure and table replace the browser's. If this file cannot compute the rule
// (another version) or its numbers disagree with the server's, the chart simply waits for the
// server: never a wrong position. plotly.js comes from the installed `plotly` package, served by
// Streamlit beside this file (dashboard/live_editor.py), never from a network.

const PLOTLY_URL = new URL("../ccc_spectrum.plotly/plotly.min.js", import.meta.url).href;
const AGREEMENT = 1e-9; // browser and server positions must agree this closely

let plotlyLoading = null;
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error(`plotly.js not found at ${PLOTLY_URL}`));
      document.head.appendChild(script);
    });
  }
  return plotlyLoading;
}

// plotly.js (4.8 MB) is asked for as soon as this module runs, alongside the rule, instead of
// after it: the first chart of a page load comes that much sooner.
loadPlotly().catch(() => {});
const ruleLoading = import("./rule.js");
let rulePositions = null;
let supports = () => false;

// One editor per mount point: Streamlit calls the default export again with each new data, and
// the plot, the inputs and any pending settle survive those calls.
const editors = new WeakMap();

export default async function mount(component) {
  ({ positions: rulePositions, supports } = await ruleLoading);
  const { data, parentElement } = component;
  let editor = editors.get(parentElement);
  if (!editor) {
    editor = new Editor(parentElement);
    editors.set(parentElement, editor);
  }
  editor.connect(component);
  editor.receive(data);
  return () => editor.disconnect();
}

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  if (text !== null) node.textContent = text; // always text: nothing from data runs as HTML
  return node;
}

function digits(step) {
  const text = String(step);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

// The plot below: the figure's layout whole (zones, labels, axes, key), and one trace that
// draws nothing but gives the rows' categories, as the plot above has them.
function underneath(traces) {
  const rows = traces.find((trace) => Array.isArray(trace.y)) || { x: [], y: [] };
  return [{ type: "scatter", mode: "none", x: rows.x, y: rows.y, hoverinfo: "skip", showlegend: false }];
}

// The plot above: the same axes, ranges and plot area as the plot below (its margins are the
// ones the plot below was drawn with), nothing drawn but the traces, on a clear background.
function above(layout, base) {
  const size = base._fullLayout && base._fullLayout._size;
  const out = {
    ...layout,
    annotations: [],
    shapes: [],
    images: [],
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
  };
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) {
      out[key] = {
        ...layout[key],
        showticklabels: false,
        showgrid: false,
        zeroline: false,
        showline: false,
        ticks: "",
        title: { text: "" },
      };
    }
  }
  if (size) out.margin = { l: size.l, r: size.r, t: size.t, b: size.b, autoexpand: false };
  return out;
}

let counter = 0;

class Editor {
  constructor(parent) {
    this.uid = `ccc-live-${(counter += 1)}`;
    this.root = el("div", { class: "ccc-live", "data-live": "on", "data-testid": "cccLiveEditor" });
    parent.appendChild(this.root);
    this.controlsBox = el("div", { class: "ccc-live__controls" });
    this.figure = el("figure", { class: "ccc-live__chart" });
    this.plot = el("div", {
      class: "ccc-live__plot",
      role: "img",
      tabindex: "0",
      "aria-describedby": `${this.uid}-hint`,
    });
    this.hint = el(
      "figcaption",
      { id: `${this.uid}-hint`, class: "ccc-live__hint" },
      "Click a filled marker to open that persona. Or focus the chart: ↑ and ↓ read each " +
        "persona's position, Enter opens it.",
    );
    this.reading = el("p", { class: "ccc-live__reading", "aria-live": "polite" });
    // Two plots, one over the other: below, what a slider never moves (zones, labels, axes),
    // drawn when the server's numbers come; above, the markers and their connectors on a
    // clear background, redrawn on every step. Plotly redraws a whole plot when its data
    // change, and the labels and zones were most of that work (measured: RESULTS.md).
    this.base = el("div", { class: "ccc-live__base", "aria-hidden": "true" });
    this.stack = el("div", { class: "ccc-live__stack" });
    this.stack.append(this.base, this.plot);
    this.figure.append(this.stack, this.hint, this.reading);
    this.root.append(this.controlsBox, this.figure);
    this.inputs = new Map(); // control key → {range, box, control}
    this.layoutKeys = "";
    this.data = null;
    this.local = {}; // what the sliders show, by control key
    this.pending = null; // settle timer
    this.dragging = false;
    this.seq = 0;
    this.focused = -1; // the persona read by keyboard
    this.live = true;
    this.drawn = null; // positions on the plot now
    this.next = null; // the frame waiting to be drawn
    this.running = null;
    this.plot.addEventListener("keydown", (event) => this.onChartKey(event));
    this.plot.addEventListener("blur", () => this.unhover());
  }

  connect(component) {
    this.setStateValue = component.setStateValue;
    this.setTriggerValue = component.setTriggerValue;
  }

  disconnect() {
    // Called before each new data as well as on unmount: only an unmounted editor lets go.
    if (!this.root.isConnected && this.pending) {
      clearTimeout(this.pending);
      this.pending = null;
    }
  }

  busy() {
    return this.pending !== null || this.dragging;
  }

  receive(data) {
    this.data = data;
    const keys = data.controls.map((c) => c.key).join("|");
    if (keys !== this.layoutKeys) {
      this.buildControls(data.controls);
      this.layoutKeys = keys;
    }
    for (const control of data.controls) {
      const found = this.inputs.get(control.key);
      if (found) found.control = control; // labels and tracks follow a range that widened
    }
    this.plot.setAttribute("aria-label", data.alt);
    // The live path is used only when this file implements the model's rule and reproduces
    // the server's own positions for the weights in force.
    const mine = supports(data.rule) ? rulePositions(data.rule, data.values) : null;
    this.live =
      mine !== null &&
      data.traces !== null &&
      mine.every((p, i) => Math.abs(p - data.positions[i]) <= AGREEMENT);
    this.root.dataset.live = this.live ? "on" : "off";
    if (this.busy()) {
      // The user moved on since these numbers were asked for: keep what they are doing, and the
      // next settle brings the server's numbers for it.
      this.redrawLive();
      return;
    }
    for (const control of data.controls) {
      this.local[control.key] = control.value;
      this.showValue(control.key, control.value);
    }
    this.draw(data.figure.data, data.positions, true);
  }

  // --- the controls ---------------------------------------------------------------------------

  buildControls(controls) {
    this.controlsBox.replaceChildren();
    this.inputs.clear();
    this.controlsBox.hidden = controls.length === 0;
    this.root.classList.toggle("ccc-live--chart-only", controls.length === 0);
    controls.forEach((control, index) => {
      const id = `${this.uid}-${index}`;
      const help = `${id}-help`;
      const row = el("div", { class: "ccc-live__control" });
      const label = el("label", { for: id, class: "ccc-live__label" }, control.label);
      const inputs = el("div", { class: "ccc-live__inputs" });
      const range = el("input", {
        type: "range",
        id,
        min: control.low,
        max: control.high,
        step: control.step,
        "aria-describedby": help,
        "data-key": control.key,
      });
      const box = el("input", {
        type: "number",
        class: "ccc-live__exact",
        min: control.min,
        max: control.max,
        step: control.step,
        "aria-label": `${control.label}: exact value`,
        "aria-describedby": help,
        title: control.note,
      });
      inputs.append(range, box);
      const helpText = el("p", { id: help, class: "ccc-live__help" });
      row.append(label, inputs, helpText);
      this.controlsBox.appendChild(row);
      this.inputs.set(control.key, { range, box, control, label, helpText });

      range.addEventListener("input", () => this.moved(control.key, Number(range.value)));
      range.addEventListener("pointerdown", () => {
        this.dragging = true;
      });
      const released = () => {
        if (!this.dragging) return;
        this.dragging = false;
        this.settle(0); // a released pointer has settled
      };
      range.addEventListener("pointerup", released);
      range.addEventListener("pointercancel", released);
      range.addEventListener("lostpointercapture", released);
      box.addEventListener("change", () => this.typed(control.key, box));
      box.addEventListener("keydown", (event) => {
        if (event.key === "Enter") this.typed(control.key, box);
      });
    });
  }

  showValue(key, value) {
    const found = this.inputs.get(key);
    if (!found) return;
    const { range, box, control, label, helpText } = found;
    box.min = String(control.min);
    box.max = String(control.max);
    box.title = control.note;
    range.min = String(Math.min(control.low, value));
    range.max = String(Math.max(control.high, value));
    range.value = String(value);
    const text = value.toFixed(digits(control.step));
    range.setAttribute("aria-valuetext", text);
    if (document.activeElement !== box) box.value = text;
    label.textContent = control.label;
    // The help is the configuration's basis for the weight, which a loaded file may change.
    helpText.textContent = control.help || "";
    helpText.hidden = !control.help;
  }

  moved(key, value) {
    this.local[key] = value;
    this.showValue(key, value);
    this.redrawLive();
    this.settle(this.data.debounce_ms);
  }

  typed(key, box) {
    const { control } = this.inputs.get(key);
    const value = Number(box.value);
    if (box.value === "" || !Number.isFinite(value)) return;
    const kept = Math.min(Math.max(value, control.min), control.max);
    if (kept === this.local[key]) return;
    this.local[key] = kept;
    this.showValue(key, kept);
    this.redrawLive();
    this.settle(0);
  }

  settle(delay) {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = null;
      if (this.dragging || !this.root.isConnected) return;
      this.seq += 1;
      window.__cccLiveSentAt = performance.now(); // read by the dashboard benchmark
      this.setStateValue("weights", { values: { ...this.local }, seq: this.seq });
    }, delay);
  }

  // --- the chart ------------------------------------------------------------------------------

  weights() {
    const rule = this.data.rule;
    const weights = rule.weights.slice();
    for (const control of this.data.controls) {
      const index = rule.factors.indexOf(control.factor);
      if (index >= 0) weights[index] = this.local[control.key];
    }
    return weights;
  }

  redrawLive() {
    if (!this.live) return;
    const now = rulePositions(this.data.rule, this.data.values, this.weights());
    if (now === null) return; // the rule is undefined for these weights: wait for the server
    const traces = this.data.figure.data.map((trace) => ({ ...trace }));
    const { after, line } = this.data.traces;
    traces[after].x = now;
    traces[line].x = now.flatMap((p, i) => [this.data.baseline[i], p, null]);
    this.draw(traces, now);
  }

  draw(traces, positions, whole = false) {
    // Frames are drawn one after another, and only the newest waiting one: a slider moving
    // faster than the plot redraws skips frames instead of queueing them. ``whole``: the
    // server's figure, so the plot below is drawn again too.
    whole = whole || Boolean(this.next && this.next.whole);
    this.next = { traces, positions, whole };
    if (!this.running) this.running = this.flush();
  }

  async flush() {
    try {
      const Plotly = await loadPlotly();
      while (this.next) {
        const { traces, positions, whole } = this.next;
        this.next = null;
        const layout = { ...this.data.figure.layout, autosize: true };
        delete layout.width;
        const config = { ...this.data.config, responsive: true };
        if (whole || !this.base.data) {
          await Plotly.react(this.base, underneath(traces), layout, { ...config, staticPlot: true });
        }
        await Plotly.react(this.plot, traces, above(layout, this.base), config);
        this.drawn = positions;
        if (!this.plot.dataset.bound) {
          this.plot.dataset.bound = "1";
          this.plot.on("plotly_click", (event) => this.clicked(event));
        }
        this.root.dataset.drawn = String((Number(this.root.dataset.drawn) || 0) + 1);
      }
    } catch (error) {
      this.root.dataset.error = String(error);
    } finally {
      this.running = null;
    }
  }

  clicked(event) {
    const point = event.points && event.points[0];
    if (point && this.data.ids.includes(point.y)) this.setTriggerValue("open", point.y);
  }

  onChartKey(event) {
    const count = this.data ? this.data.ids.length : 0;
    if (!count) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.focused = this.focused < 0 ? 0 : (this.focused + step + count) % count;
      this.read(this.focused);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      this.focused = event.key === "Home" ? 0 : count - 1;
      this.read(this.focused);
    } else if (event.key === "Enter" && this.focused >= 0) {
      event.preventDefault();
      this.setTriggerValue("open", this.data.ids[this.focused]);
    } else if (event.key === "Escape") {
      this.unhover();
    }
  }

  read(index) {
    const { ids, labels, baseline } = this.data;
    const now = (this.drawn || this.data.positions)[index];
    this.reading.textContent =
      `${labels[index]} (${ids[index]}): ${baseline[index].toFixed(3)} by default, ` +
      `${now.toFixed(3)} now. Enter opens this persona.`;
    if (window.Plotly && this.data.traces) {
      window.Plotly.Fx.hover(this.plot, [{ curveNumber: this.data.traces.after, pointNumber: index }]);
    }
  }

  unhover() {
    if (window.Plotly && this.plot.data) window.Plotly.Fx.unhover(this.plot);
  }
}
