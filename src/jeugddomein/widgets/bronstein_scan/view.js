// Bronstein self-scan: choose a perspective, rate statements (one at a time or one component at a time), see a
// score per component with a radar chart, a bar chart and a table, read an interpretation, repeat and compare.
// The rules (score, compare, level) are pure functions in rules.js, the same as model.py (golden cases in tests/golden).
import { el, listen, uid } from "../_shared/ui.js";
import {
  UNKNOWN,
  blocksOf,
  compare,
  done,
  formatChange,
  formatScore,
  itemsOf,
  level,
  score,
} from "./rules.js";

/**
 * @typedef Model
 * @property {object} instrument the instrument: scale, perspectives, components, factors, reference
 * @property {string} perspective perspective of the scan in progress ("" = not started)
 * @property {string} context the collaboration the scan in progress is about
 * @property {"vraag"|"component"} mode one statement or one component at a time
 * @property {number} position where the learner is in the scan in progress
 * @property {Record<string, number>} answers item id -> scale point, 0 = "weet ik niet"
 * @property {{label: string, date: string, perspective: string, context: string, version: string,
 *   answers: Record<string, number>}[]} scans completed scans, oldest first
 */

const SVG_NS = "http://www.w3.org/2000/svg";
const COLORS = ["#1f5f8b", "#b35900"];
const LEVEL_WORDS = { laag: "laag", midden: "midden", hoog: "hoog" };

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return day.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

function perspectiveLabel(instrument, id) {
  return instrument.perspectives.find((p) => p.id === id)?.label || id;
}

// ---------------------------------------------------------------------------------------------------------------
// Inline SVG charts, drawn here (no chart library). Text goes in through textContent only.

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function chartFrame(viewBox, title, children, className) {
  const titleId = uid("jd-bs-chart");
  return svg("svg", { viewBox, role: "img", "aria-labelledby": titleId, class: className, focusable: "false" }, [
    svg("title", { id: titleId, text: title }),
    ...children,
  ]);
}

function describe(series) {
  return series
    .map((s) => `${s.name}: ${s.points.map((p) => `${p.short} ${p.score === null ? "niet genoeg antwoorden" : formatScore(p.score)}`).join(", ")}`)
    .join(". ");
}

/** One scan's component scores as a chart series. */
function seriesOf(instrument, name, result) {
  const components = new Set(instrument.components.map((c) => c.id));
  return {
    name,
    points: result.scales.filter((x) => components.has(x.id)).map((x) => ({ short: x.short, score: x.score })),
  };
}

/**
 * Radar chart of the five components. `series`: [{name, points: [{short, score}]}], one or two series; the
 * second is dashed and has square markers so that the two can be told apart without colour.
 */
function radarChart(series, top) {
  const radius = 100;
  const axes = series[0].points.length;
  const angle = (i) => -Math.PI / 2 + (2 * Math.PI * i) / axes;
  const at = (i, value) => [Math.cos(angle(i)) * (radius * value) / top, Math.sin(angle(i)) * (radius * value) / top];
  const parts = [];
  for (let ring = 1; ring <= top; ring += 1) {
    const points = Array.from({ length: axes }, (_, i) => at(i, ring).map((v) => v.toFixed(1)).join(",")).join(" ");
    parts.push(svg("polygon", { points, class: "jd-bs-grid", fill: "none", stroke: "#c9ccd1" }));
    parts.push(svg("text", { x: 3, y: (-radius * ring) / top + 4, class: "jd-bs-tick", "font-size": 11, fill: "#4a4f57", text: String(ring) }));
  }
  series[0].points.forEach((point, i) => {
    const [x, y] = at(i, top);
    parts.push(svg("line", { x1: 0, y1: 0, x2: x.toFixed(1), y2: y.toFixed(1), class: "jd-bs-axis", stroke: "#8a8f98" }));
    const [lx, ly] = at(i, top * 1.13);
    const anchor = Math.abs(lx) < 5 ? "middle" : lx > 0 ? "start" : "end";
    const label = svg("text", { x: lx.toFixed(1), y: (ly + (ly > 5 ? 10 : ly < -5 ? -2 : 4)).toFixed(1), "text-anchor": anchor, class: "jd-bs-label", "font-size": 15, fill: "#1a1a1a" });
    const words = point.short.split(" ");
    words.forEach((word, w) => label.append(svg("tspan", { x: lx.toFixed(1), dy: w === 0 ? 0 : 16, text: word })));
    parts.push(label);
  });
  series.forEach((s, k) => {
    const known = s.points.map((p, i) => (p.score === null ? null : at(i, p.score))).filter(Boolean);
    const dash = k === 1 ? "6 4" : null;
    if (known.length >= 2) {
      parts.push(
        svg("polygon", {
          points: known.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "),
          class: `jd-bs-area jd-bs-series-${k}`,
          stroke: COLORS[k],
          fill: COLORS[k],
          "fill-opacity": 0.18,
          "stroke-width": 2.5,
          "stroke-dasharray": dash,
        }),
      );
    }
    s.points.forEach((p, i) => {
      if (p.score === null) return;
      const [x, y] = at(i, p.score);
      parts.push(
        k === 0
          ? svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4, fill: COLORS[k] })
          : svg("rect", { x: (x - 4).toFixed(1), y: (y - 4).toFixed(1), width: 8, height: 8, fill: COLORS[k] }),
      );
    });
  });
  const title = `Radardiagram van de vijf componenten (schaal 1 tot ${top}). ${describe(series)}.`;
  return chartFrame("-215 -128 430 262", title, parts, "jd-bs-radar");
}

