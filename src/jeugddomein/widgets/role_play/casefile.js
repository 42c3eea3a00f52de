// A case file as text: read YAML the way the build does (YAML 1.1, as PyYAML: yes/no are booleans, "000" is text),
// write YAML that reads like a hand-written case file (long texts folded, short id lists in brackets, the comments
// and the key order of the imported file kept where the same field still exists), and the form state the case
// editor edits. Pure functions, no DOM; the `yaml` package is bundled by esbuild.
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";

const YAML_OPTIONS = /** @type {const} */ ({ version: "1.1", prettyErrors: false, uniqueKeys: true });
const ID_LISTS = new Set(["roles", "requires", "unless", "sets", "strengthens", "weakens", "see", "when"]);
const FOLD_AT = 80;

/**
 * Parse a case file's text. `problems` holds Dutch messages (with the line) when the text is not valid YAML.
 * @param {string} text
 * @returns {{data: any, doc: import("yaml").Document | null, problems: [string, string][]}}
 */
export function readCaseText(text) {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) {
    const problems = doc.errors.map((error) => {
      const line = error.linePos?.[0]?.line;
      const where = line ? `regel ${line}` : "(bestand)";
      return /** @type {[string, string]} */ ([where, `geen geldige YAML: ${error.message.split("\n")[0]}`]);
    });
    return { data: null, doc: null, problems };
  }
  return { data: doc.toJS({ maxAliasCount: 100 }), doc, problems: [] };
}

// --- form state: every field present, flags as a list (their ids are edited too) --------------------------------

const text = (value) => (value === null || value === undefined ? "" : String(value));
const texts = (value) => (Array.isArray(value) ? value.map(text) : []);
const items = (value) => (Array.isArray(value) ? value.filter((v) => v && typeof v === "object") : []);
/** Texts per role (`as_role`): role id -> text; anything that is not a block of fields reads as none. */
const roleTexts = (value) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([role, t]) => [role, text(t)]))
    : {};
const variants = (value) => items(value).map((v) => ({ when: texts(v.when), text: text(v.text), as_role: roleTexts(v.as_role) }));

/** The editor's form state of a case (from parsed YAML, possibly incomplete). */
export function formState(data) {
  const d = data && typeof data === "object" ? data : {};
  return {
    title: text(d.title),
    summary: text(d.summary),
    setting: text(d.setting),
    learning_goals: texts(d.learning_goals),
    chapters: texts(d.chapters),
    source: items(d.source).map((s) => ({ seed: text(s.seed), lines: text(s.lines), what: text(s.what) })),
    flags: Object.entries(d.flags && typeof d.flags === "object" ? d.flags : {}).map(([id, meaning]) => ({
      id,
      text: text(meaning),
    })),
    roles: items(d.roles).map((r) => ({
      id: text(r.id),
      kind: text(r.kind),
      name: text(r.name),
      lead: r.lead === true,
      playable: r.playable !== false,
      public: text(r.public),
      private: text(r.private),
      wants: text(r.wants),
    })),
    start: text(d.start),
    scenes: items(d.scenes).map((s) => ({
      id: text(s.id),
      title: text(s.title),
      text: text(s.text),
      as_role: roleTexts(s.as_role),
      prompt: text(s.prompt),
      variants: variants(s.variants),
      choices: items(s.choices).map((c) => ({
        id: text(c.id),
        text: text(c.text),
        as_role: roleTexts(c.as_role),
        next: text(c.next),
        roles: texts(c.roles),
        requires: texts(c.requires),
        unless: texts(c.unless),
        sets: texts(c.sets),
        feedback: text(c.feedback),
        strengthens: texts(c.strengthens),
        weakens: texts(c.weakens),
        see: texts(c.see),
      })),
      routes: items(s.routes).map((r) => ({ when: texts(r.when), next: text(r.next) })),
    })),
    endings: items(d.endings).map((e) => ({
      id: text(e.id),
      title: text(e.title),
      tone: text(e.tone),
      text: text(e.text),
      as_role: roleTexts(e.as_role),
      variants: variants(e.variants),
    })),
    reflection: texts(d.reflection),
  };
}

/** A new, empty case as form state. */
export function emptyState() {
  return formState({});
}

