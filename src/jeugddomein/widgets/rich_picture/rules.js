// The rich picture's rules as pure functions: no DOM, no model; the view and the tests import them.
import { schemaProblems } from "../_shared/schema_messages.js";
import { PICTOGRAMS } from "./pictograms.js";
import validateShape, { choices } from "./scene_schema.js";

export const FORMAT = "jeugddomein-rich-picture";
export const VERSION = 2;
export const MAX_ELEMENTS = 1000;
export const MAX_RELATIONS = 2000;
export const MAX_PICTURES = 30;
export const COORD = 100000;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const STYLE_WORDS = { strong: "sterk", weak: "zwak", strained: "gespannen" };
export const DIRECTION_WORDS = {
  forward: "pijl naar het tweede element",
  backward: "pijl naar het eerste element",
  both: "pijl in twee richtingen",
  none: "geen pijl",
};
export const KIND_WORDS = { actor: "actor", text: "tekst", thought: "gedachte", worry: "zorg", boundary: "grens" };

// Pure rules: migrate, validate, normalise and analyse a scene (the same rules as model.py and analysis.py;
// tests/golden/rich_picture/ holds the cases both languages must pass)

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
export const clone = (value) => JSON.parse(JSON.stringify(value));

/** A new, empty scene. */
export function emptyScene(title = "Rich picture") {
  return { format: FORMAT, version: VERSION, title, elements: [], relations: [] };
}

export const V1_STYLE = { positive: "strong", neutral: "weak", negative: "strained" };

// Version 1 (the course's first canvas) kept actors, notes, clouds, areas and links in separate lists.
export function migrateV1(old) {
  const elements = [];
  for (const a of old.areas || []) {
    elements.push({ id: a.id, kind: "boundary", label: a.name ?? "", x: a.x, y: a.y, width: a.w, height: a.h });
  }
  for (const a of old.actors || []) {
    elements.push({ id: a.id, kind: "actor", pictogram: a.icon ?? "persoon", label: a.name ?? "", x: a.x, y: a.y });
  }
  for (const n of old.notes || []) elements.push({ id: n.id, kind: "text", label: n.text ?? "", x: n.x, y: n.y });
  for (const c of old.clouds || []) {
    elements.push({
      id: c.id,
      kind: "bubble",
      variant: c.worry ? "worry" : "thought",
      label: c.text ?? "",
      actor: c.actor,
      dx: c.dx ?? 60,
      dy: c.dy ?? -70,
    });
  }
  const relations = (old.links || []).map((l) => ({
    id: l.id,
    source: l.from,
    target: l.to,
    label: l.text ?? "",
    direction: (l.arrow ?? true) ? "forward" : "none",
    style: V1_STYLE[l.tone ?? "positive"] || "strong",
    conflict: Boolean(l.conflict ?? false),
  }));
  return { format: FORMAT, version: 2, title: old.title || "Rich picture", elements, relations };
}

export const MIGRATIONS = { 1: migrateV1 };

/** Bring an older scene up to the current version; a newer version is refused with a Dutch message. */
export function migrate(data) {
  if (!isObject(data)) return data;
  if (Number.isInteger(data.version) && data.version > VERSION) {
    throw new Error(
      `deze tekening heeft versie ${data.version}, nieuwer dan deze cursus (${VERSION}); ` +
        "open haar in een nieuwere versie van de cursus",
    );
  }
  let out = data;
  while (isObject(out) && Number.isInteger(out.version) && MIGRATIONS[out.version]) out = MIGRATIONS[out.version](out);
  return out;
}

export const ELEMENT_FIELDS = {
  actor: { pictogram: "pictogram", label: "label", x: "coord", y: "coord" },
  text: { label: "label", x: "coord", y: "coord" },
  bubble: { variant: "variant", label: "label", actor: "id", dx: "coord", dy: "coord" },
  boundary: { label: "label", x: "coord", y: "coord", width: "size", height: "size" },
};
/** @type {((scene: unknown) => boolean) & {errors?: any[]}} compiled from schema/rich-picture-scene.schema.json */
const checkShape = validateShape;

/**
 * What is wrong with a (migrated) scene, as Dutch lines `path: reason`; empty when it is valid. The shape is checked
 * by the validator compiled from the scene's JSON schema (the pydantic model `Scene`), then the references.
 */
export function validateScene(scene) {
  const problems = checkShape(scene) ? referenceProblems(scene) : schemaProblems(checkShape.errors, choices);
  return problems.map((p) => `${p.path}: ${p.message}`);
}

/**
 * The reference rules of a scene that fits its schema, which JSON schema cannot state (the same as `scene_problems`
 * in model.py): ids are unique over elements and relations, a relation joins two different existing elements, and
 * a bubble belongs to an existing actor.
 * @returns {{path: string, message: string}[]}
 */
