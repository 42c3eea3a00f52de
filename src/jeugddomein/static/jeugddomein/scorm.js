// The SCORM side of the launch page (lms.js): the two standards' data models (1.2 and 2004 4th edition), one LMS
// session, and the pure rules of what to report: completion (every required exercise of scorm.json done), a score
// (knowledge checks right at the first attempt, or one rubric's self-grade), the knowledge checks as cmi.interactions
// and the Bronstein components and rubric self-grades as cmi.objectives.

const DONE = new Set(["completed", "passed"]);

/** The notices about the LMS connection, by kind of problem. */
export const MESSAGES = {
  refused:
    "De leeromgeving weigert de verbinding met deze cursus, dus je voortgang komt daar nu niet in. Je werk blijft " +
    "wel in deze browser bewaard. Open de cursus opnieuw vanuit de leeromgeving; meld het je docent als dit blijft gebeuren.",
  silent:
    "De leeromgeving antwoordt niet, dus je voortgang komt daar nu niet in. Je werk blijft wel in deze browser " +
    "bewaard. Open de cursus opnieuw vanuit de leeromgeving om het opnieuw te proberen.",
  rejected:
    "De leeromgeving neemt je voortgang nu niet aan. Je werk blijft wel in deze browser bewaard; bij je volgende " +
    "wijziging probeert de cursus het opnieuw.",
};

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
export function timespan(ms) {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${s.toFixed(2).padStart(5, "0")}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration): PT#H#M#S */
export function duration(ms) {
  const total = Math.round(Math.max(0, ms) / 10) / 100;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 100) / 100;
  return `PT${h}H${m}M${s}S`;
}

