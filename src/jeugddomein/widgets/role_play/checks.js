// The checks of a case file as pure functions, the same as the build's (model.py: pydantic's validation of CaseFile,
// then check_case), with the same Dutch messages: the case editor, a student's "open a case file" and the build
// report the same problems for the same file. tests/golden/role_play/check_case.json holds the shared cases.
import {
  CASE_SCHEMA,
  MAX_STATES,
  MODEL_KEYS,
  NOT_A_NAME,
  NOT_TEXT,
  PLAIN_REASONS,
  RESERVED_ROLE_IDS,
  ROLE_KINDS,
  SCENE_RULES,
  VOICE_RULES,
} from "./catalogue.js";

/** @typedef {[string, string]} Problem  a dotted YAML path (as the build prints it) and the Dutch reason */

// --- the model: what pydantic checks (types, required fields, lengths, patterns, the scene rule) ---------------

const TRUE_WORDS = ["1", "on", "t", "true", "y", "yes"];
const FALSE_WORDS = ["0", "off", "f", "false", "n", "no"];

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function resolve(schema) {
  let current = schema;
  while (current && current.$ref) current = CASE_SCHEMA.$defs[current.$ref.split("/").pop()];
  return current;
}

/** Python's repr of a string list joined as pydantic does: 'a', 'b' or 'c'. */
function expected(values) {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} of ${quoted[quoted.length - 1]}` : quoted.join("");
}

function reason(type, extra = "") {
  return PLAIN_REASONS[type] + extra;
}

/** Why a value is not text where text is meant, with the fix (loading.py's _not_text). */
function notText(value) {
  if (value === null || value === undefined) return NOT_TEXT.empty;
  if (typeof value === "boolean") return NOT_TEXT.yes_no;
  if (typeof value === "number") return NOT_TEXT.number.replaceAll("{value}", String(value));
  if (Array.isArray(value)) return NOT_TEXT.list;
  if (isObject(value)) return NOT_TEXT.key_value;
  return NOT_TEXT.other;
}

/** Validate `value` against one schema node, pushing [loc, reason] pairs like pydantic's errors. */
function walk(value, schema, loc, errors) {
  const s = resolve(schema);
  const fail = (type, extra = "") => errors.push([loc, reason(type, extra)]);
  if (s.anyOf) {
    if (value === null && s.anyOf.some((option) => option.type === "null")) return;
    walk(value, s.anyOf.find((option) => option.type !== "null"), loc, errors);
    return;
  }
  if (s.enum) {
    if (!s.enum.includes(value)) fail("literal_error", ` (kies uit ${expected(s.enum)})`);
    return;
  }
  if (s.type === "string") {
    if (typeof value !== "string") return void errors.push([loc, notText(value)]);
    const text = s["x-strip"] ? value.trim() : value;
    const length = [...text].length;
    if (s.minLength !== undefined && length < s.minLength) return fail("string_too_short");
    if (s.maxLength !== undefined && length > s.maxLength) return fail("string_too_long", ` (hoogstens ${s.maxLength} tekens)`);
    if (s.pattern && !new RegExp(s.pattern, "u").test(text)) fail("string_pattern_mismatch", ` (verwacht patroon ${s.pattern})`);
    return;
  }
  if (s.type === "boolean") {
    if (typeof value === "boolean" || value === 0 || value === 1) return;
    const word = typeof value === "string" ? value.toLowerCase() : null;
    if (word !== null && (TRUE_WORDS.includes(word) || FALSE_WORDS.includes(word))) return;
    fail(typeof value === "string" || typeof value === "number" ? "bool_parsing" : "bool_type");
    return;
  }
  if (s.type === "array") {
    if (!Array.isArray(value)) return fail("list_type");
    if (s.maxItems !== undefined && value.length > s.maxItems) return fail("too_long");
    const before = errors.length;
    value.forEach((item, i) => walk(item, s.items, [...loc, i], errors));
    if (errors.length === before && s.minItems !== undefined && value.length < s.minItems) fail("too_short");
    return;
  }
  if (s.type === "object" && s.properties) {
    if (!isObject(value)) return fail("model_type");
    const before = errors.length;
    const required = s.required || [];
    for (const [key, property] of Object.entries(s.properties)) {
      if (Object.hasOwn(value, key)) walk(value[key], property, [...loc, key], errors);
      else if (required.includes(key)) errors.push([[...loc, key], reason("missing")]);
    }
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(s.properties, key)) errors.push([[...loc, key], reason("extra_forbidden")]);
    }
    if (errors.length === before && s.title === "Scene") {
      const rule = sceneRule(value);
      if (rule) errors.push([loc, rule]);
    }
    return;
  }
  if (s.type === "object") {
    if (!isObject(value)) return fail("dict_type");
    // pydantic writes a dict with constrained keys as one pattern property: {pattern: value schema}.
    const [[pattern, values]] = Object.entries(s.patternProperties || { "": s.additionalProperties });
    for (const [key, item] of Object.entries(value)) {
      if (pattern) walk(key, { type: "string", pattern }, [...loc, key, "[key]"], errors);
      walk(item, values, [...loc, key], errors);
    }
  }
}

/** Scene's own validator (model.py: Scene._choices_or_routes): its message, or null. */
export function sceneRule(scene) {
  const choices = scene.choices || [];
  const routes = scene.routes || [];
  if (choices.length && routes.length) return SCENE_RULES.both;
  if (!choices.length && !routes.length) return SCENE_RULES.neither;
  if (choices.length && choices.length < 2) return SCENE_RULES.one_choice;
  if (routes.length && (routes[routes.length - 1].when || []).length) return SCENE_RULES.last_route;
  return null;
}

/** What pydantic reports for a case file's data (parsed YAML), in its order; empty when the model accepts it. */
export function modelProblems(data) {
  const errors = [];
  walk(data, CASE_SCHEMA, [], errors);
  return errors;
}

// --- check_case: what pydantic cannot see ------------------------------------------------------------------------

const options = (ids, limit = 12) => ids.slice(0, limit).join(", ") + (ids.length > limit ? ", …" : "");
const sceneOf = (c, id) => c.scenes.find((s) => s.id === id) || null;
const endingOf = (c, id) => c.endings.find((e) => e.id === id) || null;
const list = (value) => value || [];

function checkIds(c) {
  const problems = [];
  const seen = new Map();
  for (const [kind, items] of [["scenes", c.scenes], ["endings", c.endings]]) {
    items.forEach((item, i) => {
      if (seen.has(item.id)) {
        problems.push([
          [kind, i, "id"],
          `het id '${item.id}' komt al voor bij ${seen.get(item.id)}; geef elke scène en elke afloop een eigen id`,
        ]);
      } else seen.set(item.id, `${kind}.${i}`);
    });
  }
  c.scenes.forEach((scene, i) => {
    const ids = new Map();
    list(scene.choices).forEach((choice, j) => {
      if (ids.has(choice.id)) {
        problems.push([
          ["scenes", i, "choices", j, "id"],
          `de keuze-id '${choice.id}' komt in deze scène al voor (keuze ${ids.get(choice.id)}); ` +
            "geef elke keuze binnen een scène een eigen id",
        ]);
      } else ids.set(choice.id, j);
    });
  });
  const roleIds = new Map();
  c.roles.forEach((role, i) => {
    if (roleIds.has(role.id)) {
      problems.push([["roles", i, "id"], `de rol-id '${role.id}' komt al voor (roles.${roleIds.get(role.id)}); kies een ander id`]);
    } else if (RESERVED_ROLE_IDS.includes(role.id)) {
      problems.push([["roles", i, "id"], `'${role.id}' is gereserveerd voor klassikaal spel; kies een ander id`]);
    } else roleIds.set(role.id, i);
  });
  return problems;
}

/** A boolean as pydantic reads it (lax mode: also 1/0 and words such as "yes"). */
const truthy = (value) => value === true || value === 1 || (typeof value === "string" && TRUE_WORDS.includes(value.toLowerCase()));
const isLead = (role) => truthy(role.lead);
const isPlayable = (role) => role.playable === undefined || truthy(role.playable);

function checkRoles(c) {
  const problems = [];
  const ids = c.roles.map((r) => r.id);
  c.roles.forEach((role, i) => {
    if (!Object.hasOwn(ROLE_KINDS, role.kind)) {
      problems.push([["roles", i, "kind"], `onbekende rol '${role.kind}'; kies een van: ${options(Object.keys(ROLE_KINDS), 20)}`]);
    }
    if (isLead(role) && !isPlayable(role)) {
      problems.push([["roles", i, "playable"], "een hoofdrol moet speelbaar zijn; zet 'playable: true'"]);
    }
  });
  if (!c.roles.some(isLead)) {
    problems.push([["roles"], "geen enkele rol heeft 'lead: true'; markeer de rol(len) waar de casus om draait"]);
  }
  if (!c.roles.some(isPlayable)) {
    problems.push([["roles"], "geen enkele rol is speelbaar; zet bij minstens één rol 'playable: true'"]);
  }
  c.scenes.forEach((scene, i) =>
    list(scene.choices).forEach((choice, j) =>
      list(choice.roles).forEach((roleId, k) => {
        if (!ids.includes(roleId)) {
          problems.push([
            ["scenes", i, "choices", j, "roles", k],
            `de rol '${roleId}' staat niet onder 'roles' van deze casus; gebruik een van: ${options(ids)}, of voeg de rol toe`,
          ]);
        }
      }),
    ),
  );
  const playable = c.roles.filter(isPlayable).map((r) => r.id);
  for (const [loc, item] of roleTextItems(c)) {
    for (const roleId of Object.keys(item.as_role || {})) {
      if (!ids.includes(roleId)) {
        problems.push([
          [...loc, "as_role", roleId],
          `'${roleId}' is geen rol van deze casus; zet de tekst onder de id van een speelbare rol (${options(playable)}) of verwijder haar`,
        ]);
      } else if (!playable.includes(roleId)) {
        problems.push([
          [...loc, "as_role", roleId],
          `rol '${roleId}' is niet speelbaar, dus niemand leest deze tekst; verwijder haar of zet bij rol '${roleId}' 'playable: true'`,
        ]);
      }
    }
  }
  return problems;
}

/**
 * Every scene, its choices, ending and variant (each may have texts per role) with its YAML path, in file order (a
 * scene's choices right after the scene).
 */
function roleTextItems(c) {
  const found = [];
  for (const [kind, items] of [["scenes", c.scenes], ["endings", c.endings]]) {
    items.forEach((item, i) => {
      found.push([[kind, i], item]);
      if (kind === "scenes") list(item.choices).forEach((choice, j) => found.push([[kind, i, "choices", j], choice]));
      list(item.variants).forEach((variant, v) => found.push([[kind, i, "variants", v], variant]));
    });
  }
  return found;
}

function checkFlags(c) {
  const problems = [];
  const flags = c.flags || {};
  const declared = Object.keys(flags);
  const setSomewhere = new Set(c.scenes.flatMap((s) => list(s.choices).flatMap((ch) => list(ch.sets))));
  const check = (loc, flag) => {
    if (!Object.hasOwn(flags, flag)) {
      problems.push([
        loc,
        `de vlag '${flag}' staat niet onder 'flags'; voeg haar daar toe met een korte uitleg ` +
          `of corrigeer de spelling (bekend: ${options(declared) || "geen"})`,
      ]);
    }
  };
  c.scenes.forEach((scene, i) => {
    list(scene.variants).forEach((variant, v) => list(variant.when).forEach((f, k) => check(["scenes", i, "variants", v, "when", k], f)));
    list(scene.routes).forEach((route, r) => list(route.when).forEach((f, k) => check(["scenes", i, "routes", r, "when", k], f)));
    list(scene.choices).forEach((choice, j) => {
      for (const field of ["requires", "unless", "sets"]) {
        list(choice[field]).forEach((f, k) => check(["scenes", i, "choices", j, field, k], f));
      }
    });
  });
  c.endings.forEach((ending, e) =>
    list(ending.variants).forEach((variant, v) => list(variant.when).forEach((f, k) => check(["endings", e, "variants", v, "when", k], f))),
  );
  for (const flag of declared) {
    if (!setSomewhere.has(flag)) {
      problems.push([
        ["flags", flag],
        `de vlag '${flag}' wordt door geen enkele keuze gezet; zet haar met 'sets: [${flag}]' bij een keuze of verwijder haar`,
      ]);
    }
  }
  return problems;
}

function checkKeysAndLinks(c, labels) {
  const problems = [];
  c.scenes.forEach((scene, i) =>
    list(scene.choices).forEach((choice, j) => {
      for (const field of ["strengthens", "weakens"]) {
        list(choice[field]).forEach((key, k) => {
          if (!Object.hasOwn(MODEL_KEYS, key)) {
            problems.push([["scenes", i, "choices", j, field, k], `onbekend begrip '${key}'; kies uit: ${options(Object.keys(MODEL_KEYS), 30)}`]);
          }
        });
      }
      const weakens = new Set(list(choice.weakens));
      const both = [...new Set(list(choice.strengthens).filter((k) => weakens.has(k)))].sort();
      if (both.length) {
        problems.push([
          ["scenes", i, "choices", j, "weakens"],
          `'${both.join(", ")}' staat zowel bij strengthens als bij weakens; kies één van beide`,
        ]);
      }
    }),
  );
  if (labels === null || labels === undefined) return problems;
  const known = [...labels];
  const check = (loc, label) => {
    if (known.includes(label)) return;
    const stem = label.split("-")[0];
    const near = known.filter((name) => name.includes(stem));
    problems.push([
      loc,
      `het hoofdstuklabel '${label}' bestaat niet; gebruik een label uit de hoofdstukken, ` +
        `bijvoorbeeld: ${options((near.length ? near : known).sort(), 8)} (alle labels staan in de auteurshandleiding)`,
    ]);
  };
  c.chapters.forEach((label, k) => check(["chapters", k], label));
  c.scenes.forEach((scene, i) =>
    list(scene.choices).forEach((choice, j) => list(choice.see).forEach((label, k) => check(["scenes", i, "choices", j, "see", k], label))),
  );
  return problems;
}

function checkTargets(c) {
  const problems = [];
  const nodes = [...c.scenes.map((s) => s.id), ...c.endings.map((e) => e.id)];
  const check = (loc, target, what) => {
    if (!nodes.includes(target)) {
      problems.push([
        loc,
        `${what} '${target}' bestaat niet; kies een bestaande scène of afloop ` +
          `(${options(nodes)}) of voeg een scène of afloop met id '${target}' toe`,
      ]);
    }
  };
  if (!sceneOf(c, c.start)) {
    check(["start"], c.start, "de startscène");
    if (endingOf(c, c.start)) problems.splice(-1, 1, [["start"], `'${c.start}' is een afloop; de casus moet met een scène beginnen`]);
  }
  c.scenes.forEach((scene, i) => {
    list(scene.choices).forEach((choice, j) => check(["scenes", i, "choices", j, "next"], choice.next, "de scène"));
    list(scene.routes).forEach((route, r) => check(["scenes", i, "routes", r, "next"], route.next, "de scène"));
  });
  return problems;
}

// --- the graph: reachability and a way to an ending from every state a player can reach ---------------------------

const allSet = (wanted, flags) => list(wanted).every((f) => flags.has(f));

function available(c, nodeId, player, flags) {
  const scene = sceneOf(c, nodeId);
  if (!scene) return [];
  return list(scene.choices).filter(
    (ch) =>
      !(list(ch.roles).length && player !== null && !ch.roles.includes(player)) &&
      allSet(ch.requires, flags) &&
      !list(ch.unless).some((f) => flags.has(f)),
  );
}

class RouteCycle extends Error {}

const stateKey = (node, flags) => `${node}\u0000${[...flags].sort().join("\u0000")}`;

/** Breadth-first over (node, flags) states for one player; records every node passed in `visited`. */
function explore(c, player, visited) {
  const enter = (nodeId, flags) => {
    let node = nodeId;
    for (let i = 0; i <= c.scenes.length; i += 1) {
      visited.add(node);
      const scene = sceneOf(c, node);
      if (!scene || !list(scene.routes).length) return { node, flags };
      node = scene.routes.find((r) => allSet(r.when, flags)).next;
    }
    throw new RouteCycle(`de routes vanaf '${node}' vormen een kring zonder keuze`);
  };
  const start = enter(c.start, new Set());
  const seen = new Map([[stateKey(start.node, start.flags), start]]);
  const edges = new Map();
  const queue = [start];
  while (queue.length) {
    const state = queue.shift();
    const targets = [];
    for (const choice of available(c, state.node, player, state.flags)) {
      const target = enter(choice.next, new Set([...state.flags, ...list(choice.sets)]));
      const key = stateKey(target.node, target.flags);
      targets.push(key);
      if (!seen.has(key)) {
        seen.set(key, target);
        queue.push(target);
        if (seen.size > MAX_STATES) return { edges: null, seen };
      }
    }
    edges.set(stateKey(state.node, state.flags), targets);
  }
  return { edges, seen };
}

function compareLists(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function checkGraph(c) {
  const problems = [];
  const index = new Map([...c.scenes.map((s, i) => [s.id, i]), ...c.endings.map((e, i) => [e.id, i])]);
  const loc = (node) => (sceneOf(c, node) ? ["scenes", index.get(node)] : ["endings", index.get(node)]);
  const allNodes = [...c.scenes.map((s) => s.id), ...c.endings.map((e) => e.id)];

  const linked = new Set([c.start]);
  const queue = [c.start];
  while (queue.length) {
    const scene = sceneOf(c, queue.shift());
    if (!scene) continue;
    for (const target of [...list(scene.choices).map((ch) => ch.next), ...list(scene.routes).map((r) => r.next)]) {
      if (!linked.has(target)) {
        linked.add(target);
        queue.push(target);
      }
    }
  }
  for (const node of allNodes) {
    if (!linked.has(node)) {
      problems.push([
        loc(node),
        `'${node}' is onbereikbaar: geen keuze of route vanaf de start leidt ernaartoe; ` +
          `laat een keuze met 'next: ${node}' ernaar wijzen of verwijder het`,
        "unreachable",
      ]);
    }
  }

  const visited = new Set();
  const stuckAt = new Map();
  const deadEnds = new Set();
  const players = [...c.roles.filter(isPlayable).map((r) => r.id), null];
  const playerName = (role) => (role ? `rol '${role}'` : "klassikaal spel (alle keuzes)");
  for (const player of players) {
    let explored;
    try {
      explored = explore(c, player, visited);
    } catch (error) {
      if (!(error instanceof RouteCycle)) throw error;
      problems.push([["scenes"], `${error.message}; geef de routes een uitgang die naar een keuze of afloop leidt`, "loop"]);
      return problems;
    }
    const { edges, seen } = explored;
    if (edges === null) {
      problems.push([["scenes"], "te veel combinaties van vlaggen om te controleren; gebruik minder vlaggen"]);
      return problems;
    }
    const finishing = new Set([...seen].filter(([, s]) => endingOf(c, s.node)).map(([key]) => key));
    const reverse = new Map();
    for (const [source, targets] of edges) {
      for (const target of targets) {
        if (!reverse.has(target)) reverse.set(target, []);
        reverse.get(target).push(source);
      }
    }
    const back = [...finishing];
    while (back.length) {
      for (const source of reverse.get(back.shift()) || []) {
        if (!finishing.has(source)) {
          finishing.add(source);
          back.push(source);
        }
      }
    }
    const stuck = [...seen]
      .filter(([key]) => !finishing.has(key))
      .map(([key, s]) => ({ key, node: s.node, flags: [...s.flags].sort() }))
      .sort((a, b) => (index.get(a.node) ?? 0) - (index.get(b.node) ?? 0) || compareLists(a.flags, b.flags));
    for (const { key, node, flags } of stuck) {
      const entries = stuckAt.get(node);
      if (entries && entries.some((entry) => entry.startsWith(playerName(player)))) continue;
      const why = (edges.get(key) || []).length ? "alle keuzes leiden in een kring" : "geen keuze beschikbaar";
      if (!entries) stuckAt.set(node, []);
      if (!(edges.get(key) || []).length) deadEnds.add(node);
      stuckAt.get(node).push(`${playerName(player)} met vlaggen: ${flags.join(", ") || "geen"} (${why})`);
    }
  }
  for (const [node, entries] of stuckAt) {
    problems.push([
      loc(node),
      `vanuit scène '${node}' is geen afloop meer te bereiken voor ${entries.join("; ")}; ` +
        "geef deze scène een keuze zonder voorwaarden die (via andere scènes) naar een afloop leidt",
      deadEnds.has(node) ? "dead-end" : "loop",
    ]);
  }
  for (const node of allNodes) {
    if (linked.has(node) && !visited.has(node)) {
      problems.push([
        loc(node),
        `'${node}' is onbereikbaar: de keuzes die ernaartoe leiden, zijn door hun voorwaarden ` +
          "(requires, unless, roles) nooit beschikbaar; pas die voorwaarden aan of verwijder het",
        "unreachable",
      ]);
    }
  }
  return problems;
}

// --- the player's own name (model.py: _check_voice) --------------------------------------------------------------

/** The first name in a role's `name` (its first word), or null when the name does not start with one. */
export function firstName(role) {
  const word = String(role.name).trim().split(/\s+/)[0].replace(/^[,.;:]+|[,.;:]+$/g, "");
  const first = word.charAt(0);
  return first && first !== first.toLowerCase() && first === first.toUpperCase() && !NOT_A_NAME.includes(word) ? word : null;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whether a text names a person by this first name (also as "Femkes" or "Femke's"). */
export function namesPlayer(text, name) {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?:['’]?s)?(?![\\p{L}\\p{N}_])`, "u").test(text);
}