export function referenceProblems(scene) {
  const problems = [];
  const problem = (path, message) => problems.push({ path, message });
  const elements = scene.elements ?? [];
  const relations = scene.relations ?? [];
  const kinds = new Map();
  elements.forEach((e, i) => {
    if (kinds.has(e.id)) problem(`elements.${i}.id`, `het id '${e.id}' komt twee keer voor; geef elk element een eigen id`);
    kinds.set(e.id, e.kind);
  });
  const seen = new Set(kinds.keys());
  relations.forEach((r, i) => {
    if (seen.has(r.id)) problem(`relations.${i}.id`, `het id '${r.id}' komt twee keer voor; geef elke relatie een eigen id`);
    seen.add(r.id);
    for (const end of ["source", "target"]) {
      if (!kinds.has(r[end])) problem(`relations.${i}.${end}`, `de relatie verwijst naar '${r[end]}', maar dat element bestaat niet`);
    }
    if (r.source === r.target) problem(`relations.${i}`, "een relatie verbindt twee verschillende elementen");
  });
  elements.forEach((e, i) => {
    if (e.kind === "bubble" && kinds.get(e.actor) !== "actor") {
      problem(`elements.${i}.actor`, `de wolk hoort bij '${e.actor}', maar dat is geen actor in deze tekening`);
    }
  });
  return problems;
}

/** A valid scene with every default filled in and keys in the export order (as the Python model dumps it). */
export function canonical(scene) {
  const elements = (scene.elements ?? []).map((e) => {
    const out = { id: e.id, kind: e.kind };
    for (const key of Object.keys(ELEMENT_FIELDS[e.kind])) out[key] = key in e ? e[key] : "";
    return out;
  });
  const relations = (scene.relations ?? []).map((r) => ({
    id: r.id,
    source: r.source,
    target: r.target,
    label: r.label ?? "",
    direction: r.direction ?? "forward",
    style: r.style ?? "strong",
    conflict: r.conflict ?? false,
  }));
  return { format: FORMAT, version: VERSION, title: scene.title ?? "Rich picture", elements, relations };
}

/** Parse, migrate, check and normalise a scene; returns {scene} or {problems}. */
export function readScene(data) {
  let migrated;
  try {
    migrated = migrate(data);
  } catch (error) {
    return { problems: [`version: ${error.message}`] };
  }
  const problems = validateScene(migrated);
  return problems.length ? { problems } : { scene: canonical(migrated) };
}

export function indexScene(scene) {
  return new Map(scene.elements.map((e) => [e.id, e]));
}

/** Centre of an element; a bubble follows its actor. */
export function position(byId, e) {
  if (e.kind === "bubble") {
    const actor = byId.get(e.actor);
    return actor ? { x: actor.x + e.dx, y: actor.y + e.dy } : { x: e.dx, y: e.dy };
  }
  if (e.kind === "boundary") return { x: e.x + e.width / 2, y: e.y + e.height / 2 };
  return { x: e.x, y: e.y };
}

/** The name the picture shows for an element (label, or the pictogram's label for an unnamed actor). */
export function nameOf(byId, id) {
  const e = byId.get(id);
  if (!e) return id;
  if (e.label.trim()) return e.label.trim();
  if (e.kind === "actor") return PICTOGRAMS[e.pictogram]?.label || "actor";
  if (e.kind === "bubble") return `${KIND_WORDS[e.variant]} van ${nameOf(byId, e.actor)}`;
  return `(${KIND_WORDS[e.kind]})`;
}

/** Ids of the boundaries holding an element's centre. */
export function contextsOf(scene, id, byId = indexScene(scene)) {
  const e = byId.get(id);
  if (!e) return [];
  const { x, y } = position(byId, e);
  return scene.elements
    .filter((b) => b.kind === "boundary" && b.id !== id && b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height)
    .map((b) => b.id);
}

export const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The analysis of the exercise (same shape as `summary` in rich_picture_analysis.py). */
export function analyse(scene) {
  const byId = indexScene(scene);
  const actors = scene.elements.filter((e) => e.kind === "actor").map((e) => e.id);
  const contexts = {};
  for (const actor of actors) {
    const inside = contextsOf(scene, actor, byId);
    for (const boundary of inside.length ? inside : [""]) (contexts[boundary] ||= []).push(actor);
  }
  for (const key of Object.keys(contexts)) contexts[key].sort(byText);
  const perActor = {};
  for (const actor of [...actors].sort(byText)) {
    perActor[actor] = scene.relations.filter((r) => r.source === actor || r.target === actor).length;
  }
  const childLinks = {};
  for (const e of scene.elements) {
    if (e.kind !== "actor" || e.pictogram !== "kind") continue;
    const others = new Set();
    for (const r of scene.relations) {
      if (r.source === e.id) others.add(r.target);
      else if (r.target === e.id) others.add(r.source);
    }
    childLinks[e.id] = [...others].sort(byText);
  }
  return {
    actors: actors.length,
    relations: scene.relations.length,
    contexts,
    perActor,
    strained: scene.relations.filter((r) => r.style === "strained" || r.conflict).map((r) => r.id).sort(byText),
    childLinks,
  };
}