/** SCORM 1.2 CMITime (time of day): HH:MM:SS */
function clock(date) {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** A number as the data model's decimal: at most four decimals, no float noise (0.30000000000000004 -> "0.3"). */
const decimal = (value) => String(Math.round(value * 10000) / 10000);

/** SCORM 2004 localized_string_type: Dutch, at most 250 characters, no braces (they would read as a delimiter). */
const dutch = (text) => `{lang=nl}${String(text).replace(/[{}]/g, (c) => (c === "{" ? "(" : ")")).slice(0, 250)}`;

/** A score on its scale as the -1..1 of SCORM 2004's scaled: (raw - min) / (max - min). */
export const scaledOf = ({ raw, min, max }) => decimal(max > min ? (raw - min) / (max - min) : 0);

/** Option indexes as the identifiers of a choice interaction: a, b, c, ... */
const letters = (indexes) => [...indexes].sort((a, b) => a - b).map((i) => String.fromCharCode(97 + i));

/**
 * @typedef {{id: string, question: string, pattern: string[], response: string[], correct: boolean, when: Date}} Answer
 *   one answered knowledge check
 * @typedef {{id: string, description: string, raw: number|null, min: number, max: number}} Objective
 *   one result reported as a cmi.objective: raw on its own scale (null: no score), a Dutch description
 * @typedef {{raw: number, min: number, max: number, highest: boolean}} Score
 *   the course's score on its scale; `highest`: never lower what the LMS has (work of another device may be missing)
 * @typedef {{api: string, fn: Record<"start" | "end" | "get" | "set" | "commit" | "error", string>,
 *   alreadyStarted: string, keys: Record<string, string>, scaled: boolean, time: (ms: number) => string,
 *   interaction: (n: number, answer: Answer) => string[][], objective: (n: number, o: Objective) => string[][]}} Standard
 */

/**
 * The two standards: the API's name in the LMS window, its functions, the data model's keys and value forms.
 * `interaction(n, answer)` gives the [key, value] pairs of one answered knowledge check, `objective(n, o)` those of
 * one objective (the id first: both standards refuse an objective's other values before its id).
 * @type {Record<"1.2" | "2004", Standard>}
 */
export const STANDARDS = {
  "1.2": {
    api: "API",
    fn: { start: "LMSInitialize", end: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", error: "LMSGetLastError" },
    alreadyStarted: "101",
    keys: {
      status: "cmi.core.lesson_status",
      raw: "cmi.core.score.raw",
      min: "cmi.core.score.min",
      max: "cmi.core.score.max",
      suspend: "cmi.suspend_data",
      exit: "cmi.core.exit",
      time: "cmi.core.session_time",
      count: "cmi.interactions._count",
      objectives: "cmi.objectives._count",
    },
    scaled: false,
    time: timespan,
    interaction: (n, { id, pattern, response, correct, when }) => [
      [`cmi.interactions.${n}.id`, id],
      [`cmi.interactions.${n}.type`, "choice"],
      [`cmi.interactions.${n}.time`, clock(when)],
      [`cmi.interactions.${n}.weighting`, "1"],
      [`cmi.interactions.${n}.correct_responses.0.pattern`, pattern.join(",")],
      [`cmi.interactions.${n}.student_response`, response.join(",")],
      [`cmi.interactions.${n}.result`, correct ? "correct" : "wrong"],
    ],
    // SCORM 1.2 has no description; a blank raw clears an earlier score (CMIBlank).
    objective: (n, { id, raw, min, max }) => [
      [`cmi.objectives.${n}.id`, id],
      [`cmi.objectives.${n}.score.min`, decimal(min)],
      [`cmi.objectives.${n}.score.max`, decimal(max)],
      [`cmi.objectives.${n}.score.raw`, raw === null ? "" : decimal(raw)],
      [`cmi.objectives.${n}.status`, "completed"],
    ],
  },
  2004: {
    api: "API_1484_11",
    fn: { start: "Initialize", end: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit", error: "GetLastError" },
    alreadyStarted: "103",
    keys: {
      status: "cmi.completion_status",
      raw: "cmi.score.raw",
      min: "cmi.score.min",
      max: "cmi.score.max",
      scaled: "cmi.score.scaled",
      suspend: "cmi.suspend_data",
      exit: "cmi.exit",
      time: "cmi.session_time",
      count: "cmi.interactions._count",
      objectives: "cmi.objectives._count",
    },
    scaled: true,
    time: duration,
    interaction: (n, { id, question, pattern, response, correct, when }) => [
      [`cmi.interactions.${n}.id`, id],
      [`cmi.interactions.${n}.type`, "choice"],
      [`cmi.interactions.${n}.timestamp`, when.toISOString()],
      [`cmi.interactions.${n}.weighting`, "1"],
      [`cmi.interactions.${n}.description`, dutch(question)],
      [`cmi.interactions.${n}.correct_responses.0.pattern`, pattern.join("[,]")],
      [`cmi.interactions.${n}.learner_response`, response.join("[,]")],
      [`cmi.interactions.${n}.result`, correct ? "correct" : "incorrect"],
    ],
    // SCORM 2004 cannot blank a score: without one, only the description says so (it names the missing score).
    objective: (n, { id, description, raw, min, max }) => [
      [`cmi.objectives.${n}.id`, id],
      [`cmi.objectives.${n}.description`, dutch(description)],
      [`cmi.objectives.${n}.score.min`, decimal(min)],
      [`cmi.objectives.${n}.score.max`, decimal(max)],
      ...(raw === null
        ? []
        : [
            [`cmi.objectives.${n}.score.raw`, decimal(raw)],
            [`cmi.objectives.${n}.score.scaled`, scaledOf({ raw, min, max })],
          ]),
      [`cmi.objectives.${n}.completion_status`, "completed"],
      [`cmi.objectives.${n}.success_status`, "unknown"],
    ],
  },
};

/** Score of one scored exercise (0 or 1), or null while it has not been answered. */
export const SCORERS = {
  "knowledge-check": (config, state) => (state && state.checked ? (state.correct && state.attempts <= 1 ? 1 : 0) : null),
};

/**
 * The Bronstein scan's objectives: one per component, the mean of the newest saved scan on the instrument's scale.
 * @returns {Objective[]}
 */
function bronsteinObjectives(id, config, state, module) {
  const scans = state?.scans || [];
  if (!scans.length) return [];
  const last = scans[scans.length - 1];
  const instrument = config.instrument;
  const values = instrument.scale.map((point) => point.value);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return module
    .score(instrument, last.answers || {})
    .scales.filter((scale) => scale.kind === "component")
    .map((scale) => ({
      id: `bronstein-${id}-${scale.id}`,
      description:
        `Bronstein-zelfscan, ${scale.name}: ` +
        (scale.score === null
          ? `niet genoeg antwoorden voor een score in de scan van ${last.date}`
          : `gemiddelde ${min}-${max} in de scan van ${last.date}`),
      raw: scale.score,
      min,
      max,
    }));
}

/**
 * The rubric's objective: the grade of the learner's self-assessment, once every criterion has a level. Its scale is
 * the rubric's: the lowest level's value (or the knock-out cap, when lower) to the highest level's value.
 * @returns {Objective[]}
 */
function rubricObjectives(id, config, state, module) {
  const rubric = config.definition;
  const result = module.grade(rubric, module.cleanScores(rubric, state?.zelf?.scores));
  if (!result.ok) return [];
  const values = rubric.levels.map((level) => level.value);
  const knockout = rubric.criteria.some((c) => c.knockout) ? config.knockout_cap : Infinity;
  return [
    {
      id: `rubric-${id}`,
      description: `Zelfbeoordeling met de rubric '${rubric.title}': cijfer`,
      raw: result.grade,
      min: Math.min(...values, knockout),
      max: Math.max(...values),
    },
  ];
}

const OBJECTIVES = { "bronstein-scan": bronsteinObjectives, rubric: rubricObjectives };

/** The widget types that give objectives (lms.js loads their modules). */
export const OBJECTIVE_WIDGETS = Object.keys(OBJECTIVES);

/**
 * Every objective to report, in the order of the placements: the Bronstein components of each scan with a saved
 * scan, the self-grade of each rubric with every criterion scored. Pure.
 * @param {Map<string, {widget: string, config: any}>} placements
 * @param {Map<string, {state: any}>} records
 * @param {Record<string, any>} modules the widget modules (their `score`, `grade` and `cleanScores`)
 * @returns {Objective[]}
 */
export function objectives(placements, records, modules) {
  const out = [];
  for (const [id, w] of placements) {
    const record = records.get(id);
    const rule = OBJECTIVES[w.widget];
    if (record && rule && modules[w.widget]) out.push(...rule(id, w.config, record.state, modules[w.widget]));
  }
  return out;
}

/** The index of an objective by its id; a new id gets the next free index (objectives are never appended twice). */
export function slot(indexes, id) {
  if (!indexes.has(id)) indexes.set(id, indexes.size);
  return indexes.get(id);
}

/**
 * The [key, value] pairs that report the score, given the raw score the LMS has now ("" for none): nothing when it
 * is the same, or lower and the score only rises.
 * @param {Standard} standard
 * @param {Score|null} score
 * @param {string} current
 */
export function scorePairs(standard, score, current) {
  if (score === null) return [];
  const previous = Number.parseFloat(current);
  if (!Number.isNaN(previous) && (score.highest ? score.raw <= previous : score.raw === previous)) return [];
  const pairs = [
    [standard.keys.min, decimal(score.min)],
    [standard.keys.max, decimal(score.max)],
    [standard.keys.raw, decimal(score.raw)],
  ];
  if (standard.scaled) pairs.push([standard.keys.scaled, scaledOf(score)]);
  return pairs;
}

/**
 * What to report, from the course index, the rules (scorm.json), the stored records and the widget modules. Pure.
 * The score is the share of scored knowledge checks right at the first attempt (0-100, only rises), or with
 * `rules.score_rubric` that rubric's self-grade on its own scale (follows the learner's latest grading).
 * @returns {{done: number, total: number, complete: boolean, score: Score|null}}
 */
export function progress(index, rules, records, modules) {
  const placements = new Map();
  for (const page of index.pages) for (const w of page.widgets) placements.set(w.id, w);
  const isDone = (id) => {
    const w = placements.get(id);
    const record = records.get(id);
    if (!w || !record || !modules[w.widget]) return false;
    return Boolean(modules[w.widget].summary(w.config, record.state).done);
  };
  const done = rules.required.filter(isDone).length;
  let answered = 0;
  let points = 0;
  for (const id of rules.scored) {
    const w = placements.get(id);
    const value = w && SCORERS[w.widget] ? SCORERS[w.widget](w.config, records.get(id)?.state) : null;
    if (value !== null) {
      answered += 1;
      points += value;
    }
  }
  /** @type {Score|null} */
  let score = null;
  if (answered && rules.scored.length) score = { raw: Math.round((100 * points) / rules.scored.length), min: 0, max: 100, highest: true };
  if (rules.score_rubric) {
    const w = placements.get(rules.score_rubric);
    const record = records.get(rules.score_rubric);
    const [grade] = w && record && modules.rubric ? rubricObjectives(w.id, w.config, record.state, modules.rubric) : [];
    score = grade ? { raw: grade.raw, min: grade.min, max: grade.max, highest: false } : null;
  }
  return { done, total: rules.required.length, complete: done === rules.required.length, score };
}

/** The status to send: never lower than what the LMS already has (work on another device is not here). */
export function nextStatus(current, complete) {
  if (DONE.has(current)) return current;
  return complete ? "completed" : "incomplete";
}

/**
 * The knowledge checks answered since the last report: one interaction per check whose number of attempts grew.
 * `reported` maps a check's id to the attempts already reported and is updated. Pure apart from that map.
 * @param {Map<string, {widget: string, config: any}>} placements
 * @param {Map<string, {state: any, updated: string}>} records
 * @param {Map<string, number>} reported
 */
export function newAnswers(placements, records, reported) {
  const out = [];
  for (const [id, record] of records) {
    const w = placements.get(id);
    const state = record.state;
    if (!w || w.widget !== "knowledge-check" || !state || !state.checked) continue;
    const attempts = Number(state.attempts) || 1;
    if ((reported.get(id) || 0) >= attempts) continue;
    reported.set(id, attempts);
    const pattern = letters(w.config.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0));
    out.push({ id, question: w.config.question, pattern, response: letters(state.selected || []), correct: Boolean(state.correct), when: new Date(record.updated) });
  }
  return out;
}

/** One LMS session of one standard: start once, get, set, commit, finish once. Problems go to `onProblem`. */
export class Session {
  /**
   * @param {any} api the LMS's API object
   * @param {Standard} standard
   * @param {(kind: keyof typeof MESSAGES) => void} onProblem
   */
  constructor(api, standard, onProblem) {
    this.api = api;
    this.standard = standard;
    this.onProblem = onProblem;
    this.open = false;
    this.finished = false;
    this.started = Date.now();
  }

  /** One API call as text; null when the LMS throws (no answer, e.g. its window is gone). */
  call(name, ...args) {
    try {
      return String(this.api[this.standard.fn[name]](...args));
    } catch {
      this.onProblem("silent");
      return null;
    }
  }

  start() {
    const answer = this.call("start", "");
    if (answer === null) return false;
    this.open = answer === "true" || this.call("error") === this.standard.alreadyStarted;
    if (!this.open) this.onProblem("refused");
    this.started = Date.now();
    return this.open;
  }

  get(key) {
    if (!this.open) return "";
    const value = this.call("get", key);
    return value === null || value === "undefined" || value === "null" ? "" : value;
  }

  /** Set a value; false when the LMS refused it. */
  set(key, value) {
    if (!this.open) return false;
    const answer = this.call("set", key, String(value));
    if (answer === "false") this.onProblem("rejected");
    return answer === "true";
  }

  commit() {
    if (this.open && this.call("commit", "") === "false") this.onProblem("rejected");
  }

  /** End the session (once): time spent, exit 'suspend' (the next launch resumes with suspend_data), commit. */
  finish() {
    if (!this.open || this.finished) return;
    this.finished = true;
    this.set(this.standard.keys.time, this.standard.time(Date.now() - this.started));
    this.set(this.standard.keys.exit, "suspend");
    this.commit();
    this.call("end", "");
    this.open = false;
  }
}
