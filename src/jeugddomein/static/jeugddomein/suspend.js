// The learner store in SCORM suspend_data: the rules (budget, priority, trimming, merge) as pure functions, and the
// encoding (JSON, deflate with the browser's own CompressionStream, base64). The browser store stays the primary
// store; suspend_data only carries the work to the learner's next launch, on this or another device.
// Run by the launch page (lms.js); tests/node/suspend.test.mjs holds the cases.

/** The most characters cmi.suspend_data may hold, per standard (SCORM 1.2: CMIString4096; 2004: SPM 64000). */
export const BUDGETS = { "1.2": 4096, 2004: 64000 };

/** Marks our encoding (and its version) at the start of suspend_data. */
export const PREFIX = "jd1:";

/**
 * What is worth most when not everything fits (a lower tier goes first): the learner's own thinking (reflections,
 * scans, rubric self-assessment, competence self-assessment), then the small answers of the checks, worksheets and
 * role-plays, then rich pictures (large), then the lecturer's case-editor draft. Unknown kinds come last.
 */
export const TIERS = {
  reflection: 0,
  "bronstein-scan": 0,
  rubric: 0,
  "competence-tracker": 0,
  "knowledge-check": 1,
  worksheet: 2,
  "role-play": 2,
  "rich-picture": 3,
  "case-editor": 4,
};
const LAST_TIER = 5;

/**
 * @typedef {{id: string, widget: string, updated: string, state: object}} Entry  one exercise's work
 * @typedef {{v: 1, e: [string, string, object][], o: string[] | number}} Payload  kept entries, left-out ids (or count)
 */

/** Entries in the order they are kept: tier, then newest first, then id (a stable order for equal times). */
export function ordered(entries) {
  const tier = (e) => (e.widget in TIERS ? TIERS[e.widget] : LAST_TIER);
  return [...entries].sort(
    (a, b) => tier(a) - tier(b) || Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** @returns {Payload} */
function payload(kept, left) {
  return { v: 1, e: kept.map((e) => [e.id, e.updated, e.state]), o: left };
}

/**
 * The most valuable part of the entries whose encoding fits the budget: entries are taken in `ordered` order and
 * one that does not fit is skipped (a smaller, less valuable one after it may still fit). The ids left out travel
 * along (so the other device can name them), or only their count when even the list does not fit.
 * `encode(payload)` gives the text that would be stored. Never returns text longer than the budget.
 * @param {Entry[]} entries
 * @param {(p: Payload) => Promise<string>} encode
 * @param {number} budget
 * @returns {Promise<{text: string, kept: string[], left: string[]}>}
 */
export async function fit(entries, encode, budget) {
  const all = ordered(entries);
  const text = await encode(payload(all, []));
  if (text.length <= budget) return { text, kept: all.map((e) => e.id), left: [] };
  const kept = [];
  const rest = (extra) => all.filter((e) => e !== extra && !kept.includes(e)).map((e) => e.id);
  for (const entry of all) {
    if ((await encode(payload([...kept, entry], rest(entry)))).length <= budget) kept.push(entry);
  }
  const left = rest(null);
  // The final list of left-out ids is never longer than those tried above, so this fits; the loop is a guarantee.
  for (;;) {
    for (const omitted of [left, left.length]) {
      const final = await encode(payload(kept, omitted));
      if (final.length <= budget) return { text: final, kept: kept.map((e) => e.id), left };
    }
    if (!kept.length) throw new Error(`zelfs een lege voortgang past niet in ${budget} tekens`);
    left.unshift(kept.pop().id);
  }
}

/**
 * Entries from a decoded payload that belong to this course: known id, a valid time, a state object. `known` maps
 * an id to its placement ({widget, page}); the rest is reported as `skipped` (ids), never stored.
 * @param {Payload} data
 * @param {Map<string, {widget: string, page: string}>} known
 */
export function entriesOf(data, known) {
  const entries = [];
  const skipped = [];
  const rows = data && Array.isArray(data.e) ? data.e : [];
  for (const row of rows) {
    const [id, updated, state] = Array.isArray(row) ? row : [];
    const place = typeof id === "string" ? known.get(id) : undefined;
    const valid = place && typeof updated === "string" && !Number.isNaN(Date.parse(updated));
    if (valid && state !== null && typeof state === "object" && !Array.isArray(state)) {
      entries.push({ id, widget: place.widget, page: place.page, updated, state });
    } else {
      skipped.push(typeof id === "string" ? id : "?");
    }
  }
  const left = data && Array.isArray(data.o) ? data.o.filter((id) => typeof id === "string") : [];
  const leftCount = data && typeof data.o === "number" ? data.o : left.length;
  return { entries, skipped, left, leftCount };
}

/**
 * What merging entries into the store does, as an import: new (not in the store), updated (the entry is newer)
 * and kept (the store's work is newer or equal). Nothing is deleted. `read(id)` gives the stored record or null.
 * @template {{id: string, updated: string}} T
 * @param {T[]} entries
 * @param {(id: string) => {updated: string} | null} read
 */
export function planMerge(entries, read) {
  /** @type {{added: T[], updated: T[], kept: T[]}} */
  const plan = { added: [], updated: [], kept: [] };
  for (const entry of entries) {
    const current = read(entry.id);
    if (!current) plan.added.push(entry);
    else if (Date.parse(entry.updated) > Date.parse(current.updated)) plan.updated.push(entry);
    else plan.kept.push(entry);
  }
  return plan;
}

/** Bytes as base64 (btoa takes a binary string; chunks keep the argument list short). */
function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function through(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A payload as suspend_data text: PREFIX + base64(deflate(JSON)). */
export async function encode(data) {
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  return PREFIX + toBase64(await through(bytes, new CompressionStream("deflate")));
}

/** suspend_data text back to a payload; throws an Error with a Dutch reason when it is not ours or damaged. */
export async function decode(text) {
  if (!text.startsWith(PREFIX)) throw new Error("de gegevens komen niet van deze cursus");
  let data;
  try {
    const bytes = await through(fromBase64(text.slice(PREFIX.length)), new DecompressionStream("deflate"));
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("de gegevens zijn beschadigd");
  }
  if (!data || typeof data !== "object" || data.v !== 1) throw new Error("onbekende versie van de gegevens");
  return data;
}
