// Rich picture canvas (Checkland, soft systems methodology): actors, free text, relations, conflict marks,
// thought and worry bubbles, boundaries. Mouse, touch and keyboard; a list view mirrors the canvas for screen
// readers. Several pictures per learner; export JSON, SVG and PNG; import JSON. All text goes in as textContent.
import { el, listen, onCommit, onLeave, uid } from "../_shared/ui.js";
import { PICTOGRAMS } from "./pictograms.js";
import {
  COORD,
  DIRECTION_WORDS,
  ID_PATTERN,
  MAX_ELEMENTS,
  MAX_PICTURES,
  MAX_RELATIONS,
  STYLE_WORDS,
  analyse,
  canonical,
  clone,
  contextsOf,
  done,
  emptyScene,
  freeSpot,
  indexScene,
  migrate,
  nameOf,
  position,
  readScene,
  relativePlace,
  validateScene,
} from "./rules.js";

/**
 * @typedef Scene
 * @property {"jeugddomein-rich-picture"} format
 * @property {2} version
 * @property {string} title
 * @property {object[]} elements actors {id, kind, pictogram, label, x, y}, texts {id, kind, label, x, y},
 *   bubbles {id, kind, variant, label, actor, dx, dy}, boundaries {id, kind, label, x, y, width, height}
 * @property {{id: string, source: string, target: string, label: string, direction: string, style: string,
 *   conflict: boolean}[]} relations
 *
 * @typedef Model
 * @property {string} title
 * @property {string|null} prompt
 * @property {Scene[]} starts
 * @property {number} grid
 * @property {{id: string, scene: Scene}[]} pictures
 * @property {string} active
 * @property {boolean} snap
 * @property {string} author the name on the exports; empty: `learner`
 * @property {string} learner the learner's name as set on "Mijn portfolio" (filled by the host)
 */

const SVG_NS = "http://www.w3.org/2000/svg";
const INK = "#22314f";
const WORRY = "#8a1c1c";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
/** The smallest starting zoom: names (13 px) stay at least about 10 px high on a phone. */
const READABLE = 0.8;
const KIND_TITLES = { actor: "Actor", text: "Tekst", thought: "Gedachte", worry: "Zorg", boundary: "Grens" };

/** Break a label into lines of at most `width` characters (long words are cut). */
function wrapText(text, width) {
  const lines = [];
  for (const paragraph of String(text).split("\n")) {
    let line = "";
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) lines.push(line);
        lines.push(word.slice(0, width));
        word = word.slice(width);
        line = "";
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line || !lines.length) lines.push(line);
  }
  return lines;
}

/** Sizes of an element as drawn: half width, half height and the box centre relative to its position. */
function shapeOf(byId, e) {
  if (e.kind === "actor") {
    const lines = wrapText(nameOf(byId, e.id), 18);
    const widest = Math.max(...lines.map((l) => l.length));
    return { lines, hw: Math.max(28, widest * 3.7 + 4), hh: 26 + lines.length * 8, oy: 2 + lines.length * 8 };
  }
  if (e.kind === "text") {
    const lines = wrapText(e.label || " ", 28);
    const widest = Math.max(...lines.map((l) => l.length));
    return { lines, hw: Math.max(20, widest * 3.8 + 8), hh: lines.length * 9 + 6, oy: 0 };
  }
  if (e.kind === "bubble") {
    const lines = wrapText(e.label || " ", 22);
    const widest = Math.max(...lines.map((l) => l.length));
    return { lines, hw: Math.min(130, Math.max(52, widest * 3.8 + 22)), hh: lines.length * 8.5 + 18, oy: 0 };
  }
  return { lines: wrapText(e.label, 40), hw: e.width / 2, hh: e.height / 2, oy: 0 };
}

function boxOf(byId, e, shapes = null) {
  const p = position(byId, e);
  let s = shapes?.get(e.id);
  if (!s) {
    s = shapeOf(byId, e);
    shapes?.set(e.id, s);
  }
  return { cx: p.x, cy: p.y + s.oy, hw: s.hw, hh: s.hh };
}

/** Where the line from a box's centre towards (tx, ty) leaves the box. */
function exitPoint(box, tx, ty) {
  const dx = tx - box.cx;
  const dy = ty - box.cy;
  if (!dx && !dy) return { x: box.cx, y: box.cy };
  const t = Math.min(dx ? box.hw / Math.abs(dx) : Infinity, dy ? box.hh / Math.abs(dy) : Infinity, 1);
  return { x: box.cx + dx * t, y: box.cy + dy * t };
}