/**
 * The case file's data from the form state, as an author writes it: optional fields only when they say something,
 * required ones always (empty fields left out, so the checks name them as missing), texts trimmed.
 */
export function caseData(state) {
  const out = {};
  const put = (target, key, value) => {
    const clean = typeof value === "string" ? value.trim() : value;
    if (clean !== "" && clean !== undefined) target[key] = clean;
  };
  const list = (value) => value.map((v) => v.trim());
  const optionalList = (target, key, value) => {
    if (value.length) target[key] = list(value);
  };
  const roleOrder = state.roles.map((r) => r.id.trim());
  /** The texts per role that say something, in the order of the roles (then any other ids), or nothing. */
  const putRoleTexts = (target, value) => {
    const filled = Object.entries(value || {})
      .map(([role, t]) => [role.trim(), t.trim()])
      .filter(([, t]) => t !== "");
    const rank = (role) => (roleOrder.includes(role) ? roleOrder.indexOf(role) : roleOrder.length);
    filled.sort(([a], [b]) => rank(a) - rank(b));
    if (filled.length) target.as_role = Object.fromEntries(filled);
  };
  const variantData = (v) => {
    const variant = { when: list(v.when), text: v.text.trim() };
    putRoleTexts(variant, v.as_role);
    return variant;
  };
  put(out, "title", state.title);
  put(out, "summary", state.summary);
  put(out, "setting", state.setting);
  out.learning_goals = list(state.learning_goals);
  out.chapters = list(state.chapters);
  out.source = state.source.map((s) => {
    const item = {};
    put(item, "seed", s.seed);
    put(item, "lines", s.lines);
    put(item, "what", s.what);
    return item;
  });
  if (state.flags.length) out.flags = Object.fromEntries(state.flags.map((f) => [f.id.trim(), f.text.trim()]));
  out.roles = state.roles.map((r) => {
    const role = {};
    put(role, "id", r.id);
    put(role, "kind", r.kind);
    put(role, "name", r.name);
    if (r.lead) role.lead = true;
    if (!r.playable) role.playable = false;
    put(role, "public", r.public);
    put(role, "wants", r.wants);
    put(role, "private", r.private);
    return role;
  });
  put(out, "start", state.start);
  out.scenes = state.scenes.map((s) => {
    const scene = {};
    put(scene, "id", s.id);
    put(scene, "title", s.title);
    put(scene, "text", s.text);
    putRoleTexts(scene, s.as_role);
    if (s.variants.length) scene.variants = s.variants.map(variantData);
    put(scene, "prompt", s.prompt);
    if (s.choices.length) {
      scene.choices = s.choices.map((c) => {
        const choice = {};
        put(choice, "id", c.id);
        put(choice, "text", c.text);
        putRoleTexts(choice, c.as_role);
        put(choice, "next", c.next);
        optionalList(choice, "roles", c.roles);
        optionalList(choice, "requires", c.requires);
        optionalList(choice, "unless", c.unless);
        optionalList(choice, "sets", c.sets);
        put(choice, "feedback", c.feedback);
        optionalList(choice, "strengthens", c.strengthens);
        optionalList(choice, "weakens", c.weakens);
        optionalList(choice, "see", c.see);
        return choice;
      });
    }
    if (s.routes.length) {
      scene.routes = s.routes.map((r) => {
        const route = {};
        optionalList(route, "when", r.when);
        put(route, "next", r.next);
        return route;
      });
    }
    return scene;
  });
  out.endings = state.endings.map((e) => {
    const ending = {};
    put(ending, "id", e.id);
    put(ending, "title", e.title);
    put(ending, "tone", e.tone);
    put(ending, "text", e.text);
    putRoleTexts(ending, e.as_role);
    if (e.variants.length) ending.variants = e.variants.map(variantData);
    return ending;
  });
  out.reflection = list(state.reflection);
  return out;
}

// --- writing YAML ------------------------------------------------------------------------------------------------

/** The same item in the imported file: a block with the same `id`, else the one at the same place. */
function counterpart(original, item, index) {
  if (!isSeq(original)) return null;
  if (isMap(item) && item.has("id") && original.items.some((o) => isMap(o) && o.has("id"))) {
    return original.items.find((o) => isMap(o) && o.get("id") === item.get("id")) || null;
  }
  return original.items[index] || null;
}

