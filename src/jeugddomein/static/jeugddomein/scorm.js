// The SCORM side of the launch page (lms.js): the two standards' data models (1.2 and 2004 4th edition), one LMS
// session, and the pure rules of what to report: completion (every required exercise of scorm.json done), a score
// (knowledge checks right at the first attempt) and the knowledge checks as cmi.interactions.

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

/** Option indexes as the identifiers of a choice interaction: a, b, c, ... */
const letters = (indexes) => [...indexes].sort((a, b) => a - b).map((i) => String.fromCharCode(97 + i));

/**
 * @typedef {{id: string, question: string, pattern: string[], response: string[], correct: boolean, when: Date}} Answer
 *   one answered knowledge check
 * @typedef {{api: string, fn: Record<"start" | "end" | "get" | "set" | "commit" | "error", string>,
 *   alreadyStarted: string, keys: Record<string, string>, scaled: boolean, time: (ms: number) => string,
 *   interaction: (n: number, answer: Answer) => string[][]}} Standard
 */

/**
 * The two standards: the API's name in the LMS window, its functions, the data model's keys and value forms.
 * `interaction(n, answer)` gives the [key, value] pairs of one answered knowledge check.
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
    },
    scaled: true,
    time: duration,
    interaction: (n, { id, question, pattern, response, correct, when }) => [
      [`cmi.interactions.${n}.id`, id],
      [`cmi.interactions.${n}.type`, "choice"],
      [`cmi.interactions.${n}.timestamp`, when.toISOString()],
      [`cmi.interactions.${n}.weighting`, "1"],
      [`cmi.interactions.${n}.description`, question.slice(0, 250)],
      [`cmi.interactions.${n}.correct_responses.0.pattern`, pattern.join("[,]")],
      [`cmi.interactions.${n}.learner_response`, response.join("[,]")],
      [`cmi.interactions.${n}.result`, correct ? "correct" : "incorrect"],
    ],
  },
};

/** Score of one scored exercise (0 or 1), or null while it has not been answered. */
export const SCORERS = {
  "knowledge-check": (config, state) => (state && state.checked ? (state.correct && state.attempts <= 1 ? 1 : 0) : null),
};

/**
 * What to report, from the course index, the rules (scorm.json), the stored records and the widget modules. Pure.
 * @returns {{done: number, total: number, complete: boolean, score: number|null}}
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
  const score = answered && rules.scored.length ? Math.round((100 * points) / rules.scored.length) : null;
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
