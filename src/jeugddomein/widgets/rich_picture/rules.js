// The rich picture's rules as pure functions: no DOM, no model; the view and the tests import them.
import { PICTOGRAMS } from "./pictograms.js";

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
export const OPTIONAL = new Set(["label"]);
export const RELATION_FIELDS = {
  id: "id", source: "id", target: "id", label: "label", direction: "direction", style: "style", conflict: "bool",
};

export function fieldProblem(type, value) {
  const number = typeof value === "number" && Number.isFinite(value);
  switch (type) {
    case "id":
      return typeof value === "string" && ID_PATTERN.test(value) ? "" : "hier hoort een id (letters, cijfers, - of _)";
    case "label":
      return typeof value === "string" && value.length <= 300 ? "" : "hier hoort tekst van hoogstens 300 tekens";
    case "coord":
      return number && Math.abs(value) <= COORD ? "" : `hier hoort een getal tussen -${COORD} en ${COORD}`;
    case "size":
      return number && value >= 40 && value <= COORD ? "" : "hier hoort een maat van minstens 40";
    case "pictogram":
      return value in PICTOGRAMS ? "" : `onbekend pictogram (kies uit ${Object.keys(PICTOGRAMS).join(", ")})`;
    case "variant":
      return value === "thought" || value === "worry" ? "" : "kies 'thought' (gedachte) of 'worry' (zorg)";
    case "direction":
      return value in DIRECTION_WORDS ? "" : "kies forward, backward, both of none";
    case "style":
      return value in STYLE_WORDS ? "" : "kies strong, weak of strained";
    case "bool":
      return typeof value === "boolean" ? "" : "hier hoort true of false";
    default:
      return "onbekend veld";
  }
}

/** What is wrong with a (migrated) scene, as Dutch lines `path: reason`; empty when it is valid. */
export function validateScene(scene) {
  const problems = [];
  if (!isObject(scene)) return ["(bestand): dit is geen tekening (verwacht een JSON-object)"];
  if (scene.format !== FORMAT) problems.push(`format: dit is geen rich picture van deze cursus (verwacht '${FORMAT}')`);
  if (scene.version !== VERSION) problems.push(`version: onbekende versie ${JSON.stringify(scene.version)}`);
  for (const key of Object.keys(scene)) {
    if (!["format", "version", "title", "elements", "relations"].includes(key)) {
      problems.push(`${key}: dit veld is onbekend; verwijder het`);
    }
  }
  if ("title" in scene && (typeof scene.title !== "string" || !scene.title.length || scene.title.length > 120)) {
    problems.push("title: hier hoort een titel van 1 tot 120 tekens");
  }
  const elements = scene.elements ?? [];
  const relations = scene.relations ?? [];
  if (!Array.isArray(elements) || elements.length > MAX_ELEMENTS) {
    return [...problems, `elements: hier hoort een lijst van hoogstens ${MAX_ELEMENTS} elementen`];
  }
  if (!Array.isArray(relations) || relations.length > MAX_RELATIONS) {
    return [...problems, `relations: hier hoort een lijst van hoogstens ${MAX_RELATIONS} relaties`];
  }
  elements.forEach((e, i) => {
    if (!isObject(e)) return problems.push(`elements.${i}: hier hoort een element`);
    const fields = ELEMENT_FIELDS[e.kind];
    if (!fields) return problems.push(`elements.${i}.kind: onbekend type (kies actor, text, bubble of boundary)`);
    const p = fieldProblem("id", e.id);
    if (p) problems.push(`elements.${i}.id: ${p}`);
    for (const [key, type] of Object.entries(fields)) {
      if (!(key in e)) {
        if (!OPTIONAL.has(key)) problems.push(`elements.${i}.${key}: dit verplichte veld ontbreekt`);
        continue;
      }
      const q = fieldProblem(type, e[key]);
      if (q) problems.push(`elements.${i}.${key}: ${q}`);
    }
    for (const key of Object.keys(e)) {
      if (key !== "id" && key !== "kind" && !(key in fields)) problems.push(`elements.${i}.${key}: dit veld is onbekend`);
    }
  });
  relations.forEach((r, i) => {
    if (!isObject(r)) return problems.push(`relations.${i}: hier hoort een relatie`);
    for (const [key, type] of Object.entries(RELATION_FIELDS)) {
      if (!(key in r)) {
        if (["id", "source", "target"].includes(key)) problems.push(`relations.${i}.${key}: dit verplichte veld ontbreekt`);
        continue;
      }
      const q = fieldProblem(type, r[key]);
      if (q) problems.push(`relations.${i}.${key}: ${q}`);
    }
    for (const key of Object.keys(r)) if (!(key in RELATION_FIELDS)) problems.push(`relations.${i}.${key}: dit veld is onbekend`);
  });
  if (problems.length) return problems;
  return referenceProblems(scene);
}

/** The reference rules (same as `scene_problems` in models/rich_picture.py). */
export function referenceProblems(scene) {
  const problems = [];
  const kinds = new Map();
  scene.elements.forEach((e, i) => {
    if (kinds.has(e.id)) problems.push(`elements.${i}.id: het id '${e.id}' komt twee keer voor; geef elk element een eigen id`);
    kinds.set(e.id, e.kind);
  });
  const seen = new Set(kinds.keys());
  scene.relations.forEach((r, i) => {
    if (seen.has(r.id)) problems.push(`relations.${i}.id: het id '${r.id}' komt twee keer voor; geef elke relatie een eigen id`);
    seen.add(r.id);
    for (const end of ["source", "target"]) {
      if (!kinds.has(r[end])) {
        problems.push(`relations.${i}.${end}: de relatie verwijst naar '${r[end]}', maar dat element bestaat niet`);
      }
    }
    if (r.source === r.target) problems.push(`relations.${i}: een relatie verbindt twee verschillende elementen`);
  });
  scene.elements.forEach((e, i) => {
    if (e.kind === "bubble" && kinds.get(e.actor) !== "actor") {
      problems.push(`elements.${i}.actor: de wolk hoort bij '${e.actor}', maar dat is geen actor in deze tekening`);
    }
  });
  return problems;
}

/** A valid scene with every default filled in and keys in the export order (as the Python model dumps it). */
export function canonical(scene) {
  const elements = scene.elements.map((e) => {
    const out = { id: e.id, kind: e.kind };
    for (const key of Object.keys(ELEMENT_FIELDS[e.kind])) out[key] = key in e ? e[key] : "";
    return out;
  });
  const relations = scene.relations.map((r) => ({
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