/** Copy comments, blank lines, key order and scalar style from the imported node to the new one where it fits. */
function carry(original, node) {
  if (!original || !node || typeof node !== "object") return;
  for (const key of ["commentBefore", "comment", "spaceBefore"]) {
    if (original[key] !== undefined && original[key] !== null) node[key] = original[key];
  }
  if (isScalar(original) && isScalar(node) && original.value === node.value && original.type) node.type = original.type;
  if (isSeq(original) && isSeq(node)) {
    if (node.items.every(isScalar)) node.flow = Boolean(original.flow);
    node.items.forEach((item, i) => carry(counterpart(original, item, i), item));
  }
  if (isMap(original) && isMap(node)) {
    const order = original.items.map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key));
    const rank = (pair) => {
      const at = order.indexOf(isScalar(pair.key) ? pair.key.value : pair.key);
      return at < 0 ? order.length : at;
    };
    node.items.sort((a, b) => rank(a) - rank(b));
    for (const pair of node.items) {
      const old = original.items.find(
        (p) => isPair(p) && isScalar(p.key) && isScalar(pair.key) && p.key.value === pair.key.value,
      );
      if (!old) continue;
      carry(old.key, pair.key);
      carry(old.value, pair.value);
    }
  }
}

/** House style: long texts folded (>-), short lists of ids in brackets. */
function style(node, key = null) {
  if (isScalar(node) && typeof node.value === "string" && (node.value.length > FOLD_AT || node.value.includes("\n"))) {
    node.type = "BLOCK_FOLDED";
  } else if (isSeq(node)) {
    if (ID_LISTS.has(key) && node.items.every(isScalar)) node.flow = true;
    for (const item of node.items) style(item);
  } else if (isMap(node)) {
    for (const pair of node.items) style(pair.value, isScalar(pair.key) ? pair.key.value : null);
  }
}

/**
 * The YAML text of a case's data. `original` (the imported file's document) lends its comments, key order and
 * quoting wherever the same field still exists.
 * @param {object} data
 * @param {import("yaml").Document | null} [original]
 */
export function caseYaml(data, original = null) {
  const doc = new Document(data, YAML_OPTIONS);
  style(doc.contents);
  if (original) {
    doc.commentBefore = original.commentBefore;
    doc.comment = original.comment;
    carry(original.contents, doc.contents);
  }
  return doc.toString({ lineWidth: 110, minContentWidth: 40, flowCollectionPadding: false });
}

// --- a fingerprint of a file ------------------------------------------------------------------------------------

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/**
 * SHA-256 of a text (UTF-8) as hex; in plain JavaScript, because crypto.subtle is missing on plain-http intranets.
 * @param {string} input
 */
export function sha256(input) {
  const bytes = new TextEncoder().encode(input);
  const length = Math.ceil((bytes.length + 9) / 64) * 64;
  const data = new Uint8Array(length);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const view = new DataView(data.buffer);
  view.setUint32(length - 8, Math.floor((bytes.length * 8) / 2 ** 32));
  view.setUint32(length - 4, (bytes.length * 8) >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i += 1) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i += 1) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((value, i) => {
      h[i] = (h[i] + value) >>> 0;
    });
  }
  return [...h].map((x) => x.toString(16).padStart(8, "0")).join("");
}

/**
 * The line of a dotted problem path in a case file's text, as the build finds it (loading.py: a key's own line, a
 * list item's first line, else the nearest enclosing path's line); null when the text has no such place.
 * @param {string} source
 * @param {string} dotted  e.g. "scenes.2.choices.0.next"
 */
export function lineOf(source, dotted) {
  const counter = new LineCounter();
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter: counter });
  const line = (node) => (node?.range ? counter.linePos(node.range[0]).line : null);
  let node = doc.contents;
  let found = line(node);
  const steps = dotted ? dotted.split(".") : [];
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i];
    if (isSeq(node) && /^\d+$/.test(step)) {
      node = node.items[Number(step)];
      if (!node) break;
      found = line(node) ?? found;
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair) break;
      found = line(pair.key) ?? found;
      if (steps[i + 1] === "[key]") break;
      node = pair.value;
    } else break;
  }
  return found;
}