function contentBounds(scene) {
  const byId = indexScene(scene);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const e of scene.elements) {
    const b = boxOf(byId, e);
    minX = Math.min(minX, b.cx - b.hw);
    maxX = Math.max(maxX, b.cx + b.hw);
    minY = Math.min(minY, b.cy - b.hh - (e.kind === "actor" ? 8 : 0));
    maxY = Math.max(maxY, b.cy + b.hh);
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function nextId(scene, prefix) {
  const taken = new Set([...scene.elements.map((e) => e.id), ...scene.relations.map((r) => r.id)]);
  let n = 1;
  for (const id of taken) {
    const m = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
    if (Number.isInteger(m) && m >= n) n = m + 1;
  }
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** One line describing an element, for the list view and the SVG's description. */
function describeElement(scene, byId, e) {
  const kind = KIND_TITLES[e.kind === "bubble" ? e.variant : e.kind];
  let text = `${kind}: ${nameOf(byId, e.id)}`;
  const pictoLabel = e.kind === "actor" ? PICTOGRAMS[e.pictogram]?.label || e.pictogram : "";
  if (pictoLabel && e.label.trim() && e.label.trim() !== pictoLabel) text += ` (${pictoLabel})`;
  if (e.kind === "bubble") text += `, bij ${nameOf(byId, e.actor)}`;
  if (e.kind === "boundary") {
    const inside = scene.elements.filter((x) => x.id !== e.id && contextsOf(scene, x.id, byId).includes(e.id));
    text += inside.length ? `. Binnen deze grens: ${inside.map((x) => nameOf(byId, x.id)).join(", ")}` : ". Nog leeg";
  } else {
    const contexts = contextsOf(scene, e.id, byId);
    if (contexts.length) text += `. In: ${contexts.map((c) => nameOf(byId, c)).join(", ")}`;
  }
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeRelation(byId, r) {
  const arrow = { forward: "→", backward: "←", both: "↔", none: "–" }[r.direction];
  const parts = [STYLE_WORDS[r.style], DIRECTION_WORDS[r.direction]];
  if (r.conflict) parts.push("conflict");
  const label = r.label.trim() ? ` "${r.label.trim()}"` : "";
  return `Relatie: ${nameOf(byId, r.source)} ${arrow} ${nameOf(byId, r.target)}${label} (${parts.join(", ")}).`;
}

function slug(text) {
  const s = String(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || "tekening";
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing: the same functions draw the live canvas and the exported SVG (presentation attributes, no CSS needed).

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function pictogramNode(key, size = 48) {
  const picto = PICTOGRAMS[key] || PICTOGRAMS.persoon;
  const scale = size / 48;
  return svg(
    "g",
    { transform: `translate(${-size / 2} ${-size / 2}) scale(${scale})` },
    (picto?.shapes || []).map(([tag, attrs]) => svg(tag, attrs)),
  );
}

function textLines(lines, { x = 0, y = 0, size = 13, weight = null, anchor = "middle", fill = INK, halo = false }) {
  const node = svg("text", {
    x,
    y,
    "font-size": size,
    "font-family": FONT,
    "font-weight": weight,
    "text-anchor": anchor,
    fill,
    stroke: halo ? "#ffffff" : null,
    "stroke-width": halo ? 4 : null,
    "stroke-linejoin": halo ? "round" : null,
    "paint-order": halo ? "stroke" : null,
  });
  lines.forEach((line, i) => node.append(svg("tspan", { x, dy: i === 0 ? 0 : size * 1.25, text: line })));
  return node;
}

function defsNode(prefix) {
  const arrow = (id) =>
    svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, [
      svg("path", { d: "M0 0L10 5L0 10z", fill: INK }),
    ]);
  const big = (id) =>
    svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 14, markerHeight: 14, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, [
      svg("path", { d: "M0 0L10 5L0 10z", fill: INK }),
    ]);
  return svg("defs", {}, [arrow(`${prefix}-arrow`), big(`${prefix}-arrow-big`)]);
}

function cloudPath(hw, hh, spiky) {
  const steps = spiky ? 18 : 10;
  const points = [];
  for (let i = 0; i < steps; i += 1) {
    const a = (i / steps) * Math.PI * 2;
    points.push([Math.cos(a) * hw, Math.sin(a) * hh]);
  }
  if (spiky) {
    const out = [];
    for (let i = 0; i < steps; i += 1) {
      const a = ((i + 0.5) / steps) * Math.PI * 2;
      out.push(points[i], [Math.cos(a) * (hw + 9), Math.sin(a) * (hh + 9)]);
    }
    return `M${out.map(([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`).join("L")}z`;
  }
  const r = Math.max(hw, hh) * 0.42;
  let d = `M${points[0][0].toFixed(1)} ${points[0][1].toFixed(1)}`;
  for (let i = 1; i <= steps; i += 1) {
    const [x, y] = points[i % steps];
    d += `A${r.toFixed(1)} ${r.toFixed(1)} 0 0 1 ${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return `${d}z`;
}

function haloRect(hw, hh, oy = 0) {
  return svg("rect", { class: "jd-rp-halo", x: -hw - 6, y: oy - hh - 6, width: 2 * hw + 12, height: 2 * hh + 12, rx: 8 });
}

/** The group of one element, translated to its position. */
function buildNode(byId, e, interactive) {
  const s = shapeOf(byId, e);
  const p = e.kind === "boundary" ? { x: e.x, y: e.y } : position(byId, e);
  const g = svg("g", { transform: `translate(${p.x} ${p.y})`, "data-kind": e.kind, "data-id": e.id });
  if (e.kind === "actor") {
    if (interactive) g.append(haloRect(s.hw, s.hh, s.oy));
    g.append(svg("rect", { x: -26, y: -26, width: 52, height: 52, rx: 10, fill: "#ffffff", "fill-opacity": 0.85 }));
    g.append(pictogramNode(e.pictogram));
    g.append(textLines(s.lines, { y: 40, size: 13, weight: 600, halo: true }));
  } else if (e.kind === "text") {
    if (interactive) g.append(haloRect(s.hw, s.hh));
    g.append(svg("rect", { x: -s.hw, y: -s.hh, width: 2 * s.hw, height: 2 * s.hh, rx: 4, fill: "#fffbe6", stroke: "#8a6d00", "stroke-width": 1 }));
    g.append(textLines(s.lines, { y: -s.hh + 17, size: 13 }));
  } else if (e.kind === "bubble") {
    const worry = e.variant === "worry";
    const actor = byId.get(e.actor);
    if (interactive) g.append(haloRect(s.hw + (worry ? 9 : 4), s.hh + (worry ? 9 : 4)));
    if (actor) {
      // Tail towards the actor: small circles for a thought, a wedge for a worry.
      const len = Math.hypot(e.dx, e.dy) || 1;
      const ux = -e.dx / len;
      const uy = -e.dy / len;
      const start = Math.min(s.hw, s.hh) + 4;
      if (worry) {
        const bx = ux * start;
        const by = uy * start;
        const tip = Math.max(start + 8, len - 34);
        g.append(svg("path", { d: `M${bx - uy * 9} ${by + ux * 9}L${ux * tip} ${uy * tip}L${bx + uy * 9} ${by - ux * 9}z`, fill: "#ffffff", stroke: WORRY, "stroke-width": 2 }));
      } else {
        [0, 1, 2].forEach((i) => {
          const d = start + 6 + i * 11;
          if (d < len - 30) g.append(svg("circle", { cx: ux * d, cy: uy * d, r: 5 - i * 1.3, fill: "#ffffff", stroke: INK, "stroke-width": 1.5 }));
        });
      }
    }
    g.append(svg("path", { d: cloudPath(s.hw, s.hh, worry), fill: worry ? "#fff4f4" : "#ffffff", stroke: worry ? WORRY : INK, "stroke-width": 2 }));
    if (worry) {
      g.append(svg("circle", { cx: -s.hw + 2, cy: -s.hh + 2, r: 10, fill: WORRY }));
      g.append(svg("text", { x: -s.hw + 2, y: -s.hh + 7, "text-anchor": "middle", "font-size": 15, "font-weight": 700, "font-family": FONT, fill: "#ffffff", text: "!" }));
    }
    g.append(textLines(s.lines, { y: -((s.lines.length - 1) * 16.25) / 2 + 4.5, size: 13, fill: worry ? WORRY : INK }));
  } else {
    const w = e.width;
    const h = e.height;
    if (interactive) {
      g.append(svg("rect", { class: "jd-rp-halo", x: -4, y: -4, width: w + 8, height: h + 8, rx: 30 }));
      g.append(svg("rect", { class: "jd-rp-hit", x: 0, y: 0, width: w, height: h, rx: 26, fill: "none", stroke: "transparent", "stroke-width": 16 }));
    }
    g.append(svg("rect", { x: 0, y: 0, width: w, height: h, rx: 26, fill: INK, "fill-opacity": 0.035, stroke: INK, "stroke-width": 2.5, "stroke-dasharray": "12 7", "pointer-events": "none" }));
    const label = textLines(s.lines.slice(0, 2), { x: 16, y: 24, size: 14, weight: 700, anchor: "start", halo: true });
    label.setAttribute("class", "jd-rp-boundary-label");
    g.append(label);
    if (interactive) {
      g.append(svg("rect", { class: "jd-rp-resize", "data-handle": "resize", x: w - 9, y: h - 9, width: 18, height: 18, rx: 3, fill: "#ffffff", stroke: INK, "stroke-width": 2 }));
    }
  }
  return g;
}

function zigzag(a, b) {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const steps = Math.max(2, Math.round(len / 10));
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  let d = `M${a.x.toFixed(1)} ${a.y.toFixed(1)}`;
  for (let i = 1; i < steps; i += 1) {
    const t = (i / steps) * len;
    const side = i % 2 ? 5 : -5;
    d += `L${(a.x + ux * t - uy * side).toFixed(1)} ${(a.y + uy * t + ux * side).toFixed(1)}`;
  }
  return `${d}L${b.x.toFixed(1)} ${b.y.toFixed(1)}`;
}

/** Geometry of a relation: clipped end points, the line's path and where the label and conflict mark go. */
function relationGeometry(byId, r, shapes = null) {
  return lineGeometry(r, boxOf(byId, byId.get(r.source), shapes), boxOf(byId, byId.get(r.target), shapes));
}

/** Geometry of a relation between two boxes (the source's and the target's, as `boxOf` gives them). */
function lineGeometry(r, bs, bt) {
  const a = exitPoint(bs, bt.cx, bt.cy);
  const b = exitPoint(bt, bs.cx, bs.cy);
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const nx = -(b.y - a.y) / len;
  const ny = (b.x - a.x) / len;
  const flip = ny > 0 ? -1 : 1; // the label goes above the line
  const d = r.style === "strained" && len > 24 ? zigzag(a, b) : `M${a.x.toFixed(1)} ${a.y.toFixed(1)}L${b.x.toFixed(1)} ${b.y.toFixed(1)}`;
  return { a, b, d, mid, label: { x: mid.x + nx * flip * (r.conflict ? 22 : 12), y: mid.y + ny * flip * (r.conflict ? 22 : 12) + 4 } };
}

function swords() {
  const blade = (x1, y1, x2, y2) => svg("line", { x1, y1, x2, y2, stroke: INK, "stroke-width": 2.6, "stroke-linecap": "round" });
  return svg("g", { class: "jd-rp-conflict" }, [
    svg("title", { text: "Conflict" }),
    svg("circle", { r: 14, fill: "#ffffff", stroke: WORRY, "stroke-width": 2 }),
    blade(-8, -8, 8, 8),
    blade(-8, 8, 8, -8),
    blade(-9, 3, -3, 9),
    blade(3, 9, 9, 3),
  ]);
}

function buildRelation(byId, r, prefix, interactive) {
  const geo = relationGeometry(byId, r);
  const g = svg("g", { "data-kind": "relation", "data-rel": r.id });
  const strong = r.style === "strong";
  const marker = `url(#${prefix}-arrow${strong ? "-big" : ""})`;
  if (interactive) {
    g.append(svg("path", { class: "jd-rp-halo", d: geo.d, fill: "none" }));
    g.append(svg("path", { class: "jd-rp-hit", d: geo.d, fill: "none", stroke: "transparent", "stroke-width": 16 }));
  }
  g.append(
    svg("path", {
      class: "jd-rp-line",
      d: geo.d,
      fill: "none",
      stroke: INK,
      "stroke-width": strong ? 3.5 : r.style === "weak" ? 1.6 : 2,
      "stroke-dasharray": r.style === "weak" ? "7 6" : null,
      "stroke-linejoin": "round",
      "marker-end": r.direction === "forward" || r.direction === "both" ? marker : null,
      "marker-start": r.direction === "backward" || r.direction === "both" ? marker : null,
    }),
  );
  if (r.conflict) {
    const mark = swords();
    mark.setAttribute("transform", `translate(${geo.mid.x} ${geo.mid.y})`);
    g.append(mark);
  }
  if (r.label.trim()) {
    const label = textLines(wrapText(r.label.trim(), 30), { x: geo.label.x, y: geo.label.y, size: 12, halo: true, fill: INK });
    label.setAttribute("class", "jd-rp-rel-label");
    // In a group of its own: a drag shifts the words with one transform, without laying out the text again.
    g.append(svg("g", { class: "jd-rp-rel-label-at" }, [label]));
  }
  return g;
}

/** Draw a whole scene into three layers (boundaries below, relations, then the other elements). */
function drawLayers(scene, layers, prefix, interactive) {
  const byId = indexScene(scene);
  const nodes = new Map();
  const rels = new Map();
  const below = [];
  const above = [];
  for (const e of scene.elements) {
    const g = buildNode(byId, e, interactive);
    nodes.set(e.id, g);
    (e.kind === "boundary" ? below : above).push(g);
  }
  for (const r of scene.relations) {
    if (!byId.has(r.source) || !byId.has(r.target)) continue;
    const g = buildRelation(byId, r, prefix, interactive);
    rels.set(r.id, g);
  }
  layers.boundaries.replaceChildren(...below);
  layers.relations.replaceChildren(...rels.values());
  layers.nodes.replaceChildren(...above);
  return { nodes, rels, byId };
}

/** The legend of an exported picture: one sample of every line, mark and shape, with its Dutch name. */
function legendNode(x, y) {
  const items = [];
  const sample = (i, shape, text) => {
    const col = i % 4;
    const row = Math.floor(i / 4);
    const gx = x + col * 160;
    const gy = y + 22 + row * 30;
    items.push(svg("g", { transform: `translate(${gx} ${gy})` }, [shape, svg("text", { x: 50, y: 4, "font-size": 12, "font-family": FONT, fill: INK, text })]));
  };
  const line = (attrs) => svg("path", { d: "M0 0L40 0", fill: "none", stroke: INK, ...attrs });
  sample(0, line({ "stroke-width": 3.5 }), "sterke relatie");
  sample(1, line({ "stroke-width": 1.6, "stroke-dasharray": "7 6" }), "zwakke relatie");
  sample(2, svg("path", { d: zigzag({ x: 0, y: 0 }, { x: 40, y: 0 }), fill: "none", stroke: INK, "stroke-width": 2 }), "gespannen relatie");
  const mark = swords();
  mark.setAttribute("transform", "translate(20 0) scale(0.7)");
  mark.setAttribute("class", "jd-rp-legend-mark"); // a sample, not a conflict in the picture
  sample(3, mark, "conflict");
  sample(4, svg("path", { d: cloudPath(18, 10, false), transform: "translate(20 0)", fill: "#ffffff", stroke: INK, "stroke-width": 1.5 }), "gedachte");
  sample(5, svg("path", { d: cloudPath(14, 6, true), transform: "translate(20 0)", fill: "#fff4f4", stroke: WORRY, "stroke-width": 1.5 }), "zorg");
  sample(6, svg("rect", { x: 0, y: -9, width: 40, height: 18, rx: 8, fill: "none", stroke: INK, "stroke-width": 2, "stroke-dasharray": "8 5" }), "grens (context)");
  return svg("g", { class: "jd-rp-legend-svg" }, [svg("text", { x, y: y + 2, "font-size": 13, "font-weight": 700, "font-family": FONT, fill: INK, text: "Legenda" }), ...items]);
}

/**
 * The picture as a standalone SVG document (text): its title (and the student's name when given) above, the legend
 * below, and a description of every element for screen readers.
 */
function sceneToSvg(scene, author = "") {
  const bounds = contentBounds(scene);
  const pad = 40;
  const head = author ? 62 : 44;
  const foot = 96;
  const width = Math.ceil(Math.max(bounds.width + 2 * pad, 660));
  const x = Math.floor(bounds.x + bounds.width / 2 - width / 2);
  const y = Math.floor(bounds.y - pad - head);
  const height = Math.ceil(Math.max(bounds.height + 2 * pad, 200) + head + foot);
  const prefix = "rp";
  const byId = indexScene(scene);
  const description = [
    ...scene.elements.map((e) => describeElement(scene, byId, e)),
    ...scene.relations.map((r) => describeRelation(byId, r)),
  ].join(" ");
  const root = svg("svg", {
    viewBox: `${x} ${y} ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-labelledby": "rp-title rp-desc",
    "font-family": FONT,
  });
  root.append(svg("title", { id: "rp-title", text: scene.title }));
  root.append(svg("desc", { id: "rp-desc", text: description || "Een lege tekening." }));
  root.append(defsNode(prefix));
  root.append(svg("rect", { x, y, width, height, fill: "#ffffff" }));
  root.append(svg("text", { x: x + 20, y: y + 30, "font-size": 20, "font-weight": 700, "font-family": FONT, fill: INK, class: "jd-rp-export-title", text: scene.title }));
  if (author) root.append(svg("text", { x: x + 20, y: y + 52, "font-size": 13, "font-family": FONT, fill: INK, class: "jd-rp-export-author", text: `Gemaakt door ${author}` }));
  root.append(legendNode(x + 20, y + height - foot + 14));
  const layers = { boundaries: svg("g"), relations: svg("g"), nodes: svg("g") };
  root.append(layers.boundaries, layers.relations, layers.nodes);
  drawLayers(scene, layers, prefix, false);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

async function svgToPng(svgText, width, height) {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(2, 4096 / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function download(root, blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 4000);
}

// ---------------------------------------------------------------------------------------------------------------
// The widget

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const prefix = uid("jd-rp");
  const grid = model.get("grid") || 20;
  const starts = (model.get("starts") || []).map((s) => readScene(s).scene).filter(Boolean);
  const cleanups = [];

  // --- state ---------------------------------------------------------------------------------------------------
  let unreadable = []; // stored pictures this version cannot read: kept as they are, never dropped
  let pictures = loadPictures();
  let activeId = pictures.some((p) => p.id === model.get("active")) ? model.get("active") : pictures[0].id;
  let scene = clone(pictures.find((p) => p.id === activeId).scene);
  let byId = indexScene(scene);
  const histories = new Map(); // picture id -> {past: string[], future: string[], mergeKey, mergeTime}
  let selection = new Set();
  let view = { x: 0, y: 0, k: 1 };
  let drawn = { nodes: new Map(), rels: new Map() };
  let connectFrom = null; // connect mode: null (off), "" (waiting for the first element) or an element id
  let writing = false;
  const shapes = new Map(); // element id -> drawn size, valid until the next full draw (sizes do not change on moves)

  function loadPictures() {
    const stored = [];
    unreadable = [];
    for (const p of model.get("pictures") || []) {
      const read = readScene(p?.scene);
      if (read.scene && ID_PATTERN.test(p?.id) && !stored.some((s) => s.id === p.id)) {
        stored.push({ id: p.id, scene: read.scene });
      } else unreadable.push({ picture: p, reason: read.problems?.[0] || "ongeldig id" });
    }
    if (stored.length) return stored;
    const first = starts[0] ? clone(starts[0]) : emptyScene(model.get("title") || "Rich picture");
    return [{ id: "p1", scene: first }];
  }

  const history = () => {
    if (!histories.has(activeId)) histories.set(activeId, { past: [], future: [], mergeKey: null, mergeTime: 0 });
    return histories.get(activeId);
  };

  // --- skeleton ------------------------------------------------------------------------------------------------
  const ids = { help: `${prefix}-help`, title: `${prefix}-title`, list: `${prefix}-list` };
  const status = el("p", { className: "jd-rp-status", role: "status", "aria-live": "polite" });
  const announce = (text) => {
    status.textContent = text;
  };

  const pictureSelect = el("select", { id: `${prefix}-pic` });
  const titleInput = el("input", { id: `${prefix}-pictitle`, type: "text", maxLength: 120, autocomplete: "off" });
  const startSelect = el("select", { id: `${prefix}-start` }, [
    el("option", { value: "", text: "een lege tekening" }),
    ...starts.map((s, i) => el("option", { value: String(i), text: `startplaat: ${s.title}` })),
  ]);
  const newButton = button("Nieuwe tekening", () => newPicture());
  const deleteButton = button("Verwijder deze tekening", () => deletePicture());
  let deleteArmed = false;

  // Tools: one compact row above the canvas. Each tool names its key (aria-keyshortcuts; the visible key is hidden
  // from the accessible name, which stays the plain Dutch word).
  const actorButton = button("Actor", () => openActorPicker(), "a");
  actorButton.setAttribute("aria-haspopup", "listbox");
  const textButton = button("Tekst", () => addText(), "t");
  const thoughtButton = button("Gedachte", () => addBubble("thought"), "w");
  const worryButton = button("Zorg", () => addBubble("worry"), "z");
  const boundaryButton = button("Grens", () => addBoundary(), "g");
  const connectButton = button("Verbind", () => toggleConnect(), "c");
  connectButton.setAttribute("aria-pressed", "false");
  const deleteSelButton = button("Verwijder", () => deleteSelection(), "Delete");
  const undoButton = button("Ongedaan maken", () => undo(), "Control+Z");
  const redoButton = button("Opnieuw", () => redo(), "Control+Y");
  const zoomOut = button("−", () => zoomBy(0.8), "-");
  zoomOut.setAttribute("aria-label", "Uitzoomen");
  const zoomIn = button("+", () => zoomBy(1.25), "+");
  zoomIn.setAttribute("aria-label", "Inzoomen");
  const zoomFit = button("Passend", () => fitView(), "0");
  const zoomLabel = el("span", { className: "jd-rp-zoom", "aria-live": "off" });
  const fullButton = button("Tekenmodus", () => toggleFull(), "m");
  fullButton.setAttribute("aria-pressed", "false");
  const helpButton = button("Sneltoetsen", () => toggleHelp(), "?");
  helpButton.setAttribute("aria-expanded", "false");
  const snapBox = el("input", { type: "checkbox", id: `${prefix}-snap` });
  const exportJson = button("Exporteer JSON", () => doExportJson());
  const exportSvg = button("Exporteer SVG", () => doExportSvg());
  const exportPng = button("Exporteer PNG", () => doExportPng());
  const fileInput = el("input", { type: "file", accept: "application/json,.json", className: "jd-rp-file", tabIndex: -1, "aria-hidden": "true" });
  const importButton = button("Importeer JSON", () => fileInput.click());
  const authorInput = el("input", { id: `${prefix}-author`, type: "text", maxLength: 120, autocomplete: "name" });

  const layers = { boundaries: svg("g", { class: "jd-rp-layer" }), relations: svg("g", { class: "jd-rp-layer" }), nodes: svg("g", { class: "jd-rp-layer" }) };
  const sceneGroup = svg("g", { class: "jd-rp-scene" }, [layers.boundaries, layers.relations, layers.nodes]);
  const gridPattern = svg("pattern", { id: `${prefix}-grid`, width: grid, height: grid, patternUnits: "userSpaceOnUse" }, [
    svg("path", { d: `M${grid} 0H0V${grid}`, fill: "none", stroke: "#d5dbe6", "stroke-width": 1 }),
  ]);
  const gridRect = svg("rect", { class: "jd-rp-grid", x: -COORD, y: -COORD, width: 2 * COORD, height: 2 * COORD, fill: `url(#${prefix}-grid)` });
  const band = svg("rect", { class: "jd-rp-band", visibility: "hidden" });
  const defs = defsNode(prefix);
  defs.append(gridPattern);
  const canvas = svg(
    "svg",
    {
      class: "jd-rp-canvas",
      tabindex: 0,
      role: "application",
      "aria-roledescription": "tekenvlak",
      "aria-label": "Tekenvlak van de rich picture",
      "aria-describedby": ids.help,
    },
    [defs, svg("g", { class: "jd-rp-view" }, [gridRect, sceneGroup]), band],
  );
  const viewGroup = canvas.querySelector(".jd-rp-view");
  // While dragging, the moving elements (with the relations between them) sit in an overlay that the compositor
  // shifts as a whole (a CSS transform, nothing painted again); relations with one end moving sit in a second layer
  // and are the only shapes drawn again on each frame.
  const overlayView = svg("g", { class: "jd-rp-view" });
  const overlay = svg("svg", { class: "jd-rp-overlay", "aria-hidden": "true", focusable: "false" }, [overlayView]);
  const crossingView = svg("g", { class: "jd-rp-view" });
  const crossing = svg("svg", { class: "jd-rp-overlay jd-rp-crossing", "aria-hidden": "true", focusable: "false" }, [crossingView]);
  // In-place editing of a name or a relation's words, over the element itself.
  const editor = el("input", { type: "text", className: "jd-rp-label-input jd-rp-inplace", maxLength: 300, autocomplete: "off", hidden: true });
  const stage = el("div", { className: "jd-rp-stage" }, [canvas, crossing, overlay, editor]);
  let lifted = [];
  let liftedFocus = null;

  // Type-ahead picker (pictograms to add, elements to connect to or to go to): a combobox over a listbox.
  const pickerInput = el("input", {
    type: "text",
    id: `${prefix}-pick`,
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "true",
    "aria-controls": `${prefix}-options`,
    autocomplete: "off",
    className: "jd-rp-search",
  });
  const pickerLabel = el("label", { for: pickerInput.id });
  const pickerList = el("ul", { id: `${prefix}-options`, role: "listbox", className: "jd-rp-options", "aria-labelledby": `${prefix}-pick-label` });
  pickerLabel.id = `${prefix}-pick-label`;
  const picker = el("div", { className: "jd-rp-picker", hidden: true }, [
    pickerLabel,
    pickerInput,
    el("p", { className: "jd-hint", text: "Typ om te zoeken · pijltjes om te kiezen · Enter om toe te voegen · Esc om te sluiten" }),
    pickerList,
  ]);

  // Properties of the selection, beside the canvas (under it on a narrow screen, as a sheet at the bottom).
  const props = el("div", { className: "jd-rp-props-body" });
  const propsBox = el("fieldset", { className: "jd-rp-props" }, [el("legend", { text: "Eigenschappen van de selectie" }), props]);

  // The shortcuts, shown with `?` or the button; the same list as the page's table.
  const SHORTCUTS = [
    ["A", "actor toevoegen: typ een deel van het pictogram (bijv. ouder) en druk op Enter, typ dan de naam"],
    ["T, W, Z, G", "tekst, gedachtewolk, zorgwolk of grens toevoegen (een wolk bij de actor waar je staat; een grens om de selectie)"],
    ["C", "verbinden: vanaf het element waar je staat naar een element dat je kiest door te typen"],
    ["F", "ga naar een element: typ een deel van de naam"],
    ["Enter, F2 of dubbelklik", "naam of tekst bewerken; Enter bewaart, Esc breekt af"],
    ["Spatie / Shift+Spatie", "alleen dit element selecteren / aan de selectie toevoegen of eraf halen"],
    ["Pijltjes (Shift: grote stap)", "het element of de selectie verplaatsen; Alt+pijltjes maakt een grens groter of kleiner"],
    ["S, R, X", "bij een relatie: soort (sterk, zwak, gespannen), richting en conflict wisselen"],
    ["Tab", "naar het volgende element"],
    ["Delete", "de selectie verwijderen"],
    ["Esc", "terug naar het tekenvlak; op het tekenvlak: selectie opheffen of verbinden stoppen"],
    ["P", "naar de eigenschappen van de selectie"],
    ["M", "tekenmodus: het tekenvlak op het hele scherm"],
    ["Ctrl+Z / Ctrl+Y, Ctrl+A", "ongedaan maken / opnieuw, alles selecteren"],
    ["+, - en 0", "in- en uitzoomen, passend maken"],
    ["?", "deze hulp tonen of verbergen"],
  ];
  const help = el("section", { className: "jd-rp-keys", id: `${prefix}-keys`, hidden: true, "aria-labelledby": `${prefix}-keys-h` }, [
    el("h4", { id: `${prefix}-keys-h`, text: "Sneltoetsen" }),
    el("dl", {}, SHORTCUTS.flatMap(([keys, what]) => [el("dt", { text: keys }), el("dd", { text: what })])),
  ]);
  helpButton.setAttribute("aria-controls", help.id);

  // List view
  const listElements = el("ul", { className: "jd-rp-items" });
  const listRelations = el("ul", { className: "jd-rp-items" });
  const elementsHeading = el("h4", {});
  const relationsHeading = el("h4", {});
  const analysisBox = el("div", { className: "jd-rp-analysis" });
  const listView = el("section", { className: "jd-rp-list", "aria-labelledby": ids.list }, [
    el("h4", { id: ids.list, text: "Lijstweergave: alles wat op het tekenvlak staat" }),
    el("p", {
      className: "jd-hint",
      text: "Deze lijst toont hetzelfde als het tekenvlak. Vink elementen of relaties aan om ze te selecteren; " +
        "bewerk ze daarna bij 'Eigenschappen van de selectie'.",
    }),
    elementsHeading,
    listElements,
    relationsHeading,
    listRelations,
    el("h4", { text: "Analyse" }),
    analysisBox,
  ]);

  const group = (label, children, className = "") =>
    el("div", { className: `jd-rp-group ${className}`, role: "group", "aria-label": label }, children);

  const toolbar = el("div", { className: "jd-rp-toolbar" }, [
    group("Toevoegen", [actorButton, textButton, thoughtButton, worryButton, boundaryButton]),
    group("Bewerken", [connectButton, deleteSelButton, undoButton, redoButton]),
    group("Beeld", [zoomOut, zoomIn, zoomFit, zoomLabel, fullButton, helpButton]),
  ]);
  const work = el("div", { className: "jd-rp-work" }, [
    toolbar,
    help,
    status,
    el("div", { className: "jd-rp-main" }, [el("div", { className: "jd-rp-canvas-area" }, [stage, picker]), propsBox]),
  ]);

  const prompt = model.get("prompt");
  root.replaceChildren(
    el("div", { className: "jd-widget-rp" }, [
      el("h3", { id: ids.title, className: "jd-rp-title", text: model.get("title") || "Rich picture" }),
      prompt ? el("p", { className: "jd-rp-prompt", text: prompt }) : null,
      el("div", { className: "jd-rp-pictures", role: "group", "aria-label": "Mijn tekeningen" }, [
        el("label", { for: pictureSelect.id, text: "Tekening" }),
        pictureSelect,
        el("label", { for: titleInput.id, text: "Titel" }),
        titleInput,
        el("label", { for: startSelect.id, text: "Nieuw, begin met" }),
        startSelect,
        newButton,
        deleteButton,
      ]),
      el("p", { id: ids.help, className: "jd-hint jd-rp-help", text:
        "Kies een gereedschap boven het tekenvlak; wat je selecteert, bewerk je ernaast. Dubbelklik of Enter: naam " +
        "bewerken. Druk op ? voor alle sneltoetsen. Op een telefoon scrol je met één vinger langs het tekenvlak; " +
        "tekenen doe je in de tekenmodus." }),
      work,
      el("p", { className: "jd-rp-legend", "aria-hidden": "true", text:
        "Lijnen: dik = sterke relatie · gestreept = zwakke relatie · zigzag = gespannen relatie · ⚔ = conflict · " +
        "wolk = gedachte · gekartelde wolk met ! = zorg · stippellijn met ronde hoeken = grens." }),
      group("Bestand", [
        el("span", { className: "jd-rp-check" }, [snapBox, el("label", { for: snapBox.id, text: "Uitlijnen op raster" })]),
        el("label", { for: authorInput.id, text: "Naam op de export" }),
        authorInput,
        exportJson,
        exportSvg,
        exportPng,
        importButton,
        fileInput,
      ], "jd-rp-files"),
      listView,
    ]),
  );

  function button(text, onClick, shortcut = null) {
    const b = el("button", { type: "button", className: "jd-button", text, "aria-keyshortcuts": shortcut, on: { click: onClick } });
    if (shortcut && /^[a-z?]$/.test(shortcut)) b.append(el("kbd", { "aria-hidden": "true", text: shortcut.toUpperCase() }));
    return b;
  }

  // --- persistence and history ---------------------------------------------------------------------------------
  function persist() {
    pictures = pictures.map((p) => (p.id === activeId ? { id: p.id, scene: clone(scene) } : p));
    writing = true;
    model.set("pictures", [...clone(pictures), ...unreadable.map((u) => u.picture)]);
    model.set("active", activeId);
    model.save_changes();
    writing = false;
  }

  /** Record a change made since `before` (a JSON text of the scene); `merge` joins repeated key moves. */
  function commitFrom(before, message, { redraw = true, merge = null } = {}) {
    const after = JSON.stringify(scene);
    if (before === after) return false;
    const h = history();
    const now = Date.now();
    if (!(merge && h.mergeKey === merge && now - h.mergeTime < 1200)) {
      h.past.push(before);
      if (h.past.length > 200) h.past.shift();
    }
    h.mergeKey = merge;
    h.mergeTime = now;
    h.future = [];
    byId = indexScene(scene);
    persist();
    if (redraw) draw();
    else scheduleList();
    updateButtons();
    if (message) announce(message);
    return true;
  }

  function change(message, mutate, options) {
    const before = JSON.stringify(scene);
    mutate();
    return commitFrom(before, message, options);
  }

  function undo() {
    const h = history();
    if (!h.past.length) return announce("Er is niets om ongedaan te maken.");
    h.future.push(JSON.stringify(scene));
    scene = JSON.parse(h.past.pop());
    h.mergeKey = null;
    afterJump("Ongedaan gemaakt.");
  }

  function redo() {
    const h = history();
    if (!h.future.length) return announce("Er is niets om opnieuw te doen.");
    h.past.push(JSON.stringify(scene));
    scene = JSON.parse(h.future.pop());
    h.mergeKey = null;
    afterJump("Opnieuw gedaan.");
  }

  function afterJump(message) {
    byId = indexScene(scene);
    selection = new Set([...selection].filter((id) => byId.has(id) || scene.relations.some((r) => r.id === id)));
    persist();
    draw();
    announce(message);
  }

  // --- drawing -------------------------------------------------------------------------------------------------
  function draw() {
    shapes.clear();
    const focused = canvas.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    byId = indexScene(scene);
    drawn = drawLayers(scene, layers, prefix, true);
    for (const [id, g] of drawn.nodes) decorate(g, id, describeElement(scene, byId, byId.get(id)));
    for (const r of scene.relations) {
      const g = drawn.rels.get(r.id);
      if (g) decorate(g, r.id, describeRelation(byId, r));
    }
    showSelection();
    drawList();
    drawPictures();
    updateButtons();
    if (focused) (drawn.nodes.get(focused) || drawn.rels.get(focused) || canvas).focus({ preventScroll: true });
  }

  function decorate(g, id, label) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", label);
    g.classList.add("jd-rp-item");
  }

  const focusKey = (node) => {
    const item = node?.closest?.("[data-id],[data-rel]");
    return item ? item.getAttribute("data-id") || item.getAttribute("data-rel") : null;
  };

  function showSelection() {
    for (const [id, g] of [...drawn.nodes, ...drawn.rels]) {
      const on = selection.has(id);
      g.classList.toggle("jd-rp-selected", on);
      g.setAttribute("aria-pressed", String(on));
    }
    for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll(".jd-rp-items input[type=checkbox]"))) {
      box.checked = selection.has(box.value);
    }
    drawProps();
    updateButtons();
  }

  function applyView() {
    const transform = `translate(${view.x} ${view.y}) scale(${view.k})`;
    viewGroup.setAttribute("transform", transform);
    overlayView.setAttribute("transform", transform);
    crossingView.setAttribute("transform", transform);
    zoomLabel.textContent = `${Math.round(view.k * 100)}%`;
  }

  function stageSize() {
    const rect = canvas.getBoundingClientRect();
    return { width: rect.width || 800, height: rect.height || 520, left: rect.left, top: rect.top };
  }

  function toScene(clientX, clientY) {
    const s = stageSize();
    return { x: (clientX - s.left - view.x) / view.k, y: (clientY - s.top - view.y) / view.k };
  }

  function zoomBy(factor, cx = null, cy = null) {
    const s = stageSize();
    const px = cx ?? s.width / 2;
    const py = cy ?? s.height / 2;
    const k = Math.min(4, Math.max(0.2, view.k * factor));
    view = { x: px - ((px - view.x) / view.k) * k, y: py - ((py - view.y) / view.k) * k, k };
    applyView();
  }

  /**
   * Show the whole picture; `readable` keeps the names readable on a phone (at least READABLE zoom: the middle of the
   * picture shows at a size one can read, and "Passend" shows all of it).
   */
  function fitView(readable = false) {
    const s = stageSize();
    const b = contentBounds(scene);
    if (!b.width && !b.height) {
      view = { x: s.width / 2, y: s.height / 2, k: 1 };
    } else {
      const fit = Math.min((s.width - 60) / b.width, (s.height - 60) / b.height);
      const k = Math.min(1.5, Math.max(readable && window.innerWidth < 600 ? READABLE : 0.2, fit));
      view = { x: s.width / 2 - (b.x + b.width / 2) * k, y: s.height / 2 - (b.y + b.height / 2) * k, k };
    }
    applyView();
  }

  /** Pan just enough to show an element (keyboard users must see what they move or reach with Tab). */
  function ensureVisible(id) {
    const e = byId.get(id);
    if (!e) return;
    const b = boxOf(byId, e, shapes);
    const s = stageSize();
    const margin = 24;
    const left = (b.cx - b.hw) * view.k + view.x;
    const right = (b.cx + b.hw) * view.k + view.x;
    const top = (b.cy - b.hh - 10) * view.k + view.y;
    const bottom = (b.cy + b.hh) * view.k + view.y;
    let dx = right > s.width - margin ? s.width - margin - right : 0;
    let dy = bottom > s.height - margin ? s.height - margin - bottom : 0;
    if (left + dx < margin) dx = margin - left;
    if (top + dy < margin) dy = margin - top;
    if (dx || dy) {
      view = { ...view, x: view.x + dx, y: view.y + dy };
      applyView();
    }
  }

  function viewCentre() {
    const s = stageSize();
    return { x: Math.round((s.width / 2 - view.x) / view.k), y: Math.round((s.height / 2 - view.y) / view.k) };
  }

  /** The element the learner works on: the focused one on the canvas, else the last selected, else none. */
  function workingOn() {
    const focused = focusKey(document.activeElement) || lastItem;
    if (focused && byId.has(focused)) return focused;
    return [...selection].reverse().find((id) => byId.has(id)) || null;
  }

  /** Drawn boxes {x, y, w, h} of the elements (boundaries only when `withBoundaries`), for placing new ones. */
  function obstacles(withBoundaries, except = null) {
    const boxes = [];
    for (const e of scene.elements) {
      if (e.id === except || (e.kind === "boundary" && !withBoundaries)) continue;
      if (e.kind === "boundary") {
        boxes.push({ x: e.x, y: e.y, w: e.width, h: e.height });
        continue;
      }
      const b = boxOf(byId, e, shapes);
      const top = e.kind === "actor" ? 10 : 0;
      boxes.push({ x: b.cx - b.hw, y: b.cy - b.hh - top, w: 2 * b.hw, h: 2 * b.hh + top });
    }
    return boxes;
  }

  /** Where a new element of the given size goes: in free space beside the element worked on (or mid-view). */
  function placeFor(size, { withBoundaries = false, near = null } = {}) {
    const ref = workingOn();
    const start = near || (ref ? position(byId, byId.get(ref)) : viewCentre());
    const spot = freeSpot(obstacles(withBoundaries), size, start, { gap: 18, step: 45 });
    return { x: snapValue(spot.x), y: snapValue(spot.y) };
  }

  // --- list view, properties, pictures bar ---------------------------------------------------------------------
  let listTimer = null;
  function scheduleList() {
    clearTimeout(listTimer);
    listTimer = setTimeout(() => {
      drawList();
      for (const e of scene.elements) drawn.nodes.get(e.id)?.setAttribute("aria-label", describeElement(scene, byId, e));
    }, 150);
  }

  function listItem(id, text) {
    const box = el("input", { type: "checkbox", id: `${prefix}-li-${id}`, value: id, checked: selection.has(id) });
    box.addEventListener("change", () => {
      if (box.checked) selection.add(id);
      else selection.delete(id);
      showSelection();
      announce(`${selection.size} geselecteerd.`);
    });
    return el("li", {}, [box, el("label", { for: box.id, text })]);
  }

  function drawList() {
    clearTimeout(listTimer);
    const active = /** @type {(Element & {value?: string}) | null} */ (document.activeElement);
    const refocus = listView.contains(active) && active.value ? active.value : null;
    elementsHeading.textContent = `Elementen (${scene.elements.length})`;
    relationsHeading.textContent = `Relaties (${scene.relations.length})`;
    listElements.replaceChildren(...scene.elements.map((e) => listItem(e.id, describeElement(scene, byId, e))));
    listRelations.replaceChildren(...scene.relations.map((r) => listItem(r.id, describeRelation(byId, r))));
    if (!scene.elements.length) listElements.append(el("li", { text: "Nog niets getekend." }));
    if (!scene.relations.length) listRelations.append(el("li", { text: "Nog geen relaties." }));
    const result = analyse(scene);
    const lines = [];
    const kids = Object.keys(result.childLinks);
    if (!kids.length) lines.push("Er staat nog geen kind (pictogram 'Kind of jeugdige') in de tekening.");
    for (const kid of kids) {
      const others = result.childLinks[kid].map((id) => nameOf(byId, id));
      lines.push(`Direct verbonden met ${nameOf(byId, kid)}: ${others.length ? others.join(", ") : "nog niemand"}.`);
    }
    const strained = result.strained.map((id) => scene.relations.find((r) => r.id === id)).map((r) => `${nameOf(byId, r.source)} – ${nameOf(byId, r.target)}`);
    lines.push(`Gespannen relaties en conflicten (${strained.length}): ${strained.length ? strained.join("; ") : "geen"}.`);
    const contexts = Object.entries(result.contexts).filter(([key]) => key).map(([key, actors]) => `${nameOf(byId, key)}: ${actors.map((a) => nameOf(byId, a)).join(", ")}`);
    if (contexts.length) lines.push(`Actoren per context: ${contexts.join("; ")}.`);
    analysisBox.replaceChildren(...lines.map((text) => el("p", { text })));
    if (refocus) document.getElementById(`${prefix}-li-${refocus}`)?.focus();
  }

  function drawPictures() {
    pictureSelect.replaceChildren(...pictures.map((p) => el("option", { value: p.id, text: p.id === activeId ? scene.title : p.scene.title, selected: p.id === activeId })));
    if (document.activeElement !== titleInput) titleInput.value = scene.title;
    newButton.disabled = pictures.length >= MAX_PICTURES;
    deleteButton.disabled = pictures.length <= 1;
  }

  function updateButtons() {
    const h = history();
    undoButton.disabled = !h.past.length;
    redoButton.disabled = !h.future.length;
    deleteSelButton.disabled = !selection.size;
    const full = scene.elements.length >= MAX_ELEMENTS;
    for (const b of [actorButton, textButton, thoughtButton, worryButton, boundaryButton]) b.disabled = full;
  }

  function field(labelText, input) {
    input.id ||= uid(`${prefix}-f`);
    input.setAttribute("data-field", labelText);
    return el("div", { className: "jd-rp-field" }, [el("label", { for: input.id, text: labelText }), input]);
  }

  function choice(options, value) {
    return el("select", {}, Object.entries(options).map(([key, text]) => el("option", { value: key, text, selected: key === value })));
  }

  function drawProps() {
    const active = document.activeElement;
    const refocus = props.contains(active) ? active.getAttribute("data-field") || active.textContent : null;
    fillProps();
    if (refocus) {
      const again = [.../** @type {NodeListOf<HTMLElement>} */ (props.querySelectorAll("[data-field], button"))].find(
        (node) => (node.getAttribute("data-field") || node.textContent) === refocus,
      );
      again?.focus();
    }
  }

  function fillProps() {
    const chosen = [...selection];
    propsBox.classList.toggle("jd-rp-empty", !chosen.length);
    if (!chosen.length) {
      props.replaceChildren(el("p", { className: "jd-hint", text: "Niets geselecteerd. Kies een element op het tekenvlak of vink het aan in de lijst." }));
      return;
    }
    if (chosen.length > 1) {
      const items = chosen.filter((id) => byId.has(id));
      props.replaceChildren(
        el("p", { text: `${chosen.length} geselecteerd.` }),
        el("div", { className: "jd-actions" }, [
          items.length === 2 ? button("Verbind deze twee", () => connect(items[0], items[1])) : null,
          items.length ? button("Grens eromheen", () => addBoundary()) : null,
          button("Verwijder selectie", () => deleteSelection()),
        ]),
      );
      return;
    }
    const id = chosen[0];
    const relation = scene.relations.find((r) => r.id === id);
    const e = byId.get(id);
    const label = el("input", { type: "text", maxLength: 300, value: (relation || e)?.label ?? "", className: "jd-rp-label-input", autocomplete: "off" });
    onCommit(label, () => setLabel(id, label.value));
    label.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        setLabel(id, label.value);
        (drawn.nodes.get(id) || drawn.rels.get(id))?.focus();
      } else if (event.key === "Escape") {
        label.value = (relation || byId.get(id))?.label ?? "";
        (drawn.nodes.get(id) || drawn.rels.get(id))?.focus();
      }
    });
    const rows = [];
    if (relation) {
      const names = Object.fromEntries(scene.elements.map((x) => [x.id, nameOf(byId, x.id)]));
      const from = choice(names, relation.source);
      const to = choice(names, relation.target);
      const direction = choice(DIRECTION_WORDS, relation.direction);
      const style = choice(STYLE_WORDS, relation.style);
      const conflict = el("input", { type: "checkbox", checked: relation.conflict, id: uid(`${prefix}-f`), "data-field": "conflict" });
      const update = (key, value, word) => {
        if ((key === "source" && value === relation.target) || (key === "target" && value === relation.source)) {
          announce("Een relatie verbindt twee verschillende elementen.");
          drawProps();
          return;
        }
        change(`Relatie: ${word}.`, () => {
          scene.relations.find((r) => r.id === id)[key] = value;
        });
      };
      from.addEventListener("change", () => update("source", from.value, "van gewijzigd"));
      to.addEventListener("change", () => update("target", to.value, "naar gewijzigd"));
      direction.addEventListener("change", () => update("direction", direction.value, DIRECTION_WORDS[direction.value]));
      style.addEventListener("change", () => update("style", style.value, STYLE_WORDS[style.value]));
      conflict.addEventListener("change", () => update("conflict", conflict.checked, conflict.checked ? "conflict aan" : "conflict uit"));
      rows.push(
        el("p", { className: "jd-rp-what", text: describeRelation(byId, relation) }),
        field("Tekst bij de relatie", label),
        field("Van", from),
        field("Naar", to),
        field("Richting", direction),
        field("Soort relatie", style),
        el("div", { className: "jd-rp-field jd-rp-check" }, [conflict, el("label", { for: conflict.id, text: "Conflict (gekruiste zwaarden)" })]),
      );
    } else if (e) {
      rows.push(el("p", { className: "jd-rp-what", text: describeElement(scene, byId, e) }));
      rows.push(field(e.kind === "actor" ? "Naam" : e.kind === "boundary" ? "Naam van de grens" : "Tekst", label));
      if (e.kind === "actor") {
        const picto = choice(Object.fromEntries(Object.entries(PICTOGRAMS).map(([k, v]) => [k, v.label])), e.pictogram);
        picto.addEventListener("change", () => change("Pictogram gewijzigd.", () => { byId.get(id).pictogram = picto.value; }));
        rows.push(field("Pictogram", picto));
        const bubbleButtons = el("div", { className: "jd-actions" }, [
          button("Gedachte toevoegen", () => addBubble("thought", id)),
          button("Zorg toevoegen", () => addBubble("worry", id)),
        ]);
        rows.push(bubbleButtons);
      }
      if (e.kind === "bubble") {
        const variant = choice({ thought: "gedachte", worry: "zorg" }, e.variant);
        variant.addEventListener("change", () => change("Soort wolk gewijzigd.", () => { byId.get(id).variant = variant.value; }));
        const actors = Object.fromEntries(scene.elements.filter((x) => x.kind === "actor").map((x) => [x.id, nameOf(byId, x.id)]));
        const owner = choice(actors, e.actor);
        owner.addEventListener("change", () => change("Wolk verplaatst naar een andere actor.", () => { byId.get(id).actor = owner.value; }));
        rows.push(field("Soort wolk", variant), field("Hoort bij", owner));
      }
      if (e.kind === "boundary") {
        for (const [key, text] of [["width", "Breedte"], ["height", "Hoogte"]]) {
          const input = el("input", { type: "number", min: 40, max: 5000, step: 10, value: String(Math.round(e[key])) });
          onCommit(input, () => {
            const v = Number(input.value);
            if (Number.isFinite(v) && v >= 40) change(`${text} ${Math.round(v)}.`, () => { byId.get(id)[key] = Math.min(COORD, v); });
          });
          rows.push(field(text, input));
        }
      }
    }
    rows.push(el("div", { className: "jd-actions" }, [button("Verwijder", () => deleteSelection())]));
    props.replaceChildren(...rows);
  }

  // --- editing actions -----------------------------------------------------------------------------------------
  function selectOnly(id) {
    selection = new Set(id ? [id] : []);
    showSelection();
  }

  function focusItem(id) {
    (drawn.nodes.get(id) || drawn.rels.get(id))?.focus({ preventScroll: true });
  }

  function room() {
    if (scene.elements.length < MAX_ELEMENTS) return true;
    announce(`Een tekening heeft hoogstens ${MAX_ELEMENTS} elementen.`);
    return false;
  }

  function addElement(element, message, { edit = true } = {}) {
    if (!room()) return;
    change(null, () => scene.elements.push(element));
    selectOnly(element.id);
    focusItem(element.id);
    announce(`${message} ${relativePlace(scene, element.id)}${edit ? " Typ de naam of tekst en druk op Enter." : ""}`);
    if (edit) startEditing(element.id);
  }

  /** The drawn size of an element that is not in the scene yet. */
  function sizeOf(element) {
    const s = shapeOf(new Map([[element.id, element]]), element);
    return { w: 2 * s.hw, h: 2 * s.hh + (element.kind === "actor" ? 10 : 0) };
  }

  function addActor(key) {
    const element = { id: nextId(scene, "a"), kind: "actor", pictogram: key, label: "", x: 0, y: 0 };
    // Room for a name of a dozen letters, so a named actor does not grow into its neighbour.
    const size = sizeOf({ ...element, label: "Xxxxxxxxxxxxxx" });
    Object.assign(element, placeFor(size));
    addElement(element, `${PICTOGRAMS[key].label} toegevoegd.`);
  }

  function addText() {
    const element = { id: nextId(scene, "t"), kind: "text", label: "Tekst", x: 0, y: 0 };
    Object.assign(element, placeFor(sizeOf({ ...element, label: "Xxxxxxxxxxxxxxxxxxxxxxxxxx" })));
    addElement(element, "Tekst toegevoegd.");
  }

  function addBubble(variant, actorId = null) {
    const focused = workingOn();
    const actor =
      actorId ??
      (byId.get(focused)?.kind === "actor" ? focused : byId.get(focused)?.kind === "bubble" ? byId.get(focused).actor : null) ??
      [...selection].find((id) => byId.get(id)?.kind === "actor");
    if (!actor) {
      announce("Ga eerst naar de actor bij wie de wolk hoort (Tab of F), of selecteer hem.");
      return;
    }
    const owner = byId.get(actor);
    const element = { id: nextId(scene, "w"), kind: "bubble", variant, label: variant === "worry" ? "Zorg" : "Gedachte", actor, dx: 0, dy: 0 };
    const size = sizeOf({ ...element, label: "Xxxxxxxxxxxxxxxxxx" });
    const spot = freeSpot(obstacles(false), { w: size.w + 18, h: size.h + 18 }, { x: owner.x + 95, y: owner.y - 85 }, { gap: 14, step: 40 });
    element.dx = spot.x - owner.x;
    element.dy = spot.y - owner.y;
    addElement(element, `${KIND_TITLES[variant]} toegevoegd bij ${nameOf(byId, actor)}.`);
  }

  function addBoundary() {
    const inside = [...selection].map((id) => byId.get(id)).filter((e) => e && e.kind !== "boundary");
    let box;
    if (inside.length) {
      const part = contentBounds({ elements: inside.map((e) => (e.kind === "bubble" ? { ...e, kind: "text", x: position(byId, e).x, y: position(byId, e).y } : e)), relations: [] });
      box = { x: Math.round(part.x - 30), y: Math.round(part.y - 40), width: Math.round(Math.max(40, part.width + 60)), height: Math.round(Math.max(40, part.height + 70)) };
    } else {
      const c = placeFor({ w: 300, h: 200 }, { withBoundaries: true });
      box = { x: c.x - 150, y: c.y - 100, width: 300, height: 200 };
    }
    addElement({ id: nextId(scene, "g"), kind: "boundary", label: "Grens", ...box }, "Grens toegevoegd.");
  }

  function stopConnecting() {
    connectFrom = null;
    connectButton.setAttribute("aria-pressed", "false");
    canvas.classList.remove("jd-rp-connecting");
  }

  function connect(source, target) {
    if (!source || !target || source === target || !byId.has(source) || !byId.has(target)) {
      announce("Kies twee verschillende elementen om te verbinden.");
      return;
    }
    if (scene.relations.length >= MAX_RELATIONS) {
      announce(`Een tekening heeft hoogstens ${MAX_RELATIONS} relaties.`);
      return;
    }
    const relation = { id: nextId(scene, "r"), source, target, label: "", direction: "forward", style: "strong", conflict: false };
    change(null, () => scene.relations.push(relation));
    stopConnecting();
    selectOnly(relation.id);
    focusItem(relation.id);
    announce(`Relatie gemaakt: ${nameOf(byId, source)} → ${nameOf(byId, target)}. Typ de woorden bij de relatie en druk op Enter.`);
    startEditing(relation.id);
  }

  /** The Verbind button: two selected elements are joined at once; otherwise it asks for the first, then the second. */
  function toggleConnect() {
    const items = [...selection].filter((id) => byId.has(id));
    if (connectFrom !== null) {
      stopConnecting();
      announce("Verbinden gestopt.");
      return;
    }
    if (items.length === 2) return connect(items[0], items[1]);
    connectFrom = "";
    connectButton.setAttribute("aria-pressed", "true");
    canvas.classList.add("jd-rp-connecting");
    announce("Verbinden, stap 1 van 2: kies het eerste element (klik erop, of ga erheen en druk op Enter). Esc stopt.");
  }

  function chooseForConnect(id) {
    if (!connectFrom) {
      connectFrom = id;
      selectOnly(id);
      announce(`Verbinden, stap 2 van 2: vanaf ${nameOf(byId, id)}; kies nu het tweede element. Esc stopt.`);
    } else connect(connectFrom, id);
  }

  /** C on an element: connect it to a second element that the learner names (type-ahead), never to a guess. */
  function connectFromKey(id) {
    connectFrom = id;
    connectButton.setAttribute("aria-pressed", "true");
    canvas.classList.add("jd-rp-connecting");
    openPicker({
      title: `Verbind ${nameOf(byId, id)} met`,
      items: elementItems(id),
      choose: (target) => connect(id, target),
      back: () => {
        stopConnecting();
        focusItem(id);
        announce("Verbinden gestopt.");
      },
    });
    announce(`Verbinden vanaf ${nameOf(byId, id)}: typ een deel van de naam van het tweede element en druk op Enter.`);
  }

  // --- type-ahead picker ---------------------------------------------------------------------------------------
  let pick = null; // {items, shown, active, choose, back}

  const fold = (text) => String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  /** Items whose words match the query: label starts with it first, then a word that starts with it, then any part. */
  function filterItems(items, query) {
    const q = fold(query.trim());
    if (!q) return items;
    const rank = (item) => {
      const text = fold(`${item.label} ${item.words || ""}`);
      if (text.startsWith(q)) return 0;
      if (text.split(/[^a-z0-9]+/).some((w) => w.startsWith(q))) return 1;
      return text.includes(q) ? 2 : 3;
    };
    return items
      .map((item, i) => ({ item, r: rank(item), i }))
      .filter((x) => x.r < 3)
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.item);
  }

  function elementItems(except = null) {
    return scene.elements
      .filter((e) => e.id !== except)
      .map((e) => ({ key: e.id, label: nameOf(byId, e.id), words: KIND_TITLES[e.kind === "bubble" ? e.variant : e.kind] }));
  }

  function openPicker({ title, items, choose, back, icons = false }) {
    pick = { items, shown: items, active: 0, choose, back, icons };
    pickerLabel.textContent = title;
    pickerInput.value = "";
    picker.hidden = false;
    fillPicker();
    pickerInput.focus();
  }

  function fillPicker() {
    pick.shown = filterItems(pick.items, pickerInput.value);
    pick.active = Math.min(pick.active, Math.max(0, pick.shown.length - 1));
    pickerList.replaceChildren(
      ...pick.shown.map((item, i) => {
        const option = el("li", { role: "option", id: `${prefix}-opt-${i}`, className: "jd-rp-option", "aria-selected": String(i === pick.active), "data-key": item.key });
        if (pick.icons) {
          option.append(svg("svg", { viewBox: "-24 -24 48 48", width: 28, height: 28, "aria-hidden": "true", focusable: "false" }, [pictogramNode(item.key)]));
        }
        option.append(el("span", { text: item.label }));
        option.addEventListener("pointerdown", (event) => event.preventDefault()); // keep the focus in the search box
        option.addEventListener("click", () => choosePicked(item.key));
        return option;
      }),
    );
    if (!pick.shown.length) pickerList.append(el("li", { className: "jd-hint", text: "Niets gevonden; typ iets anders." }));
    pickerInput.setAttribute("aria-activedescendant", pick.shown.length ? `${prefix}-opt-${pick.active}` : "");
    // Keep the active option in sight by scrolling the list only (never the page).
    const active = /** @type {HTMLElement | null} */ (pickerList.querySelector('[aria-selected="true"]'));
    if (active) {
      if (active.offsetTop < pickerList.scrollTop) pickerList.scrollTop = active.offsetTop;
      else if (active.offsetTop + active.offsetHeight > pickerList.scrollTop + pickerList.clientHeight) {
        pickerList.scrollTop = active.offsetTop + active.offsetHeight - pickerList.clientHeight;
      }
    }
  }

  function closePicker() {
    if (!pick) return null;
    const closing = pick;
    pick = null;
    picker.hidden = true;
    pickerList.replaceChildren();
    return closing;
  }

  function choosePicked(key) {
    const closing = closePicker();
    closing?.choose(key);
  }

  function onPickerKey(event) {
    if (!pick) return;
    const key = event.key;
    if (key === "ArrowDown" || key === "ArrowUp") {
      event.preventDefault();
      const n = pick.shown.length;
      if (n) pick.active = (pick.active + (key === "ArrowDown" ? 1 : n - 1)) % n;
      fillPicker();
    } else if (key === "Enter") {
      event.preventDefault();
      const item = pick.shown[pick.active];
      if (item) choosePicked(item.key);
      else announce("Niets gevonden; typ iets anders of druk op Esc.");
    } else if (key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closePicker()?.back();
    }
  }

  function openActorPicker() {
    if (!room()) return;
    const from = workingOn();
    openPicker({
      title: "Actor toevoegen: zoek een pictogram",
      items: Object.entries(PICTOGRAMS).map(([key, p]) => ({ key, label: p.label })),
      icons: true,
      choose: (key) => addActor(key),
      back: () => returnToCanvas(from),
    });
  }

  function openGoto() {
    const from = workingOn();
    if (!scene.elements.length) return announce("Er staat nog niets op het tekenvlak.");
    openPicker({
      title: "Ga naar element",
      items: elementItems(),
      choose: (id) => {
        focusItem(id);
        announce(relativePlace(scene, id));
      },
      back: () => returnToCanvas(from),
    });
  }

  // --- in-place editing ----------------------------------------------------------------------------------------
  let editing = null;

  function startEditing(id) {
    const relation = scene.relations.find((r) => r.id === id);
    const e = byId.get(id);
    if (!relation && !e) return;
    let point;
    if (relation) {
      const geo = relationGeometry(byId, relation, shapes);
      point = geo.mid;
    } else {
      const b = boxOf(byId, e, shapes);
      point = e.kind === "actor" ? { x: b.cx, y: b.cy + b.hh - 8 } : e.kind === "boundary" ? { x: e.x + 90, y: e.y + 20 } : { x: b.cx, y: b.cy };
    }
    const s = stageSize();
    const width = Math.min(260, s.width - 16);
    const left = Math.max(8, Math.min(s.width - width - 8, point.x * view.k + view.x - width / 2));
    const top = Math.max(8, Math.min(s.height - 52, point.y * view.k + view.y - 22));
    editing = id;
    editor.style.left = `${left}px`;
    editor.style.top = `${top}px`;
    editor.style.width = `${width}px`;
    editor.value = (relation || e).label;
    editor.setAttribute(
      "aria-label",
      relation ? `Woorden bij de relatie ${nameOf(byId, relation.source)} → ${nameOf(byId, relation.target)}` : `Naam of tekst van ${nameOf(byId, id)}`,
    );
    editor.hidden = false;
    editor.focus({ preventScroll: true });
    editor.select();
  }

  /**
   * Close the in-place editor, keeping its text when `save`. The focus goes back to the item, unless the editor
   * was `left` (it lost the focus to something else): then the drawing is not redrawn yet, and the function that
   * redraws it is returned (see onLeave), or null when nothing changed.
   * @param {boolean} save
   * @param {{ left?: boolean }} [options]
   * @returns {(() => void) | null}
   */
  function finishEditing(save, { left = false } = {}) {
    const id = editing;
    if (id === null) return null;
    editing = null;
    const value = editor.value;
    editor.hidden = true;
    const changed = save && setLabel(id, value, { redraw: !left });
    if (!left) returnFocus(id);
    if (save) announce(`Bewaard: ${nameOf(byId, id) === id ? value : nameOf(byId, id)}.`);
    if (!left || !changed) return null;
    return () => {
      draw();
      if (!document.activeElement || document.activeElement === document.body) returnFocus(id);
    };
  }

  /** @param {string} id */
  function returnFocus(id) {
    if (byId.has(id) || scene.relations.some((r) => r.id === id)) focusItem(id);
    else canvas.focus({ preventScroll: true });
  }

  function onEditorKey(event) {
    if (event.key === "Enter") {
      event.preventDefault();
      finishEditing(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      finishEditing(false);
    }
  }

  // --- focus, help, drawing mode -------------------------------------------------------------------------------
  let lastItem = null; // the element or relation last focused on the canvas

  function returnToCanvas(id = lastItem) {
    const node = id && (drawn.nodes.get(id) || drawn.rels.get(id));
    if (node) node.focus({ preventScroll: true });
    else canvas.focus({ preventScroll: true });
  }

  function toggleHelp(show = help.hidden) {
    help.hidden = !show;
    helpButton.setAttribute("aria-expanded", String(show));
    if (show) announce("Sneltoetsen staan boven het tekenvlak. Druk nog een keer op ? om ze te verbergen.");
  }

  let full = false;
  function toggleFull(on = !full) {
    full = on;
    work.classList.toggle("jd-rp-full", on);
    fullButton.setAttribute("aria-pressed", String(on));
    requestAnimationFrame(() => (on ? fitView(true) : null));
    announce(on ? "Tekenmodus: het tekenvlak vult het scherm; slepen met één vinger tekent. Druk op M of Esc om terug te gaan." : "Tekenmodus uit.");
    returnToCanvas();
  }

  /** Cycle a property of the focused relation from the keyboard (S: soort, R: richting, X: conflict). */
  function cycleRelation(id, key) {
    const r = scene.relations.find((x) => x.id === id);
    if (!r) return false;
    const next = (options, value) => options[(options.indexOf(value) + 1) % options.length];
    if (key === "s") {
      const style = next(Object.keys(STYLE_WORDS), r.style);
      change(`Relatie: ${STYLE_WORDS[style]}.`, () => { r.style = style; });
    } else if (key === "r") {
      const direction = next(Object.keys(DIRECTION_WORDS), r.direction);
      change(`Relatie: ${DIRECTION_WORDS[direction]}.`, () => { r.direction = direction; });
    } else {
      change(r.conflict ? "Relatie: geen conflict meer." : "Relatie: conflict.", () => { r.conflict = !r.conflict; });
    }
    focusItem(id);
    return true;
  }

  /**
   * @param {string} id
   * @param {string} value
   * @param {{ redraw?: boolean }} [options]
   * @returns {boolean} whether the text changed
   */
  function setLabel(id, value, options) {
    const text = String(value).slice(0, 300);
    const target = scene.relations.find((r) => r.id === id) || byId.get(id);
    if (!target || target.label === text) return false;
    return change(
      "Tekst gewijzigd.",
      () => {
        target.label = text;
      },
      options,
    );
  }

  function deleteSelection() {
    const gone = new Set(selection);
    if (!gone.size) return announce("Er is niets geselecteerd.");
    // Bubbles go with their actor; relations go with either end.
    for (const e of scene.elements) if (e.kind === "bubble" && gone.has(e.actor)) gone.add(e.id);
    const count = gone.size;
    change(`${count === 1 ? "1 onderdeel" : `${count} onderdelen`} verwijderd.`, () => {
      scene.elements = scene.elements.filter((e) => !gone.has(e.id));
      scene.relations = scene.relations.filter((r) => !gone.has(r.id) && !gone.has(r.source) && !gone.has(r.target));
    });
    selection.clear();
    showSelection();
    canvas.focus();
  }

  /**
   * Put the groups of moving elements (with their bubbles) and the relations between them in the overlay, which
   * moves as a whole; relations with one end moving go to the crossing layer. Returns the plans of those relations
   * (see `halfMoving`).
   */
  function lift(ids) {
    const moving = new Set(ids);
    for (const e of scene.elements) if (e.kind === "bubble" && moving.has(e.actor)) moving.add(e.id);
    const inner = [];
    const outer = [];
    for (const r of scene.relations) {
      const a = moving.has(r.source);
      const b = moving.has(r.target);
      if (a && b) inner.push(r);
      else if (a || b) outer.push(r);
    }
    const rigid = [
      ...inner.map((r) => drawn.rels.get(r.id)),
      ...scene.elements.filter((e) => e.kind === "boundary" && moving.has(e.id)).map((e) => drawn.nodes.get(e.id)),
      ...scene.elements.filter((e) => e.kind !== "boundary" && moving.has(e.id)).map((e) => drawn.nodes.get(e.id)),
    ].filter(Boolean);
    const crossingGroups = outer.map((r) => drawn.rels.get(r.id)).filter(Boolean);
    liftedFocus = focusKey(document.activeElement);
    const plans = outer.map((r) => halfMoving(r, moving)).filter(Boolean);
    lifted = [...crossingGroups, ...rigid].map((g) => ({ g, parent: g.parentNode, next: g.nextSibling }));
    crossingView.append(...crossingGroups);
    overlayView.append(...rigid);
    return plans;
  }

  /**
   * What a drag must redraw of a relation with one end moving, worked out once per drag: the box of the end that
   * stays, the box of the end that moves (at the start of the drag) and the few nodes that change. The label and the
   * conflict mark only shift (a transform); their hit area and the halo of an unselected relation stay hidden until
   * the drop, which draws the relation in full.
   */
  function halfMoving(r, moving) {
    const g = drawn.rels.get(r.id);
    if (!g) return null;
    const sourceMoves = moving.has(r.source);
    const still = boxOf(byId, byId.get(sourceMoves ? r.target : r.source), shapes);
    const start = boxOf(byId, byId.get(sourceMoves ? r.source : r.target), shapes);
    const geo = sourceMoves ? lineGeometry(r, start, still) : lineGeometry(r, still, start);
    const shown = selection.has(r.id) || g.contains(document.activeElement);
    return {
      r,
      sourceMoves,
      still,
      start,
      paths: [...g.querySelectorAll(shown ? ".jd-rp-line, .jd-rp-halo" : ".jd-rp-line")],
      label: g.querySelector(".jd-rp-rel-label-at"),
      labelAt: geo.label,
      mark: g.querySelector(".jd-rp-conflict"),
    };
  }

  /** Redraw the half-moving relations for the moving end shifted by (dx, dy): first all geometry, then all writes. */
  function shiftHalfMoving(plans, dx, dy) {
    const frame = plans.map((plan) => {
      const moved = { ...plan.start, cx: plan.start.cx + dx, cy: plan.start.cy + dy };
      return plan.sourceMoves ? lineGeometry(plan.r, moved, plan.still) : lineGeometry(plan.r, plan.still, moved);
    });
    plans.forEach((plan, i) => {
      const geo = frame[i];
      for (const path of plan.paths) path.setAttribute("d", geo.d);
      plan.mark?.setAttribute("transform", `translate(${geo.mid.x} ${geo.mid.y})`);
      plan.label?.setAttribute("transform", `translate(${geo.label.x - plan.labelAt.x} ${geo.label.y - plan.labelAt.y})`);
    });
  }

  /** Put lifted groups back where they were in the drawing (in reverse, so every next sibling is back first). */
  function drop() {
    for (const { g, parent, next } of [...lifted].reverse()) parent.insertBefore(g, next && next.parentNode === parent ? next : null);
    lifted = [];
    if (liftedFocus) (drawn.nodes.get(liftedFocus) || drawn.rels.get(liftedFocus))?.focus({ preventScroll: true });
    liftedFocus = null;
  }

  /** Move the data of elements by (dx, dy); bubbles whose actor also moves follow it. */
  function shiftData(idsToMove, dx, dy) {
    const moving = new Set(idsToMove);
    for (const id of moving) {
      const e = byId.get(id);
      if (!e) continue;
      if (e.kind === "bubble") {
        if (moving.has(e.actor)) continue;
        e.dx += dx;
        e.dy += dy;
      } else {
        e.x += dx;
        e.y += dy;
      }
    }
    return moving;
  }

  /** Move elements by (dx, dy) and update their drawing. */
  function moveBy(idsToMove, dx, dy) {
    refresh(shiftData(idsToMove, dx, dy));
  }

  function refreshRelation(r) {
    const g = drawn.rels.get(r.id);
    if (!g) return;
    const geo = relationGeometry(byId, r, shapes);
    for (const path of g.querySelectorAll("path")) path.setAttribute("d", geo.d);
    g.querySelector(".jd-rp-conflict")?.setAttribute("transform", `translate(${geo.mid.x} ${geo.mid.y})`);
    g.querySelector(".jd-rp-rel-label-at")?.removeAttribute("transform");
    const label = g.querySelector(".jd-rp-rel-label");
    if (label) {
      label.setAttribute("x", geo.label.x);
      label.setAttribute("y", geo.label.y);
      for (const t of label.children) t.setAttribute("x", geo.label.x);
    }
  }

  /** Update the drawing of moved elements, their bubbles and their relations, without a full redraw. */
  function refresh(moving) {
    const touched = new Set(moving);
    for (const e of scene.elements) if (e.kind === "bubble" && touched.has(e.actor)) touched.add(e.id);
    for (const id of touched) {
      const e = byId.get(id);
      const g = drawn.nodes.get(id);
      if (!e || !g) continue;
      const p = e.kind === "boundary" ? { x: e.x, y: e.y } : position(byId, e);
      g.setAttribute("transform", `translate(${p.x} ${p.y})`);
    }
    for (const r of scene.relations) if (touched.has(r.source) || touched.has(r.target)) refreshRelation(r);
  }

  function snapValue(v) {
    return model.get("snap") ? Math.round(v / grid) * grid : v;
  }

  function keyMove(id, dx, dy, big) {
    const e = byId.get(id);
    if (!e) return;
    const idsToMove = selection.has(id) ? [...selection].filter((x) => byId.has(x)) : [id];
    if (!selection.has(id)) selectOnly(id);
    const step = model.get("snap") ? grid : big ? 50 : 10;
    change(null, () => moveBy(idsToMove, dx * step, dy * step), { redraw: false, merge: `move:${idsToMove.join(",")}` });
    if (model.get("snap")) {
      change(null, () => snapElements(idsToMove), { redraw: false, merge: `move:${idsToMove.join(",")}` });
    }
    ensureVisible(id);
    announce(relativePlace(scene, id));
  }

  function snapElements(idsToMove) {
    for (const id of idsToMove) {
      const e = byId.get(id);
      if (!e || e.kind === "bubble") continue;
      e.x = snapValue(e.x);
      e.y = snapValue(e.y);
    }
    refresh(new Set(idsToMove));
  }

  function keyResize(id, dx, dy) {
    const e = byId.get(id);
    if (!e || e.kind !== "boundary") return;
    change(null, () => {
      e.width = Math.max(40, e.width + dx * 20);
      e.height = Math.max(40, e.height + dy * 20);
    }, { merge: `resize:${id}` });
    announce(`Grens ${nameOf(byId, id)}: ${Math.round(e.width)} bij ${Math.round(e.height)}.`);
  }

  // --- pictures ------------------------------------------------------------------------------------------------
  function openPicture(id) {
    const p = pictures.find((x) => x.id === id);
    if (!p) return;
    activeId = id;
    scene = clone(p.scene);
    byId = indexScene(scene);
    selection.clear();
    draw();
    fitView(true);
  }

  function pictureId() {
    let n = pictures.length + 1;
    while (pictures.some((p) => p.id === `p${n}`)) n += 1;
    return `p${n}`;
  }

  function addPicture(newScene, message) {
    if (pictures.length >= MAX_PICTURES) return announce(`Je kunt hoogstens ${MAX_PICTURES} tekeningen bewaren.`);
    const id = pictureId();
    pictures = [...pictures, { id, scene: newScene }];
    openPicture(id);
    persist();
    announce(message);
  }

  function newPicture() {
    const start = startSelect.value === "" ? null : starts[Number(startSelect.value)];
    const fresh = start ? clone(start) : emptyScene(`Tekening ${pictures.length + 1}`);
    addPicture(fresh, `Nieuwe tekening "${fresh.title}" geopend.`);
  }

  function deletePicture() {
    if (pictures.length <= 1) return;
    if (!deleteArmed) {
      deleteArmed = true;
      deleteButton.textContent = `Zeker weten? Verwijder "${scene.title}"`;
      announce("Klik nog een keer om deze tekening definitief te verwijderen.");
      return;
    }
    disarm();
    const gone = activeId;
    const title = scene.title;
    pictures = pictures.filter((p) => p.id !== gone);
    histories.delete(gone);
    activeId = pictures[0].id;
    openPicture(activeId);
    persist();
    announce(`Tekening "${title}" verwijderd.`);
  }

  function disarm() {
    deleteArmed = false;
    deleteButton.textContent = "Verwijder deze tekening";
  }

  // --- export and import ---------------------------------------------------------------------------------------
  const exportable = () => canonical(scene);
  function doExportJson() {
    const text = `${JSON.stringify(exportable(), null, 2)}\n`;
    download(root, new Blob([text], { type: "application/json" }), `rich-picture-${slug(scene.title)}.json`);
    announce("JSON geëxporteerd.");
  }
  function doExportSvg() {
    const { text } = sceneToSvg(exportable(), authorInput.value.trim());
    download(root, new Blob([text], { type: "image/svg+xml" }), `rich-picture-${slug(scene.title)}.svg`);
    announce("SVG geëxporteerd.");
  }
  async function doExportPng() {
    const { text, width, height } = sceneToSvg(exportable(), authorInput.value.trim());
    try {
      const png = await svgToPng(text, width, height);
      download(root, png, `rich-picture-${slug(scene.title)}.png`);
      announce("PNG geëxporteerd.");
    } catch (error) {
      announce(`De PNG kon niet worden gemaakt (${error.message || error}). Exporteer anders als SVG.`);
    }
  }
  async function doImport() {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    if (file.size > 2_000_000) return announce("Importeren lukte niet: het bestand is groter dan 2 MB.");
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      return announce("Importeren lukte niet: dit is geen geldig JSON-bestand.");
    }
    const read = readScene(data);
    if (read.problems) {
      const more = read.problems.length > 3 ? ` (en nog ${read.problems.length - 3})` : "";
      return announce(`Importeren lukte niet: ${read.problems.slice(0, 3).join("; ")}${more}.`);
    }
    addPicture(read.scene, `Tekening "${read.scene.title}" geïmporteerd als nieuwe tekening.`);
  }

  // --- pointer input -------------------------------------------------------------------------------------------
  let gesture = null;
  const pointers = new Map();
  let frame = 0;
  let pending = null;

  function onPointerDown(event) {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    if (editing !== null) finishEditing(true);
    if (pick) closePicker();
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2 && (gesture?.type === "pan" || gesture?.type === "drag" || !gesture)) {
      if (gesture?.type === "drag" && gesture.moved) return;
      const [p1, p2] = [...pointers.values()];
      gesture = { type: "pinch", distance: Math.hypot(p1.x - p2.x, p1.y - p2.y) || 1, k: view.k, pointerId: event.pointerId, moved: true };
      return;
    }
    const node = event.target.closest?.("[data-id]");
    const rel = event.target.closest?.("[data-rel]");
    const handle = event.target.closest?.("[data-handle]");
    const additive = event.shiftKey || event.ctrlKey || event.metaKey;
    // No pointer capture yet: a capture now would send the dblclick of a double click to the canvas instead of the
    // element. The pointer is captured once a drag really starts (see `step`).
    const client = { x: event.clientX, y: event.clientY };
    const base = { pointerId: event.pointerId, client, touch: event.pointerType === "touch" };
    if (node) {
      event.preventDefault();
      const id = node.getAttribute("data-id");
      node.focus({ preventScroll: true });
      if (connectFrom !== null) {
        chooseForConnect(id);
        gesture = null;
        return;
      }
      if (handle) {
        const e = byId.get(id);
        selectOnly(id);
        gesture = { ...base, type: "resize", id, before: JSON.stringify(scene), start: toScene(event.clientX, event.clientY), w: e.width, h: e.height, moved: false };
        return;
      }
      if (additive) {
        if (selection.has(id)) selection.delete(id);
        else selection.add(id);
        showSelection();
        if (!selection.has(id)) return;
      } else if (!selection.has(id)) selectOnly(id);
      const moving = [...selection].filter((x) => byId.has(x));
      const anchor = byId.get(id);
      gesture = {
        ...base,
        type: "drag",
        ids: moving,
        anchor: id,
        start: toScene(event.clientX, event.clientY),
        origin: anchor.kind === "bubble" ? position(byId, anchor) : { x: anchor.x, y: anchor.y },
        applied: { x: 0, y: 0 },
        before: JSON.stringify(scene),
        moved: false,
      };
      return;
    }
    if (rel) {
      event.preventDefault();
      const id = rel.getAttribute("data-rel");
      rel.focus({ preventScroll: true });
      if (additive) {
        if (selection.has(id)) selection.delete(id);
        else selection.add(id);
        showSelection();
      } else selectOnly(id);
      gesture = { ...base, type: "tap", id, moved: false };
      return;
    }
    canvas.focus({ preventScroll: true });
    if (event.shiftKey) {
      gesture = { ...base, type: "band", start: toScene(event.clientX, event.clientY), moved: false };
    } else {
      gesture = { ...base, type: "pan", view: { ...view }, moved: false };
    }
  }

  function capture(pointerId) {
    try {
      canvas.setPointerCapture(pointerId);
    } catch {
      // Synthetic or already released pointers cannot be captured; moves still reach the stage.
    }
  }

  function onPointerMove(event) {
    if (!pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (!gesture) return;
    pending = { x: event.clientX, y: event.clientY };
    if (!frame) frame = requestAnimationFrame(step);
  }

  function step() {
    frame = 0;
    if (!gesture || !pending) return;
    const { x, y } = pending;
    pending = null;
    if (gesture.type === "pinch") {
      const [p1, p2] = [...pointers.values()];
      if (!p2) return;
      const s = stageSize();
      const factor = ((Math.hypot(p1.x - p2.x, p1.y - p2.y) || 1) / gesture.distance) * gesture.k / view.k;
      zoomBy(factor, (p1.x + p2.x) / 2 - s.left, (p1.y + p2.y) / 2 - s.top);
      return;
    }
    if (gesture.type === "tap") return;
    // A press becomes a drag only after a few pixels: a click or the first half of a double click moves nothing.
    if (!gesture.moved) {
      if (Math.abs(x - gesture.client.x) + Math.abs(y - gesture.client.y) <= 4) return;
      capture(gesture.pointerId);
    }
    if (gesture.type === "pan") {
      gesture.moved = true;
      view = { ...gesture.view, x: gesture.view.x + x - gesture.client.x, y: gesture.view.y + y - gesture.client.y };
      applyView();
      return;
    }
    const p = toScene(x, y);
    if (gesture.type === "band") {
      gesture.moved = true;
      const bx = Math.min(p.x, gesture.start.x);
      const by = Math.min(p.y, gesture.start.y);
      gesture.rect = { x: bx, y: by, width: Math.abs(p.x - gesture.start.x), height: Math.abs(p.y - gesture.start.y) };
      const s = stageSize();
      band.setAttribute("x", Math.min(x, gesture.client.x) - s.left);
      band.setAttribute("y", Math.min(y, gesture.client.y) - s.top);
      band.setAttribute("width", Math.abs(x - gesture.client.x));
      band.setAttribute("height", Math.abs(y - gesture.client.y));
      band.setAttribute("visibility", "visible");
      return;
    }
    if (gesture.type === "resize") {
      const e = byId.get(gesture.id);
      e.width = Math.max(40, snapValue(gesture.w + p.x - gesture.start.x));
      e.height = Math.max(40, snapValue(gesture.h + p.y - gesture.start.y));
      gesture.moved = true;
      const g = buildNode(byId, e, true);
      const old = drawn.nodes.get(gesture.id);
      for (const name of ["tabindex", "role", "aria-label", "class", "aria-pressed"]) if (old.hasAttribute(name)) g.setAttribute(name, old.getAttribute(name));
      old.replaceChildren(...g.childNodes);
      refresh(new Set([gesture.id]));
      return;
    }
    // drag: where the anchor should be, snapped, then the same offset for every selected element
    const tx = snapValue(gesture.origin.x + (p.x - gesture.start.x));
    const ty = snapValue(gesture.origin.y + (p.y - gesture.start.y));
    const dx = tx - gesture.origin.x - gesture.applied.x;
    const dy = ty - gesture.origin.y - gesture.applied.y;
    if (!dx && !dy) return;
    gesture.applied = { x: gesture.applied.x + dx, y: gesture.applied.y + dy };
    if (!gesture.moved) gesture.crossing = lift(gesture.ids);
    gesture.moved = true;
    shiftData(gesture.ids, dx, dy);
    overlay.style.transform = `translate(${gesture.applied.x * view.k}px, ${gesture.applied.y * view.k}px)`;
    shiftHalfMoving(gesture.crossing, gesture.applied.x, gesture.applied.y);
  }

  let lastTap = { id: null, time: 0 };

  function onPointerUp(event) {
    pointers.delete(event.pointerId);
    if (!gesture) return;
    if (frame) {
      cancelAnimationFrame(frame);
      frame = 0;
      if (event.type !== "pointercancel") step();
    }
    const g = gesture;
    gesture = pointers.size ? { type: "pan", client: [...pointers.values()][0], view: { ...view }, moved: true, pointerId: [...pointers.keys()][0] } : null;
    if (g.type === "drag" && g.moved) {
      overlay.style.transform = "";
      refresh(new Set(g.ids));
      drop();
      const message = g.ids.length === 1 ? relativePlace(scene, g.anchor) : `${g.ids.length} onderdelen verplaatst.`;
      commitFrom(g.before, message, { redraw: false });
    } else if (g.type === "resize" && g.moved) {
      commitFrom(g.before, "Grens vergroot of verkleind.");
    } else if (g.type === "band") {
      band.setAttribute("visibility", "hidden");
      if (g.rect) {
        const r = g.rect;
        for (const e of scene.elements) {
          const p = position(byId, e);
          if (p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height) selection.add(e.id);
        }
        showSelection();
        announce(`${selection.size} geselecteerd.`);
      }
    } else if (g.type === "pan" && !g.moved && selection.size && event.type !== "pointercancel") {
      selection.clear();
      showSelection();
    } else if ((g.type === "drag" || g.type === "tap") && !g.moved && g.touch && event.type !== "pointercancel") {
      // A double tap edits the name, as a double click does (touch browsers do not all send dblclick).
      const id = g.type === "tap" ? g.id : g.anchor;
      const now = performance.now();
      if (lastTap.id === id && now - lastTap.time < 450) {
        lastTap = { id: null, time: 0 };
        selectOnly(id);
        startEditing(id);
      } else lastTap = { id, time: now };
    }
  }

  function onWheel(event) {
    if (!(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    const s = stageSize();
    zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - s.left, event.clientY - s.top);
  }

  function onDoubleClick(event) {
    const target = event.target.closest?.("[data-id],[data-rel]");
    if (!target) return;
    const id = target.getAttribute("data-id") || target.getAttribute("data-rel");
    selectOnly(id);
    startEditing(id);
  }

  // --- keyboard ------------------------------------------------------------------------------------------------
  const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function onCanvasKey(event) {
    const item = event.target.closest?.("[data-id],[data-rel]");
    const id = item ? item.getAttribute("data-id") || item.getAttribute("data-rel") : null;
    const isNode = Boolean(item?.hasAttribute("data-id"));
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === "a") {
      event.preventDefault();
      selection = new Set([...scene.elements.map((e) => e.id), ...scene.relations.map((r) => r.id)]);
      showSelection();
      announce(`Alles geselecteerd: ${selection.size} onderdelen.`);
      return;
    }
    if (event.ctrlKey || event.metaKey || (event.altKey && !ARROWS[key])) return;
    if (ARROWS[key]) {
      event.preventDefault();
      const [dx, dy] = ARROWS[key];
      if (isNode && event.altKey) keyResize(id, dx, dy);
      else if (isNode) keyMove(id, dx, dy, event.shiftKey);
      else if (!item) {
        view = { ...view, x: view.x - dx * 40, y: view.y - dy * 40 };
        applyView();
      }
      return;
    }
    if (key === " " || key === "Spacebar") {
      if (!id) return;
      event.preventDefault();
      const name = isNode ? nameOf(byId, id) : "De relatie";
      if (event.shiftKey) {
        // Shift+Space adds to the selection (or takes off again)
        if (selection.has(id)) selection.delete(id);
        else selection.add(id);
        showSelection();
        announce(`${name} ${selection.has(id) ? "bij de selectie gezet" : "uit de selectie gehaald"}; ${selection.size} geselecteerd.`);
      } else {
        selectOnly(id);
        announce(`${name} geselecteerd (alleen dit). Shift+Spatie zet er meer bij.`);
      }
      return;
    }
    if (key === "Enter" || key === "F2") {
      if (!id) return;
      event.preventDefault();
      if (connectFrom !== null && isNode) {
        chooseForConnect(id);
        return;
      }
      selectOnly(id);
      startEditing(id);
      return;
    }
    if (key === "Delete" || key === "Backspace") {
      event.preventDefault();
      if (id && !selection.has(id)) selectOnly(id);
      deleteSelection();
      return;
    }
    if (key === "Escape") {
      event.preventDefault();
      if (connectFrom !== null) {
        stopConnecting();
        announce("Verbinden gestopt.");
      } else if (selection.size) {
        selection.clear();
        showSelection();
        announce("Selectie opgeheven.");
      } else if (full) toggleFull(false);
      return;
    }
    if (key.toLowerCase() === "c" && isNode) {
      event.preventDefault();
      connectFromKey(id);
      return;
    }
    if (id && !isNode && ["s", "r", "x"].includes(key.toLowerCase())) {
      event.preventDefault();
      cycleRelation(id, key.toLowerCase());
      return;
    }
    if (key === "+" || key === "=") zoomBy(1.25);
    else if (key === "-") zoomBy(0.8);
    else if (key === "0") fitView();
    else return;
    event.preventDefault();
  }

  function onFocusIn(event) {
    const item = event.target.closest?.("[data-id],[data-rel]");
    if (item) lastItem = item.getAttribute("data-id") || item.getAttribute("data-rel");
    if (gesture || pointers.size) return;
    if (item?.hasAttribute("data-id")) ensureVisible(item.getAttribute("data-id"));
  }

  /** The widget's own shortcuts: a single letter anywhere in the widget except where one types text. */
  const LETTERS = {
    "?": () => toggleHelp(),
    a: () => openActorPicker(),
    t: () => addText(),
    w: () => addBubble("thought"),
    z: () => addBubble("worry"),
    g: () => addBoundary(),
    c: () => toggleConnect(),
    f: () => openGoto(),
    "/": () => openGoto(),
    m: () => toggleFull(),
    p: () => {
      const first = /** @type {HTMLElement | null} */ (props.querySelector("input, select, button"));
      if (first) first.focus();
      else announce("Er is niets geselecteerd om te bewerken.");
    },
    e: () => {
      const id = focusKey(document.activeElement) || workingOn();
      if (id) startEditing(id);
    },
  };

  function onRootKey(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const typing = (target.tagName === "INPUT" && !["checkbox", "radio", "button", "file"].includes(/** @type {HTMLInputElement} */ (target).type)) ||
      target.tagName === "TEXTAREA" || target.tagName === "SELECT";
    if (event.ctrlKey || event.metaKey) {
      if (target.tagName === "INPUT" && /** @type {HTMLInputElement} */ (target).type === "text") return; // its own undo
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if (key === "y" || (key === "z" && event.shiftKey)) {
        event.preventDefault();
        redo();
      }
      return;
    }
    if (event.defaultPrevented || event.altKey || target === editor || target === pickerInput) return;
    if (event.key === "Escape" && !canvas.contains(target)) {
      // Escape anywhere else in the widget (tools, properties, list, help) brings the focus back to the canvas.
      if (target === titleInput || target === authorInput) return;
      event.preventDefault();
      if (!help.hidden) toggleHelp(false);
      returnToCanvas();
      return;
    }
    if (typing) return;
    const action = LETTERS[event.key.length === 1 ? event.key.toLowerCase() : ""];
    if (!action) return;
    event.preventDefault();
    action();
  }

  // --- wiring --------------------------------------------------------------------------------------------------
  canvas.addEventListener("pointerdown", onPointerDown);
  // Moves and releases are heard on the stage: a lifted element sits in the overlay, outside the canvas.
  stage.addEventListener("pointermove", onPointerMove);
  stage.addEventListener("pointerup", onPointerUp);
  stage.addEventListener("pointercancel", onPointerUp);
  canvas.addEventListener("wheel", onWheel, { passive: false });
  canvas.addEventListener("dblclick", onDoubleClick);
  canvas.addEventListener("keydown", onCanvasKey);
  canvas.addEventListener("focusin", onFocusIn);
  root.addEventListener("keydown", onRootKey);
  pickerInput.addEventListener("input", () => {
    if (!pick) return;
    pick.active = 0;
    fillPicker();
  });
  pickerInput.addEventListener("keydown", onPickerKey);
  const onPickerOut = (event) => {
    if (pick && !picker.contains(/** @type {Node} */ (event.relatedTarget))) closePicker();
  };
  picker.addEventListener("focusout", onPickerOut);
  editor.addEventListener("keydown", onEditorKey);
  // Leaving the editor keeps the text at once (in the history before whatever took the focus); the redraw waits
  // until a press under way has done its work, and the focus stays where the person put it.
  onLeave(editor, () => finishEditing(true, { left: true }));
  pictureSelect.addEventListener("change", () => {
    disarm();
    openPicture(pictureSelect.value);
    persist();
    announce(`Tekening "${scene.title}" geopend.`);
  });
  onCommit(titleInput, () => {
    const text = titleInput.value.trim().slice(0, 120);
    if (!text) {
      titleInput.value = scene.title;
      return announce("Een tekening heeft een titel nodig.");
    }
    change("Titel gewijzigd.", () => {
      scene.title = text;
    });
  });
  snapBox.addEventListener("change", () => {
    model.set("snap", snapBox.checked);
    model.save_changes();
    announce(snapBox.checked ? "Uitlijnen op raster staat aan." : "Uitlijnen op raster staat uit.");
  });
  fileInput.addEventListener("change", doImport);

  function onSnap() {
    snapBox.checked = Boolean(model.get("snap"));
    gridRect.setAttribute("visibility", snapBox.checked ? "visible" : "hidden");
  }

  /** The picture to show after a change from elsewhere: the model's `active` when it exists, else the open one. */
  function wantedPicture() {
    const wanted = model.get("active");
    if (pictures.some((p) => p.id === wanted)) return wanted;
    return pictures.some((p) => p.id === activeId) ? activeId : pictures[0].id;
  }

  function onPictures() {
    if (writing) return;
    pictures = loadPictures();
    const wanted = wantedPicture();
    if (wanted !== activeId) return openPicture(wanted);
    const incoming = pictures.find((p) => p.id === activeId).scene;
    if (JSON.stringify(incoming) !== JSON.stringify(scene)) {
      scene = clone(incoming);
      histories.delete(activeId);
      selection.clear();
    }
    draw();
  }

  function onActive() {
    if (writing) return;
    const wanted = wantedPicture();
    if (wanted !== activeId) openPicture(wanted);
  }

  // The name on the exports: the learner's own name from "Mijn portfolio" unless another one is typed here (saved).
  const learnerName = () => String(model.get("learner") || "").trim();
  function showAuthor() {
    if (document.activeElement !== authorInput) authorInput.value = model.get("author") || learnerName();
  }
  authorInput.addEventListener("input", () => {
    const typed = authorInput.value.trim();
    model.set("author", typed === learnerName() ? "" : typed);
    model.save_changes();
  });

  cleanups.push(
    listen(model, {
      "change:pictures": onPictures,
      "change:active": onActive,
      "change:snap": onSnap,
      "change:author": showAuthor,
      "change:learner": showAuthor,
    }),
  );
  onSnap();
  showAuthor();
  draw();
  if (unreadable.length) {
    announce(
      `${unreadable.length === 1 ? "Eén opgeslagen tekening kon" : `${unreadable.length} opgeslagen tekeningen konden`} ` +
        `niet worden gelezen (${unreadable[0].reason}). Ze is bewaard, niet weggegooid; exporteer je portfolio ` +
        "en vraag je docent om hulp.",
    );
  }
  requestAnimationFrame(() => fitView(true));
  fitView(true);

  return () => {
    for (const stop of cleanups) stop();
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(listTimer);
    root.removeEventListener("keydown", onRootKey);
    canvas.removeEventListener("pointerdown", onPointerDown);
    stage.removeEventListener("pointermove", onPointerMove);
    stage.removeEventListener("pointerup", onPointerUp);
    stage.removeEventListener("pointercancel", onPointerUp);
    canvas.removeEventListener("wheel", onWheel);
    canvas.removeEventListener("dblclick", onDoubleClick);
    canvas.removeEventListener("keydown", onCanvasKey);
    canvas.removeEventListener("focusin", onFocusIn);
  };
}

/** The learner's pictures in words, for the portfolio. Done: one picture shows structures, processes and interests. */
function summary(config, state) {
  const pictures = (state.pictures || []).map((p) => readScene(p?.scene).scene).filter(Boolean);
  const lines = pictures.map((scene) => {
    const result = analyse(scene);
    const bubbles = scene.elements.filter((e) => e.kind === "bubble").length;
    return (
      `${scene.title}: ${result.actors} actoren, ${result.relations} relaties ` +
      `(${result.strained.length} gespannen of met conflict), ${bubbles} gedachten en zorgen`
    );
  });
  return {
    title: config.title || "Rich picture",
    lines: lines.length ? lines : ["Nog geen tekening gemaakt."],
    figures: pictures.map((scene) => ({ caption: scene.title, svg: sceneToSvg(scene).text })),
    done: done(config, state),
  };
}

export default {
  render,
  summary,
  migrate,
  validateScene,
  readScene,
  canonical,
  analyse,
  contextsOf,
  wrapText,
  sceneToSvg,
  PICTOGRAMS,
};
