// The role-play engine as pure functions (no DOM): choices by role and flags, routes, replaying a saved path and
// the concept tally, the same as model.py's CaseFile; tests/golden/role_play/ holds the cases both languages must pass.

export { checkCase } from "./checks.js";

export const sceneOf = (caseData, id) => caseData.scenes.find((s) => s.id === id) || null;

export const endingOf = (caseData, id) => caseData.endings.find((e) => e.id === id) || null;

/** Flags as a Set (the view keeps a Set; saved data and the golden cases give a list). */
const asSet = (flags) => (flags instanceof Set ? flags : new Set(flags || []));

export const allSet = (wanted, flags) => (wanted || []).every((f) => asSet(flags).has(f));

/** Whether the player sees a choice; `role` null is class play (the group sees every role's choices). */
export function isAvailable(choice, role, flags) {
  if ((choice.roles || []).length && role && !choice.roles.includes(role)) return false;
  const set = asSet(flags);
  return allSet(choice.requires, set) && !(choice.unless || []).some((f) => set.has(f));
}

/** The choices open in a scene. */
export function availableChoices(caseData, sceneId, role, flags) {
  const scene = sceneOf(caseData, sceneId);
  return scene ? scene.choices.filter((c) => isAvailable(c, role, flags)) : [];
}

/** Pass through routing scenes until a scene with choices or an ending. */
export function followRoutes(caseData, nodeId, flags) {
  let node = nodeId;
  for (let i = 0; i <= caseData.scenes.length; i += 1) {
    const scene = sceneOf(caseData, node);
    if (!scene || !(scene.routes || []).length) return node;
    node = scene.routes.find((r) => allSet(r.when, flags)).next;
  }
  throw new Error(`de routes vanaf '${nodeId}' vormen een kring`);
}

/**
 * Play a saved path from the start; stops at the first step that no longer fits the case.
 * @returns {{node: string, flags: string[], steps: {scene: string, choice: string}[], ending: string|null, error: string|null}}
 */
export function replay(caseData, role, path) {
  const flags = new Set();
  let node = followRoutes(caseData, caseData.start, flags);
  const steps = [];
  let error = null;
  for (const step of path || []) {
    const scene = sceneOf(caseData, node);
    const choice = scene && scene.id === step.scene ? scene.choices.find((c) => c.id === step.choice) : null;
    if (!choice || !isAvailable(choice, role, flags)) {
      error = "Je opgeslagen pad past niet meer bij deze casus (de casus is aangepast). Je speelt verder vanaf hier.";
      break;
    }
    for (const f of choice.sets || []) flags.add(f);
    steps.push({ scene: scene.id, choice: choice.id });
    node = followRoutes(caseData, choice.next, flags);
  }
  return { node, flags: [...flags].sort(), steps, ending: endingOf(caseData, node) ? node : null, error };
}

/** Per concept: how often the path strengthened (up) and weakened (down) it, in the order of `order`. */
export function tally(caseData, steps, order = []) {
  const counts = {};
  for (const step of steps) {
    const choice = sceneOf(caseData, step.scene).choices.find((c) => c.id === step.choice);
    for (const key of choice.strengthens || []) (counts[key] ||= { up: 0, down: 0 }).up += 1;
    for (const key of choice.weakens || []) (counts[key] ||= { up: 0, down: 0 }).down += 1;
  }
  const rank = (key) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b)));
}

export function choiceOf(caseData, step) {
  return sceneOf(caseData, step.scene)?.choices.find((c) => c.id === step.choice) || null;
}

export function roleName(caseData, roleId) {
  return caseData.roles.find((r) => r.id === roleId)?.name || roleId;
}

/**
 * The text a player reads of a scene, ending, variant or choice: in solo play the role's own text (`as_role`) when
 * there is one, else the shared one.
 */
export function textFor(item, role) {
  return role && Object.hasOwn(item.as_role || {}, role) ? item.as_role[role] : item.text;
}

/**
 * A step's choice as the player read it (`role` null in class play: the shared text); null when the case has no such
 * choice in that scene.
 * @returns {string|null}
 */
export function choiceText(caseData, step, role) {
  const choice = choiceOf(caseData, step);
  return choice ? textFor(choice, role) : null;
}

/**
 * What a scene or ending says to the player (`role` null in class play): its text, then the texts of the variants
 * whose flags are all set.
 * @returns {string[]}
 */
export function shownText(caseData, nodeId, role, flags) {
  const item = sceneOf(caseData, nodeId) || endingOf(caseData, nodeId);
  if (!item) return [];
  const variants = (item.variants || []).filter((v) => allSet(v.when, flags));
  return [textFor(item, role), ...variants.map((v) => textFor(v, role))];
}


/** Whether every reflection question of the case has an answer in `reflections`. */
export function answeredAll(caseData, reflections) {
  return caseData.reflection.every((_, i) => (reflections?.[i] || "").trim() !== "");
}

/**
 * Done: one game (the current one or an earlier round) reached an ending and every reflection question of the
 * case is answered for it. Where the learner opens a lecturer's case file, the case is that file's and only games of
 * that file count.
 */
export function done(config, state) {
  const caseData = config.case_data ?? state.file?.case;
  if (!caseData) return false;
  const sha = state.file?.sha256 ?? null;
  const fits = (run) => (run.file?.sha256 ?? null) === sha;
  if ((state.runs || []).some((run) => fits(run) && run.ending && answeredAll(caseData, run.reflections))) return true;
  if (!state.mode) return false;
  const played = replay(caseData, state.mode === "solo" ? state.role || null : null, state.path || []);
  return Boolean(played.ending) && answeredAll(caseData, state.reflections);
}
