// The worksheet's rules as pure functions (no DOM); tests/golden/worksheet/ holds the cases both languages must pass.
// `config` is the worksheet as the page embeds it (its `sections` with their fields); `state` the learner's answers
// (`texts`, `choices`, `items`). When an id occurs twice in the answers, the last one counts.

/** The answers of a ja-nee-nvt field and how the portfolio shows them. */
export const CHOICES = { ja: "Ja", nee: "Nee", nvt: "Niet van toepassing" };

/** The text without white space at either end. */
export function trim(text) {
  return typeof text === "string" ? text.trim() : "";
}

function byId(entries) {
  const out = new Map();
  for (const entry of entries || []) out.set(entry.id, entry);
  return out;
}

/** The answers by id: {texts, choices, items}, each a Map. */
export function answerMaps(state) {
  return { texts: byId(state.texts), choices: byId(state.choices), items: byId(state.items) };
}

function choiceOf(answer) {
  const value = answer?.value;
  return typeof value === "string" && Object.hasOwn(CHOICES, value) ? value : null;
}

function fieldsOf(config) {
  return (config.sections || []).flatMap((section) => section.fields || []);
}

/** [answered, complete] of one field: something entered; filled in as a required field must be. */
function status(field, { texts, choices, items }) {
  if (field.kind === "kort" || field.kind === "lang") {
    const filled = Boolean(trim(texts.get(field.id)?.text));
    return [filled, filled];
  }
  if (field.kind === "ja-nee-nvt") {
    const chosen = choiceOf(choices.get(field.id)) !== null;
    return [chosen, chosen];
  }
  if (field.kind === "afvinklijst") {
    const points = field.items || [];
    const ticked = points.map((p) => Boolean(items.get(p.id)?.checked));
    const noted = points.some((p) => Boolean(trim(items.get(p.id)?.note)));
    return [ticked.some(Boolean) || noted, points.length > 0 && ticked.every(Boolean)];
  }
  return [false, false];
}

/**
 * How far the worksheet is: fields in all, fields with an answer, required fields, required fields complete.
 * A checklist counts as answered when an item is ticked or noted, and as complete when every item is ticked.
 */
export function progress(config, state) {
  const maps = answerMaps(state);
  const out = { fields: 0, answered: 0, required: 0, complete: 0 };
  for (const field of fieldsOf(config)) {
    const [answered, complete] = status(field, maps);
    out.fields += 1;
    out.answered += answered ? 1 : 0;
    if (field.required) {
      out.required += 1;
      out.complete += complete ? 1 : 0;
    }
  }
  return out;
}

/** Done: something is filled in and every required field is complete. */
export function done(config, state) {
  const counts = progress(config, state);
  return counts.answered > 0 && counts.complete === counts.required;
}

/** '<prefix> (afgevinkt; notitie: ...)', or null for an item neither ticked nor noted. */
function itemLine(prefix, answer) {
  const checked = Boolean(answer?.checked);
  const note = trim(answer?.note);
  if (!checked && !note) return null;
  return `${prefix} (${checked ? "afgevinkt" : "niet afgevinkt"}${note ? `; notitie: ${note})` : ")"}`;
}

/**
 * The learner's answers as lines for the portfolio and its print: every answer appears, in worksheet order.
 * Answers at fields the worksheet no longer has (an edited worksheet file) are listed at the end with their id.
 */
export function summaryLines(config, state) {
  const { texts, choices, items } = answerMaps(state);
  const lines = [];
  const known = new Set();
  for (const section of config.sections || []) {
    const found = [];
    for (const field of section.fields || []) {
      known.add(field.id);
      if (field.kind === "kort" || field.kind === "lang") {
        const text = trim(texts.get(field.id)?.text);
        if (text) found.push(`${field.label}: ${text}`);
      } else if (field.kind === "ja-nee-nvt") {
        const chosen = choiceOf(choices.get(field.id));
        if (chosen) found.push(`${field.label}: ${CHOICES[chosen]}`);
      } else if (field.kind === "afvinklijst") {
        for (const point of field.items || []) {
          known.add(point.id);
          const line = itemLine(`${field.label} – ${point.text}`, items.get(point.id));
          if (line) found.push(line);
        }
      }
    }
    if (found.length) lines.push(section.title, ...found);
  }
  const gone = "Niet meer in het werkblad";
  for (const [key, answer] of texts) {
    const text = trim(answer?.text);
    if (!known.has(key) && text) lines.push(`${gone}, veld ${key}: ${text}`);
  }
  for (const [key, answer] of choices) {
    const chosen = choiceOf(answer);
    if (!known.has(key) && chosen) lines.push(`${gone}, veld ${key}: ${CHOICES[chosen]}`);
  }
  for (const [key, answer] of items) {
    const line = known.has(key) ? null : itemLine(`${gone}, punt ${key}`, answer);
    if (line) lines.push(line);
  }
  if (!lines.length) return ["Nog niets ingevuld."];
  const counts = progress(config, state);
  let head = `Ingevuld: ${counts.answered} van ${counts.fields} velden`;
  if (counts.required) head += `; verplicht: ${counts.complete} van ${counts.required}`;
  return [`${head}.`, ...lines];
}