/** What one picture needs to count as done: the exercise asks for actors, relations with words, and a bubble. */
export const DONE_MINIMUM = { actors: 3, relations: 3, bubbles: 1 };

/** Done: at least one readable picture has DONE_MINIMUM actors, relations and thought or worry bubbles. */
export function done(config, state) {
  return (state.pictures || []).some((picture) => {
    const { scene } = readScene(picture?.scene);
    if (!scene) return false;
    const count = (kind) => scene.elements.filter((e) => e.kind === kind).length;
    return (
      count("actor") >= DONE_MINIMUM.actors &&
      scene.relations.length >= DONE_MINIMUM.relations &&
      count("bubble") >= DONE_MINIMUM.bubbles
    );
  });
}

/** The scene as the export writes it (every default filled in), or null when it is not a valid scene. */
export function normalise(data) {
  return readScene(data).scene ?? null;
}

// Placement and wording for the canvas (pure: the view passes the boxes it draws; no Python counterpart, as only the
// canvas places elements and speaks about them; tests/node/rich_picture_rules.test.mjs holds their cases)

/** Do two boxes {x, y, w, h} (left, top, width, height) overlap, with `gap` between them counted as overlap? */
export function overlaps(a, b, gap = 0) {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/**
 * The centre nearest to `near` where a box of `size` {w, h} overlaps none of `obstacles` (boxes {x, y, w, h}), with
 * `gap` space around it. Candidates lie on rings around `near`, each ring `step` further out, tried from the right
 * clockwise, so a new element lands beside the one the learner works on, never on top of another.
 */
export function freeSpot(obstacles, size, near, { gap = 16, step = 40, rings = 60 } = {}) {
  const free = (cx, cy) => {
    const box = { x: cx - size.w / 2, y: cy - size.h / 2, w: size.w, h: size.h };
    return !obstacles.some((o) => overlaps(box, o, gap));
  };
  for (let ring = 0; ring <= rings; ring += 1) {
    const count = ring === 0 ? 1 : 8 * ring;
    for (let i = 0; i < count; i += 1) {
      const angle = (i / count) * 2 * Math.PI;
      const cx = Math.round(near.x + Math.cos(angle) * ring * step);
      const cy = Math.round(near.y + Math.sin(angle) * ring * step);
      if (free(cx, cy)) return { x: cx, y: cy };
    }
  }
  return { x: Math.round(near.x), y: Math.round(near.y + (rings + 1) * step) };
}

/** "links van", "rechtsonder" ...: where a point lies seen from another (screen y grows downwards). */
export function directionWord(dx, dy) {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (ax < 1 && ay < 1) return "op";
  if (ax > 2 * ay) return dx < 0 ? "links van" : "rechts van";
  if (ay > 2 * ax) return dy < 0 ? "boven" : "onder";
  return `${dx < 0 ? "links" : "rechts"}${dy < 0 ? "boven" : "onder"}`;
}

/** A list in Dutch: "A", "A en B", "A, B en C". */
export function joinWords(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} en ${words.at(-1)}`;
}

/**
 * Where an element stands, in words relative to its nearest neighbour and the boundaries around it, e.g.
 * "Ouders staat nu links van Daan, in de grens Thuis." A boundary says what it holds.
 */
export function relativePlace(scene, id) {
  const byId = indexScene(scene);
  const e = byId.get(id);
  if (!e) return "";
  const name = nameOf(byId, id);
  if (e.kind === "boundary") {
    const inside = scene.elements.filter((x) => x.id !== id && contextsOf(scene, x.id, byId).includes(id));
    return inside.length
      ? `Grens ${name} omvat nu ${joinWords(inside.map((x) => nameOf(byId, x.id)))}.`
      : `Grens ${name} is nu leeg.`;
  }
  const here = position(byId, e);
  let nearest = null;
  let best = Infinity;
  for (const other of scene.elements) {
    if (other.id === id || other.kind === "boundary" || (other.kind === "bubble" && other.actor === id)) continue;
    if (e.kind === "bubble" && other.id === e.actor) continue;
    const p = position(byId, other);
    const d = Math.hypot(p.x - here.x, p.y - here.y);
    if (d < best) {
      best = d;
      nearest = { other, p };
    }
  }
  const parts = [];
  if (nearest) parts.push(`${directionWord(here.x - nearest.p.x, here.y - nearest.p.y)} ${nameOf(byId, nearest.other.id)}`);
  if (scene.elements.some((x) => x.kind === "boundary")) {
    const inside = contextsOf(scene, id, byId).map((b) => nameOf(byId, b));
    parts.push(
      inside.length === 0 ? "buiten elke grens" : `in de ${inside.length === 1 ? "grens" : "grenzen"} ${joinWords(inside)}`,
    );
  }
  return parts.length ? `${name} staat nu ${parts.join(", ")}.` : `${name} staat alleen op het tekenvlak.`;
}
