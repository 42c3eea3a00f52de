// The scene graph of the case in the editor: an SVG drawing (columns by distance from the start) whose nodes are
// links to their form, and the same graph as text. Unreachable scenes, dead ends, loops without an ending and
// choices that lead nowhere are marked in words and by shape, not by colour alone.
import { el } from "../_shared/ui.js";

const SVG = "http://www.w3.org/2000/svg";
const W = 150;
const H = 44;
const GAP_X = 60;
const GAP_Y = 18;

const MARKS = {
  unreachable: "onbereikbaar",
  "dead-end": "doodlopend (geen keuze meer)",
  loop: "kring zonder afloop",
  missing: "leidt naar een onbekende scène",
};

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * Nodes, edges and marks of a case's form state.
 * @param {any} state  the form state
 * @param {Array<[Array<string|number>, string, string?]>} problems  graphProblems of the case (with kinds)
 */
export function graphOf(state, problems) {
  const nodes = [
    ...state.scenes.map((s, i) => ({ id: s.id, title: s.title, kind: "scene", index: i, marks: new Set() })),
    ...state.endings.map((e, i) => ({ id: e.id, title: e.title, kind: "ending", index: i, marks: new Set() })),
  ];
  const byId = new Map(nodes.filter((n) => n.id).map((n) => [n.id, n]));
  const edges = [];
  state.scenes.forEach((scene) => {
    for (const choice of scene.choices) edges.push({ from: scene.id, to: choice.next, label: choice.text || choice.id, route: false });
    for (const route of scene.routes) edges.push({ from: scene.id, to: route.next, label: route.when.length ? `als ${route.when.join(", ")}` : "anders", route: true });
  });
  for (const edge of edges) if (!byId.has(edge.to)) byId.get(edge.from)?.marks.add("missing");
  for (const [loc, , kind] of problems) {
    if (!kind || loc.length !== 2) continue;
    const node = nodes.find((n) => (loc[0] === "scenes" ? n.kind === "scene" : n.kind === "ending") && n.index === loc[1]);
    node?.marks.add(kind);
  }
  // Columns: distance from the start (breadth first); what the start does not reach goes in a last column.
  const depth = new Map();
  if (byId.has(state.start)) {
    depth.set(state.start, 0);
    const queue = [state.start];
    while (queue.length) {
      const id = queue.shift();
      for (const edge of edges.filter((e) => e.from === id && byId.has(e.to))) {
        if (!depth.has(edge.to)) {
          depth.set(edge.to, depth.get(id) + 1);
          queue.push(edge.to);
        }
      }
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const columns = new Map();
  for (const node of nodes) {
    const column = depth.has(node.id) ? depth.get(node.id) : last;
    if (!columns.has(column)) columns.set(column, []);
    columns.get(column).push(node);
    node.column = column;
    node.row = columns.get(column).length - 1;
  }
  return { nodes, edges, byId };
}

function describe(node) {
  const what = node.kind === "scene" ? "Scène" : "Afloop";
  const marks = [...node.marks].map((m) => MARKS[m]);
  return `${what} ${node.id || "(zonder id)"}${node.title ? `: ${node.title}` : ""}${marks.length ? ` — ${marks.join(", ")}` : ""}`;
}

/**
 * The drawing and the text version.
 * @param {ReturnType<typeof graphOf>} graph
 * @param {{base: string, start: string, goTo: (path: string) => void}} ctx
 */
export function graphView(graph, ctx) {
  const { nodes, edges, byId } = graph;
  const x = (n) => 10 + n.column * (W + GAP_X);
  const y = (n) => 10 + n.row * (H + GAP_Y);
  const width = 20 + (Math.max(0, ...nodes.map((n) => n.column)) + 1) * (W + GAP_X);
  const height = 20 + (Math.max(0, ...nodes.map((n) => n.row)) + 1) * (H + GAP_Y);
  const arrowId = `${ctx.base}-arrow`;
  const lines = edges
    .filter((e) => byId.has(e.from) && byId.has(e.to))
    .map((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      const back = b.column <= a.column;
      const x1 = x(a) + W;
      const y1 = y(a) + H / 2;
      const x2 = back ? x(b) + W / 2 : x(b);
      const y2 = back ? y(b) + H : y(b) + H / 2;
      const bend = back ? `C ${x1 + 40} ${y1 + 50}, ${x2} ${y2 + 40}, ${x2} ${y2}` : `C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`;
      return svg("path", {
        d: `M ${x1} ${y1} ${bend}`,
        class: `jd-ce-edge${e.route ? " jd-ce-edge-route" : ""}`,
        "marker-end": `url(#${arrowId})`,
      });
    });
  const boxes = nodes.map((n) => {
    const label = describe(n);
    const shape =
      n.kind === "ending"
        ? svg("rect", { x: x(n), y: y(n), width: W, height: H, rx: 20 })
        : svg("rect", { x: x(n), y: y(n), width: W, height: H, rx: 4 });
    const title = (n.id || "(zonder id)").slice(0, 20);
    const link = svg(
      "a",
      {
        href: `#${ctx.base}-f-${n.kind === "scene" ? "scenes" : "endings"}-${n.index}`,
        class: `jd-ce-node jd-ce-node-${n.kind}${n.marks.size ? " jd-ce-node-problem" : ""}`,
        "aria-label": label,
      },
      [
        svg("title", {}, [document.createTextNode(label)]),
        shape,
        svg("text", { x: x(n) + 8, y: y(n) + 18 }, [document.createTextNode(`${n.id === ctx.start ? "▶ " : ""}${title}`)]),
        n.marks.size
          ? svg("text", { x: x(n) + 8, y: y(n) + 35, class: "jd-ce-mark" }, [document.createTextNode(`⚠ ${[...n.marks].map((m) => MARKS[m]).join(", ").slice(0, 24)}`)])
          : null,
      ],
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      ctx.goTo(`${n.kind === "scene" ? "scenes" : "endings"}.${n.index}`);
    });
    return link;
  });
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "group", "aria-label": "Scènegraaf: elke scène en afloop is een link naar haar formulier" }, [
    svg("defs", {}, [
      svg("marker", { id: arrowId, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, [
        svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }),
      ]),
    ]),
    ...lines,
    ...boxes,
  ]);
  const textVersion = el(
    "ul",
    { className: "jd-ce-graph-text" },
    nodes.map((n) => {
      const out = edges.filter((e) => e.from === n.id && n.kind === "scene");
      return el("li", {}, [
        el("span", { text: `${n.id === ctx.start ? "Start · " : ""}${describe(n)}` }),
        out.length
          ? el(
              "ul",
              {},
              out.map((e) => el("li", { text: `${e.label} → ${e.to || "(nog niet gekozen)"}${byId.has(e.to) ? "" : " (bestaat niet)"}` })),
            )
          : null,
      ]);
    }),
  );
  const marked = nodes.filter((n) => n.marks.size).length;
  return el("div", { className: "jd-ce-graph-view" }, [
    el("p", {
      className: "jd-hint",
      text: marked
        ? `${marked} scène(s) of afloop/aflopen gemarkeerd met ⚠: zie de tekstversie en de controle hieronder.`
        : "Geen onbereikbare scènes, doodlopende scènes of kringen zonder afloop gevonden.",
    }),
    el("div", { className: "jd-ce-graph-scroll" }, [drawing]),
    el("details", { className: "jd-ce-graph-details" }, [el("summary", { text: "De scènegraaf als tekst" }), textVersion]),
  ]);
}