/** Horizontal bar chart (0 to top) with the exact value at every bar; a second series is hatched. */
function barChart(series, top) {
  const labelWidth = 170;
  const width = 260;
  const barHeight = series.length === 1 ? 18 : 14;
  const rowHeight = series.length * barHeight + 14;
  const rows = series[0].points.length;
  const height = rows * rowHeight + 30;
  const patternId = uid("jd-bs-hatch");
  const parts = [
    svg("defs", {}, [
      svg("pattern", { id: patternId, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, [
        svg("rect", { width: 6, height: 6, fill: "#ffffff" }),
        svg("rect", { width: 3, height: 6, fill: COLORS[1] }),
      ]),
    ]),
  ];
  for (let tick = 0; tick <= top; tick += 1) {
    const x = labelWidth + (width * tick) / top;
    parts.push(svg("line", { x1: x, y1: 0, x2: x, y2: rows * rowHeight, class: "jd-bs-grid" }));
    parts.push(svg("text", { x, y: rows * rowHeight + 16, "text-anchor": "middle", class: "jd-bs-tick", text: String(tick) }));
  }
  series[0].points.forEach((point, r) => {
    const top0 = r * rowHeight + 7;
    parts.push(svg("text", { x: labelWidth - 8, y: top0 + (series.length * barHeight) / 2 + 4, "text-anchor": "end", class: "jd-bs-label", text: point.short }));
    series.forEach((s, k) => {
      const p = s.points[r];
      const y = top0 + k * barHeight;
      if (p.score === null) {
        parts.push(svg("text", { x: labelWidth + 4, y: y + barHeight - 4, class: "jd-bs-value", text: "niet genoeg antwoorden" }));
        return;
      }
      const w = (width * p.score) / top;
      parts.push(
        svg("rect", {
          x: labelWidth,
          y,
          width: w.toFixed(1),
          height: barHeight - 2,
          fill: k === 0 ? COLORS[0] : `url(#${patternId})`,
          stroke: COLORS[k],
        }),
      );
      parts.push(svg("text", { x: (labelWidth + w + 4).toFixed(1), y: y + barHeight - 4, class: "jd-bs-value", text: formatScore(p.score) }));
    });
  });
  const title = `Staafdiagram (schaal 0 tot ${top}). ${describe(series)}.`;
  return chartFrame(`0 0 ${labelWidth + width + 50} ${height}`, title, parts, "jd-bs-bars");
}

function legend(series) {
  if (series.length < 2) return null;
  return el(
    "ul",
    { className: "jd-bs-legend" },
    series.map((s, k) =>
      el("li", {}, [
        el("span", { className: `jd-bs-key jd-bs-key-${k}`, "aria-hidden": "true" }),
        `${k === 0 ? "Doorgetrokken lijn, ronde punten, volle staaf" : "Stippellijn, vierkante punten, gearceerde staaf"}: ${s.name}`,
      ]),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The view.

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const instrument = model.get("instrument");
  const items = itemsOf(instrument);
  const blocks = blocksOf(instrument);
  const top = instrument.scale.length;
  const prefix = uid("jd-bs");
  const ui = {
    /** @type {{perspective: string, context: string, mode: Model["mode"], error: string}} */
    start: { perspective: "", context: "", mode: "vraag", error: "" },
    finish: { label: "", date: "" },
    view: null,
    compareA: null,
    compareB: null,
    confirm: "",
  };
  const previous = (model.get("scans") || []).at(-1);
  if (previous) {
    // Repeating is easiest about the same collaboration: start from the last scan's perspective and context.
    ui.start.perspective = previous.perspective;
    ui.start.context = previous.context || "";
  }
  let quiet = false;
  let pending = false;
  const status = el("p", { className: "jd-bs-status", role: "status", "aria-live": "polite" });
  const body = el("div", { className: "jd-bs-body" });
  root.replaceChildren(el("div", { className: "jd-widget-bs" }, [body, status]));

  let sayTimer = null;
  const say = (text) => {
    status.textContent = "";
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => {
      status.textContent = text;
    }, 30);
  };
  /** @returns {Omit<Model, "instrument">} the learner state, with defaults for missing traits */
  const state = () => ({
    perspective: model.get("perspective") || "",
    context: model.get("context") || "",
    mode: model.get("mode") === "component" ? "component" : "vraag",
    position: model.get("position") || 0,
    answers: model.get("answers") || {},
    scans: model.get("scans") || [],
  });

  /**
   * Set learner traits, save, redraw now and focus an element by its data-key.
   * @param {Partial<Model>} changes
   * @param {string} [focusKey]
   */
  function commit(changes, focusKey) {
    quiet = true;
    for (const [key, value] of Object.entries(changes)) model.set(/** @type {keyof Model} */ (key), value);
    model.save_changes();
    quiet = false;
    draw(focusKey);
  }

  /**
   * A region around a table; it can be focused so the keyboard can scroll it should it ever be too wide. On a narrow
   * screen (style.css) each row becomes a block with the column headers beside the values (`data-label`); the roles
   * keep it a table for assistive technology whatever the CSS display.
   */
  function scrollBox(label, ...children) {
    const box = el("div", { className: "jd-bs-scroll", role: "region", "aria-label": label, tabindex: "0" }, children);
    for (const table of box.querySelectorAll("table")) stackable(table);
    return box;
  }

  /** @param {HTMLTableElement} table */
  function stackable(table) {
    table.setAttribute("role", "table");
    for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent || "");
    for (const row of table.querySelectorAll("tr")) {
      row.setAttribute("role", "row");
      [...row.children].forEach((cell, i) => {
        const scope = cell.getAttribute("scope");
        cell.setAttribute("role", scope === "col" ? "columnheader" : scope === "row" ? "rowheader" : "cell");
        if (cell.tagName === "TD") cell.setAttribute("data-label", headers[i] || "");
      });
    }
  }

  function button(text, key, onClick, primary = false, extra = {}) {
    return el("button", { type: "button", className: `jd-button${primary ? " jd-primary" : ""}`, text, "data-key": key, on: { click: onClick }, ...extra });
  }

  // -- the scan in progress ------------------------------------------------------------------------------------

  function startForm(s) {
    const nameP = `${prefix}-persp`;
    const nameM = `${prefix}-mode`;
    const perspectiveRows = instrument.perspectives.map((p) => {
      const id = `${nameP}-${p.id}`;
      return el("div", { className: "jd-bs-choice" }, [
        el("input", { type: "radio", name: nameP, id, value: p.id, checked: ui.start.perspective === p.id, "aria-describedby": `${id}-hint`, "data-key": `persp-${p.id}`, on: { change: () => { ui.start.perspective = p.id; ui.start.error = ""; } } }),
        el("label", { for: id, text: p.label }),
        el("p", { className: "jd-hint", id: `${id}-hint`, text: p.explanation }),
      ]);
    });
    const modes = /** @type {Array<[Model["mode"], string]>} */ ([
      ["vraag", "Eén stelling tegelijk"],
      ["component", "Eén onderdeel tegelijk (alle stellingen van een component op één scherm)"],
    ]).map(([value, text]) =>
      el("div", { className: "jd-bs-choice" }, [
        el("input", { type: "radio", name: nameM, id: `${nameM}-${value}`, value, checked: ui.start.mode === value, "data-key": `mode-${value}`, on: { change: () => { ui.start.mode = value; } } }),
        el("label", { for: `${nameM}-${value}`, text }),
      ]),
    );
    const contextId = `${prefix}-context`;
    const error = el("p", { className: "jd-bs-error", id: `${prefix}-start-error`, text: ui.start.error });
    return el("div", { className: "jd-bs-start" }, [
      el("p", { text: instrument.about }),
      el("fieldset", { "aria-describedby": ui.start.error ? error.id : null }, [
        el("legend", { text: "Vanuit welk perspectief vul je de scan in?" }),
        ...perspectiveRows,
      ]),
      error,
      el("p", { className: "jd-bs-field" }, [
        el("label", { for: contextId, text: "Over welke samenwerking gaat het? (optioneel, maar handig om later te vergelijken)" }),
        el("input", { type: "text", id: contextId, maxlength: "200", value: ui.start.context, "data-key": "context", placeholder: "bijv. stageklas groep 6 met jeugdhulpverlener Jamal", on: { input: (e) => { ui.start.context = e.target.value; } } }),
      ]),
      el("fieldset", {}, [el("legend", { text: "Hoe wil je de stellingen zien?" }), ...modes]),
      el("div", { className: "jd-actions" }, [
        button(s.scans.length ? "Begin een nieuwe scan" : "Begin de scan", "begin", () => {
          if (!ui.start.perspective) {
            ui.start.error = "Kies eerst een perspectief; dan weet je later waarover je deze scan invulde.";
            draw(`persp-${instrument.perspectives[0].id}`);
            say(ui.start.error);
            return;
          }
          commit(
            { perspective: ui.start.perspective, context: ui.start.context.trim().slice(0, 200), mode: ui.start.mode, position: 0, answers: {} },
            "question-first",
          );
          say("De scan is begonnen.");
        }, true),
      ]),
    ]);
  }

  function answerGroup(entry, number, s) {
    const { item } = entry;
    const name = `${prefix}-q-${item.id}`;
    const legendId = `${name}-legend`;
    const current = s.answers[item.id];
    const options = [...instrument.scale.map((p) => [p.value, [el("span", { className: "jd-bs-point", text: String(p.value) }), el("span", { className: "jd-bs-sep", text: " · " }), p.label]]), [UNKNOWN, instrument.unknown_label]];
    return el("fieldset", { className: "jd-bs-item", "data-item": item.id }, [
      el("legend", { id: legendId }, [el("span", { className: "jd-bs-num", text: `Stelling ${number}. ` }), item.text]),
      el(
        "div",
        { className: "jd-bs-options" },
        options.map(([value, text]) => {
          const id = `${name}-${value}`;
          return el("div", { className: `jd-bs-option${value === UNKNOWN ? " jd-bs-unknown" : ""}` }, [
            el("input", {
              type: "radio",
              name,
              id,
              value: String(value),
              checked: current === value,
              "data-key": `ans-${item.id}-${value}`,
              on: {
                change: () => answer(item.id, value),
                keydown: (event) => {
                  if (event.key === "Enter" && s.mode === "vraag") {
                    event.preventDefault();
                    go(1);
                  }
                },
              },
            }),
            el("label", { for: id }, typeof text === "string" ? [text] : text),
          ]);
        }),
      ),
    ]);
  }

  function answer(itemId, value) {
    quiet = true;
    model.set("answers", { ...(model.get("answers") || {}), [itemId]: value });
    model.save_changes();
    quiet = false;
    refreshProgress();
  }

  function limits(s) {
    return s.mode === "vraag" ? items.length : blocks.length;
  }

  function go(step) {
    const s = state();
    const next = Math.min(Math.max(s.position + step, 0), limits(s));
    commit({ position: next }, next === limits(s) ? "finish-heading" : "question-first");
  }

  function switchMode() {
    const s = state();
    if (s.mode === "vraag") {
      const b = s.position >= items.length ? blocks.length : items[s.position].b;
      commit({ mode: "component", position: b }, "switch-mode");
      say("Je ziet nu één onderdeel tegelijk.");
    } else {
      const first = s.position >= blocks.length ? items.length : items.findIndex((entry) => entry.b === s.position);
      commit({ mode: "vraag", position: first }, "switch-mode");
      say("Je ziet nu één stelling tegelijk.");
    }
  }

  let progressText = null;
  let progressBar = null;
  function refreshProgress() {
    if (!progressText) return;
    const s = state();
    const answered = items.filter(({ item }) => s.answers[item.id] !== undefined).length;
    const where =
      s.position >= limits(s)
        ? "Afronden"
        : s.mode === "vraag"
          ? `Stelling ${s.position + 1} van ${items.length}`
          : `Onderdeel ${s.position + 1} van ${blocks.length}`;
    progressText.textContent = `${where} · ${answered} van ${items.length} stellingen beantwoord`;
    progressBar.value = answered;
  }

  function blockHeading(block, kind, index) {
    const what = kind === "component" ? "Component" : "Beïnvloedende factor";
    return el("div", { className: "jd-bs-block-head" }, [
      el("h4", { text: `${what}: ${block.name}` }),
      el("p", { className: "jd-hint", text: `Onderdeel ${index + 1} van ${blocks.length}. ${block.description}` }),
    ]);
  }

  function questionnaire(s) {
    const progressId = `${prefix}-progress`;
    progressText = el("p", { id: progressId, className: "jd-bs-progress-text" });
    progressBar = el("progress", { max: String(items.length), value: "0", "aria-labelledby": progressId });
    const context = s.context ? ` · over: ${s.context}` : "";
    /** @type {HTMLElement[]} */
    const parts = [
      el("p", { className: "jd-bs-meta", text: `Perspectief: ${perspectiveLabel(instrument, s.perspective)}${context}` }),
      el("div", { className: "jd-bs-progress" }, [progressText, progressBar]),
      el("div", { className: "jd-actions jd-bs-tools" }, [
        button(s.mode === "vraag" ? "Toon één onderdeel tegelijk" : "Toon één stelling tegelijk", "switch-mode", switchMode),
        button("Stoppen zonder bewaren…", "stop", () => {
          ui.confirm = "stop";
          draw("stop-no");
        }),
      ]),
    ];
    if (ui.confirm === "stop") {
      parts.push(
        el("div", { className: "jd-notice", role: "group", "aria-label": "Bevestig stoppen" }, [
          el("p", { text: "Wil je deze scan stoppen? Je antwoorden van deze scan gaan verloren; bewaarde scans blijven." }),
          el("div", { className: "jd-actions" }, [
            button("Nee, verder met de scan", "stop-no", () => {
              ui.confirm = "";
              draw("stop");
            }, true),
            button("Ja, stoppen", "stop-yes", () => {
              ui.confirm = "";
              commit({ perspective: "", context: "", position: 0, answers: {} }, "begin");
              say("De scan is gestopt; er is niets bewaard.");
            }),
          ]),
        ]),
      );
    }
    const end = limits(s);
    if (s.position >= end) {
      parts.push(finishPanel(s));
    } else if (s.mode === "vraag") {
      const entry = items[s.position];
      const kind = blocks[entry.b].kind;
      parts.push(blockHeading(entry.block, kind, entry.b));
      parts.push(answerGroup(entry, s.position + 1, s));
      parts.push(el("p", { className: "jd-hint", text: "Tip: kies met de pijltjestoetsen en ga met Enter naar de volgende stelling." }));
      parts.push(
        el("div", { className: "jd-actions" }, [
          button("Vorige stelling", "prev", () => go(-1), false, { disabled: s.position === 0 }),
          button(s.position === items.length - 1 ? "Naar afronden" : "Volgende stelling", "next", () => go(1), true),
        ]),
      );
    } else {
      const { block, kind } = blocks[s.position];
      parts.push(blockHeading(block, kind, s.position));
      for (const entry of items.filter((e) => e.b === s.position)) parts.push(answerGroup(entry, items.indexOf(entry) + 1, s));
      parts.push(
        el("div", { className: "jd-actions" }, [
          button("Vorig onderdeel", "prev", () => go(-1), false, { disabled: s.position === 0 }),
          button(s.position === blocks.length - 1 ? "Naar afronden" : "Volgend onderdeel", "next", () => go(1), true),
        ]),
      );
    }
    return el("div", { className: "jd-bs-questions" }, parts);
  }

  function finishPanel(s) {
    const result = score(instrument, s.answers);
    const open = result.total - result.answered - result.unknown;
    const short = result.scales.filter((x) => !x.enough);
    if (!ui.finish.label) ui.finish.label = `Scan ${s.scans.length + 1}`;
    if (!ui.finish.date) ui.finish.date = today();
    const labelId = `${prefix}-label`;
    const dateId = `${prefix}-date`;
    return el("div", { className: "jd-bs-finish" }, [
      el("h4", { text: "Afronden", tabindex: "-1", "data-key": "finish-heading" }),
      el("p", {
        text: `Je beantwoordde ${result.answered} van de ${result.total} stellingen met een score` +
          `${result.unknown ? `, ${result.unknown} met '${instrument.unknown_label}'` : ""}` +
          `${open ? ` en liet er ${open} open` : ""}.`,
      }),
      short.length
        ? el("p", { className: "jd-notice", text: `Voor ${short.map((x) => x.name).join(", ")} zijn er niet genoeg antwoorden voor een score. Je kunt teruggaan, of toch bewaren: daar staat dan "niet genoeg antwoorden".` })
        : null,
      el("p", { className: "jd-bs-field" }, [
        el("label", { for: labelId, text: "Naam van dit moment (bijv. week 1, na stage)" }),
        el("input", { type: "text", id: labelId, maxlength: "60", value: ui.finish.label, "data-key": "finish-label", on: { input: (e) => { ui.finish.label = e.target.value; } } }),
      ]),
      el("p", { className: "jd-bs-field" }, [
        el("label", { for: dateId, text: "Datum" }),
        el("input", { type: "date", id: dateId, value: ui.finish.date, "data-key": "finish-date", on: { input: (e) => { ui.finish.date = e.target.value; } } }),
      ]),
      el("div", { className: "jd-actions" }, [
        button("Terug naar de stellingen", "back", () => commit({ position: Math.max(limits(s) - 1, 0) }, "question-first")),
        button("Scan bewaren en uitkomst bekijken", "save", save, true),
      ]),
    ]);
  }

  function save() {
    const s = state();
    const label = ui.finish.label.trim().slice(0, 60) || `Scan ${s.scans.length + 1}`;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(ui.finish.date) ? ui.finish.date : today();
    const scan = { label, date, perspective: s.perspective, context: s.context, version: instrument.version, answers: s.answers };
    ui.finish = { label: "", date: "" };
    ui.view = s.scans.length;
    ui.start = { perspective: s.perspective, context: s.context, mode: s.mode, error: "" };
    commit({ scans: [...s.scans, scan], perspective: "", context: "", position: 0, answers: {} }, "result-heading");
    say(`Je scan '${label}' is bewaard. Je uitkomst staat hieronder.`);
  }

  // -- results -------------------------------------------------------------------------------------------------

  function scoreTable(result, caption, kind) {
    const rows = result.scales.filter((x) => x.kind === kind);
    return el("table", { className: "jd-bs-table" }, [
      el("caption", { text: caption }),
      el("thead", {}, [
        el("tr", {}, ["Onderdeel", "Score (1-5)", "Beantwoord", instrument.unknown_label, "Niveau"].map((h) => el("th", { scope: "col", text: h }))),
      ]),
      el(
        "tbody",
        {},
        rows.map((x) =>
          el("tr", {}, [
            el("th", { scope: "row", text: x.name }),
            el("td", { text: x.score === null ? "niet genoeg antwoorden" : formatScore(x.score) }),
            el("td", { text: `${x.n} van ${x.items}` }),
            el("td", { text: String(x.unknown) }),
            el("td", { text: x.level ? LEVEL_WORDS[x.level] : "–" }),
          ]),
        ),
      ),
    ]);
  }

  function sectionLink(block) {
    const title = block.section_title ? `${block.section_title}${block.heading ? ` › ${block.heading}` : ""}` : block.heading || block.name;
    if (!block.section_url) return el("p", { className: "jd-hint", text: `Lees meer in het hoofdstuk Interprofessioneel samenwerken: ${title}.` });
    return el("p", {}, ["Lees meer: ", el("a", { href: block.section_url, text: title })]);
  }

  function interpretation(result) {
    const parts = [];
    for (const x of result.scales.filter((y) => y.kind === "component")) {
      const block = instrument.components.find((c) => c.id === x.id);
      const text = x.level === "laag" ? block.interpretation.low : x.level === "hoog" ? block.interpretation.high : block.interpretation.middle;
      parts.push(
        el("div", { className: "jd-bs-reading" }, [
          el("h5", { text: block.name }),
          x.score === null
            ? el("p", { text: `Niet genoeg antwoorden: je gaf bij ${x.n} van de ${x.items} stellingen een score (nodig: ${x.needed}). Veel '${instrument.unknown_label}' is ook een uitkomst: misschien is dit onderdeel in jullie samenwerking nog niet besproken.` })
            : el("p", {}, [el("strong", { text: `Score ${formatScore(x.score)} (${LEVEL_WORDS[x.level]}). ` }), text]),
          el("p", {}, [el("strong", { text: "Volgende stap: " }), block.interpretation.step]),
          sectionLink(block),
        ]),
      );
    }
    return parts;
  }

  function factorTable(result) {
    const rows = result.scales.filter((x) => x.kind === "factor");
    const reading = (x, block) =>
      x.score === null ? "niet genoeg antwoorden" : x.level === "laag" ? block.interpretation.low : x.level === "hoog" ? block.interpretation.high : block.interpretation.middle;
    return [
      el("table", { className: "jd-bs-table" }, [
        el("caption", { text: "Beïnvloedende factoren: helpen ze of remmen ze?" }),
        el("thead", {}, [el("tr", {}, ["Factor", "Score (1-5)", "Beantwoord", "Wat het zegt"].map((h) => el("th", { scope: "col", text: h })))]),
        el(
          "tbody",
          {},
          rows.map((x) => {
            const block = instrument.factors.find((f) => f.id === x.id);
            return el("tr", {}, [
              el("th", { scope: "row", text: x.name }),
              el("td", { text: x.score === null ? "–" : formatScore(x.score) }),
              el("td", { text: `${x.n} van ${x.items}` }),
              el("td", { text: reading(x, block) }),
            ]);
          }),
        ),
      ]),
      el("details", { className: "jd-bs-steps" }, [
        el("summary", { text: "Een volgende stap per factor", "data-key": "factor-steps" }),
        el(
          "ul",
          {},
          instrument.factors.map((block) => el("li", {}, [el("strong", { text: `${block.name}: ` }), block.interpretation.step])),
        ),
        sectionLink(instrument.factors[0]),
      ]),
    ];
  }

  function referenceBlock(result) {
    const ref = instrument.reference;
    if (!ref) return null;
    const years = [...new Set(instrument.components.flatMap((c) => (c.isjo?.means ? Object.keys(c.isjo.means) : [])))].sort();
    const rows = result.scales
      .filter((x) => x.kind === "component")
      .map((x) => {
        const block = instrument.components.find((c) => c.id === x.id);
        const means = block.isjo?.means || null;
        return el("tr", {}, [
          el("th", { scope: "row", text: block.name }),
          el("td", { text: x.score === null ? "niet genoeg antwoorden" : formatScore(x.score) }),
          ...years.map((year) => el("td", { text: means && year in means ? formatScore(means[year]) : "niet gemeten" })),
          el("td", { text: block.isjo ? block.isjo.reliability : "Geen ISJO-schaal: dit onderdeel is in het onderzoek niet gemeten." }),
        ]);
      });
    return el("details", { className: "jd-bs-reference" }, [
      el("summary", { text: "Ter vergelijking: de leraren uit het Fontys-onderzoek (lees eerst het voorbehoud)", "data-key": "reference" }),
      el("p", { className: "jd-notice", text: ref.caveat }),
      scrollBox("Tabel ter vergelijking met de leraren", el("table", { className: "jd-bs-table" }, [
        el("caption", { text: ref.title }),
        el("thead", {}, [
          el("tr", {}, ["Component", "Jouw score", ...years.map((y) => `Leraren ${y}`), "Betrouwbaarheid van de ISJO-schaal"].map((h) => el("th", { scope: "col", text: h }))),
        ]),
        el("tbody", {}, rows),
      ])),
      el("p", { className: "jd-hint", text: `Bron: ${ref.citation}. Gemiddelden op een schaal van 1 tot 5.` }),
    ]);
  }

  const series = (name, result) => seriesOf(instrument, name, result);

  function results(s) {
    if (!s.scans.length) return null;
    const index = ui.view !== null && ui.view < s.scans.length ? ui.view : s.scans.length - 1;
    const scan = s.scans[index];
    const result = score(instrument, scan.answers);
    const selectId = `${prefix}-view`;
    const context = scan.context ? ` · over: ${scan.context}` : "";
    const versionNote = scan.version && scan.version !== instrument.version
      ? el("p", { className: "jd-notice", text: `Deze scan is gemaakt met versie ${scan.version} van de stellingen; nu is het versie ${instrument.version}. Stellingen die niet meer bestaan, tellen niet mee.` })
      : null;
    const one = [series(scan.label, result)];
    return el("section", { className: "jd-bs-results", "aria-labelledby": `${prefix}-results-h` }, [
      el("h3", { id: `${prefix}-results-h`, text: "Je uitkomsten" }),
      s.scans.length > 1
        ? el("p", { className: "jd-bs-field" }, [
            el("label", { for: selectId, text: "Toon de uitkomst van" }),
            el(
              "select",
              { id: selectId, "data-key": "view", on: { change: (e) => { ui.view = Number(e.target.value); draw("view"); } } },
              s.scans.map((x, i) => el("option", { value: String(i), selected: i === index, text: `${x.label} (${formatDate(x.date)})` })),
            ),
          ])
        : null,
      el("h4", { text: `Uitkomst: ${scan.label} (${formatDate(scan.date)})`, tabindex: "-1", "data-key": "result-heading" }),
      el("p", { className: "jd-bs-meta", text: `Perspectief: ${perspectiveLabel(instrument, scan.perspective)}${context}` }),
      versionNote,
      el("div", { className: "jd-bs-figure" }, [
        el("div", { className: "jd-bs-chart" }, [radarChart(one, top)]),
        el("div", { className: "jd-bs-chart jd-bs-chart-bars" }, [barChart(one, top)]),
      ]),
      scrollBox("Tabel met score per component", scoreTable(result, `Score per component: ${scan.label}`, "component")),
      el("p", { className: "jd-hint", text: `Score = gemiddelde van je antwoorden op een schaal van 1 tot ${top}; omgekeerd geformuleerde stellingen zijn omgedraaid en '${instrument.unknown_label}' telt niet mee. Kijk naar het patroon, niet naar één getal.` }),
      el("h4", { text: "Wat zegt je score?" }),
      ...interpretation(result),
      el("h4", { text: "Beïnvloedende factoren" }),
      scrollBox("Tabel met beïnvloedende factoren", ...factorTable(result)),
      referenceBlock(result),
      ui.confirm === `delete-${index}`
        ? el("div", { className: "jd-notice", role: "group", "aria-label": "Bevestig verwijderen" }, [
            el("p", { text: `Scan '${scan.label}' verwijderen? Dit kun je niet ongedaan maken (tenzij je een export hebt).` }),
            el("div", { className: "jd-actions" }, [
              button("Nee, bewaren", "delete-no", () => { ui.confirm = ""; draw("delete"); }, true),
              button("Ja, verwijderen", "delete-yes", () => {
                ui.confirm = "";
                ui.view = null;
                commit({ scans: s.scans.filter((_, i) => i !== index) }, "begin");
                say(`Scan '${scan.label}' is verwijderd.`);
              }),
            ]),
          ])
        : el("div", { className: "jd-actions" }, [button("Deze scan verwijderen…", "delete", () => { ui.confirm = `delete-${index}`; draw("delete-no"); })]),
    ]);
  }

  function comparison(s) {
    if (s.scans.length < 2) return null;
    const last = s.scans.length - 1;
    const a = ui.compareA !== null && ui.compareA <= last ? ui.compareA : last - 1;
    let b = ui.compareB !== null && ui.compareB <= last ? ui.compareB : last;
    if (b === a) b = a === last ? last - 1 : last; // a scan is never compared with itself
    const first = s.scans[a];
    const second = s.scans[b];
    const rows = compare(instrument, first.answers, second.answers);
    const picker = (key, id, value, other, text) =>
      el("p", { className: "jd-bs-field" }, [
        el("label", { for: id, text }),
        el(
          "select",
          { id, "data-key": key, on: { change: (e) => { ui[key] = Number(e.target.value); draw(key); } } },
          s.scans.map((x, i) => el("option", { value: String(i), selected: i === value, disabled: i === other, text: `${x.label} (${formatDate(x.date)})` })),
        ),
      ]);
    const notes = [];
    if (first.perspective !== second.perspective || (first.context || "") !== (second.context || "")) {
      notes.push(el("p", { className: "jd-notice", text: "Let op: deze twee scans gaan niet over dezelfde samenwerking of zijn vanuit een ander perspectief ingevuld. Vergelijk ze voorzichtig." }));
    }
    const table = el("table", { className: "jd-bs-table" }, [
      el("caption", { text: `Verandering per onderdeel van '${first.label}' naar '${second.label}'` }),
      el("thead", {}, [el("tr", {}, ["Onderdeel", first.label, second.label, "Verandering"].map((h) => el("th", { scope: "col", text: h })))]),
      el(
        "tbody",
        {},
        rows.map((r) =>
          el("tr", { className: r.kind === "factor" ? "jd-bs-factor-row" : null }, [
            el("th", { scope: "row", text: r.kind === "factor" ? `${r.name} (factor)` : r.name }),
            el("td", { text: r.first === null ? "niet genoeg antwoorden" : formatScore(r.first) }),
            el("td", { text: r.second === null ? "niet genoeg antwoorden" : formatScore(r.second) }),
            el("td", { text: formatChange(r.change) }),
          ]),
        ),
      ),
    ]);
    const both = [series(first.label, score(instrument, first.answers)), series(second.label, score(instrument, second.answers))];
    return el("section", { className: "jd-bs-compare", "aria-labelledby": `${prefix}-compare-h` }, [
      el("h3", { id: `${prefix}-compare-h`, text: "Twee momenten vergelijken" }),
      el("div", { className: "jd-bs-pickers" }, [
        picker("compareA", `${prefix}-cmp-a`, a, b, "Eerste moment"),
        picker("compareB", `${prefix}-cmp-b`, b, a, "Tweede moment"),
      ]),
      ...notes,
      scrollBox("Tabel met de verandering per onderdeel", table),
      legend(both),
      el("div", { className: "jd-bs-figure" }, [
        el("div", { className: "jd-bs-chart" }, [radarChart(both, top)]),
        el("div", { className: "jd-bs-chart jd-bs-chart-bars" }, [barChart(both, top)]),
      ]),
      el("p", { className: "jd-hint", text: "Een lagere score bij een tweede meting kan ook groei betekenen: wie meer weet over samenwerken, kijkt vaak kritischer." }),
    ]);
  }

  // -- drawing -------------------------------------------------------------------------------------------------

  function draw(focusKey) {
    const active = root.contains(document.activeElement) ? document.activeElement?.getAttribute("data-key") : null;
    const s = state();
    const scanPart = el("section", { className: "jd-bs-scan", "aria-labelledby": `${prefix}-scan-h` }, [
      el("h3", { id: `${prefix}-scan-h`, text: s.perspective ? "Scan invullen" : s.scans.length ? "De scan herhalen" : "Scan invullen" }),
      s.perspective ? questionnaire(s) : startForm(s),
    ]);
    if (!s.perspective) {
      progressText = null;
      progressBar = null;
    }
    const done = [results(s), comparison(s)].filter(Boolean);
    body.replaceChildren(...(s.perspective || !s.scans.length ? [scanPart, ...done] : [...done, scanPart]));
    refreshProgress();
    const wanted = focusKey || active;
    if (!wanted) return;
    /** @type {HTMLElement | null} */
    let target = null;
    if (wanted === "question-first") {
      const group = body.querySelector(".jd-bs-item");
      target = group ? group.querySelector("input:checked") || group.querySelector("input") : body.querySelector('[data-key="finish-heading"]');
    } else {
      target = body.querySelector(`[data-key="${CSS.escape(wanted)}"]`);
    }
    target?.focus();
  }

  function external() {
    if (quiet || pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      draw();
    });
  }

  const stop = listen(model, {
    "change:answers": external,
    "change:scans": external,
    "change:perspective": external,
    "change:context": external,
    "change:mode": external,
    "change:position": external,
  });
  draw();
  return () => {
    stop();
    clearTimeout(sayTimer);
  };
}