const pathKey = (path) => path.join("\u0000");

/** The YAML paths (as keys) of the texts a player of `role` reads in the (node, flags) states the player can reach. */
function shownTexts(c, role, states) {
  const shown = new Set();
  const own = (loc, item) => shown.add(pathKey(Object.hasOwn(item.as_role || {}, role) ? [...loc, "as_role", role] : [...loc, "text"]));
  for (const { node, flags } of states) {
    const sceneIndex = c.scenes.findIndex((s) => s.id === node);
    const loc = sceneIndex >= 0 ? ["scenes", sceneIndex] : ["endings", c.endings.findIndex((e) => e.id === node)];
    const item = sceneIndex >= 0 ? c.scenes[sceneIndex] : c.endings[loc[1]];
    own(loc, item);
    list(item.variants).forEach((variant, v) => {
      if (allSet(variant.when, flags)) own([...loc, "variants", v], variant);
    });
    if (sceneIndex < 0) continue;
    if (item.prompt) shown.add(pathKey([...loc, "prompt"]));
    const open = available(c, node, role, flags);
    list(item.choices).forEach((choice, j) => {
      if (open.includes(choice)) own([...loc, "choices", j], choice);
    });
  }
  return shown;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

/**
 * A player reads about the person they play in the second person: no text a role is shown names that role's person
 * (the first word of its `name`). Follows every state each playable role can reach, like the graph check.
 */
function checkVoice(c) {
  const readers = [];
  for (const role of c.roles) {
    const name = firstName(role);
    if (!isPlayable(role) || name === null) continue;
    let explored;
    try {
      explored = explore(c, role.id, new Set());
    } catch (error) {
      if (error instanceof RouteCycle) return []; // the graph check reports the circle of routes
      throw error;
    }
    if (explored.edges === null) return [];
    readers.push({ role, name, shown: shownTexts(c, role.id, explored.seen.values()) });
  }
  const problems = [];
  for (const [loc, item] of roleTextItems(c)) {
    const node = loc[0] === "scenes" ? c.scenes[loc[1]] : c.endings[loc[1]];
    let where = `${loc[0] === "scenes" ? "scène" : "afloop"} '${node.id}'`;
    if (loc[2] === "variants") where = `variant ${loc[3]} van ${where}`;
    const choice = loc[2] === "choices" ? item.id : "";
    let rule = loc[2] === "variants" ? "variant" : "text";
    if (choice) rule = list(item.roles).length ? "choice" : "shared_choice";
    const texts = [[[...loc, "text"], item.text, rule, where]];
    const ownWhere = choice ? `keuze '${choice}' in ${where}` : where;
    for (const [r, t] of Object.entries(item.as_role || {})) texts.push([[...loc, "as_role", r], t, "as_role", ownWhere]);
    if (loc.length === 2 && loc[0] === "scenes" && item.prompt) texts.push([[...loc, "prompt"], item.prompt, "prompt", where]);
    for (const [path, text, kind, at] of texts) {
      for (const { role, name, shown } of readers) {
        if (shown.has(pathKey(path)) && namesPlayer(text, name)) {
          problems.push([path, fill(VOICE_RULES[kind], { role: role.id, name, where: at, choice })]);
        }
      }
    }
  }
  return problems;
}

/**
 * model.py's check_case over a case the model accepts: ids, roles, flags, concept keys, chapter links, targets,
 * then (when ids and targets are sound) reachability, endings and the player's voice. `labels`: the chapter labels,
 * or null to skip. `voice: false` leaves out the check that a player never reads of their own person in the third
 * person (a style rule for authors: the build and the editor keep it; a student who opens a lecturer's file plays it).
 * A problem of the graph has a third element, its kind for the editor's scene graph: "unreachable", "dead-end" (a
 * player can get stuck without a choice) or "loop" (every way goes round without an ending).
 * @returns {Array<[Array<string|number>, string, string?]>}
 */
export function graphProblems(caseData, labels = null, { voice = true } = {}) {
  const problems = [
    ...checkIds(caseData),
    ...checkRoles(caseData),
    ...checkFlags(caseData),
    ...checkKeysAndLinks(caseData, labels),
  ];
  const targets = checkTargets(caseData);
  problems.push(...targets);
  if (!targets.length && !problems.some(([loc]) => loc.includes("id"))) {
    problems.push(...checkGraph(caseData), ...(voice ? checkVoice(caseData) : []));
  }
  return problems;
}

/**
 * Every problem the build reports for a case file's data: the model's first (then the build stops), else the checks.
 * `labels`: the chapter labels that exist (a list), or null to skip that check; `voice`: see graphProblems.
 * @returns {Problem[]}
 */
export function checkCase(caseData, labels = null, { voice = true } = {}) {
  const model = modelProblems(caseData);
  const found = model.length ? model : graphProblems(caseData, labels, { voice });
  return found.map(([loc, why]) => /** @type {Problem} */ ([loc.join("."), why]));
}

/**
 * A case's data with the model's defaults filled in and texts stripped, as pydantic's model_dump gives it (what the
 * role-play view plays). Only for data without problems.
 */
export function caseModel(data) {
  const strip = (value) => (typeof value === "string" ? value.trim() : value);
  const texts = (values) => list(values).map(strip);
  const roleTexts = (values) => Object.fromEntries(Object.entries(values || {}).map(([k, v]) => [k, strip(v)]));
  const variants = (values) => list(values).map((v) => ({ when: [...v.when], text: strip(v.text), as_role: roleTexts(v.as_role) }));
  return {
    title: strip(data.title),
    summary: strip(data.summary),
    setting: data.setting,
    learning_goals: texts(data.learning_goals),
    chapters: [...data.chapters],
    source: data.source.map((s) => ({ seed: s.seed, lines: s.lines, what: strip(s.what) })),
    flags: Object.fromEntries(Object.entries(data.flags || {}).map(([k, v]) => [k, strip(v)])),
    roles: data.roles.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: strip(r.name),
      lead: truthy(r.lead),
      playable: r.playable === undefined || truthy(r.playable),
      public: strip(r.public),
      private: strip(r.private),
      wants: r.wants === undefined || r.wants === null ? null : strip(r.wants),
    })),
    start: data.start,
    scenes: data.scenes.map((s) => ({
      id: s.id,
      title: strip(s.title),
      text: strip(s.text),
      as_role: roleTexts(s.as_role),
      variants: variants(s.variants),
      prompt: s.prompt === undefined || s.prompt === null ? null : strip(s.prompt),
      choices: list(s.choices).map((c) => ({
        id: c.id,
        text: strip(c.text),
        as_role: roleTexts(c.as_role),
        next: c.next,
        roles: [...list(c.roles)],
        requires: [...list(c.requires)],
        unless: [...list(c.unless)],
        sets: [...list(c.sets)],
        feedback: strip(c.feedback),
        strengthens: [...list(c.strengthens)],
        weakens: [...list(c.weakens)],
        see: [...list(c.see)],
      })),
      routes: list(s.routes).map((r) => ({ when: [...list(r.when)], next: r.next })),
    })),
    endings: data.endings.map((e) => ({
      id: e.id,
      title: strip(e.title),
      tone: e.tone,
      text: strip(e.text),
      as_role: roleTexts(e.as_role),
      variants: variants(e.variants),
    })),
    reflection: texts(data.reflection),
  };
}