/** The learner's work in words, for the portfolio. */
function summary(config, state) {
  const instrument = config.instrument;
  const scans = state.scans || [];
  const lines = scans.map((scan) => {
    const result = score(instrument, scan.answers || {});
    const parts = result.scales
      .filter((x) => x.kind === "component")
      .map((x) => `${x.short} ${x.score === null ? "niet genoeg antwoorden" : formatScore(x.score)}`);
    const context = scan.context ? `, over: ${scan.context}` : "";
    return `${scan.label} (${formatDate(scan.date)}; ${perspectiveLabel(instrument, scan.perspective)}${context}): ${parts.join(" · ")}`;
  });
  if (state.perspective) {
    const answered = Object.keys(state.answers || {}).length;
    lines.push(`Scan in uitvoering: ${answered} van ${itemsOf(instrument).length} stellingen beantwoord.`);
  }
  if (!lines.length) lines.push("Nog geen scan bewaard.");
  const last = scans[scans.length - 1];
  const figures = last
    ? [{ caption: `Radardiagram: ${last.label} (${formatDate(last.date)})`, svg: new XMLSerializer().serializeToString(radarChart([seriesOf(instrument, last.label, score(instrument, last.answers || {}))], instrument.scale.length)) }]
    : [];
  return { title: instrument.title, lines, figures, done: done(config, state) };
}

export default { render, summary, score, compare, level, formatScore, formatChange };
