// SCORM 1.2 reporting, loaded by runtime.js only when an LMS offers the SCORM API (window.API in a parent or opener).
// The LMS gets the status (completed when every required exercise of scorm.json is done) and a score (knowledge
// checks right at the first attempt); the learner's work itself stays in the browser store. Each page of the course
// is one visit of the same SCO: LMSInitialize on load, values and LMSCommit after every saved change, LMSFinish when
// the page is left. When the LMS refuses or does not answer, the learner gets a Dutch notice (once per kind) and the
// work goes on in the browser store as without an LMS.

const DONE = new Set(["completed", "passed"]);

/** The notices about the LMS connection, by kind of problem. */
export const MESSAGES = {
  refused:
    "De leeromgeving weigert de verbinding met deze cursus, dus je voortgang komt daar nu niet in. Je werk blijft " +
    "wel in deze browser bewaard. Open de cursus opnieuw vanuit de leeromgeving; meld het je docent als dit blijft gebeuren.",
  silent:
    "De leeromgeving antwoordt niet, dus je voortgang komt daar nu niet in. Je werk blijft wel in deze browser " +
    "bewaard. Herlaad de pagina vanuit de leeromgeving om het opnieuw te proberen.",
  rejected:
    "De leeromgeving neemt je voortgang nu niet aan. Je werk blijft wel in deze browser bewaard; bij je volgende " +
    "wijziging probeert de cursus het opnieuw.",
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

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
export function timespan(ms) {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${s.toFixed(2).padStart(5, "0")}`;
}

class Session {
  /**
   * @param {any} api the LMS's SCORM 1.2 API
   * @param {(kind: "refused" | "silent" | "rejected") => void} onProblem told of a refusal or of no answer
   */
  constructor(api, onProblem) {
    this.api = api;
    this.onProblem = onProblem;
    this.open = false;
    this.started = Date.now();
  }

  /** One API call as text; null when the LMS throws (no answer, e.g. its window is gone). */
  call(name, ...args) {
    try {
      return String(this.api[name](...args));
    } catch {
      this.onProblem("silent");
      return null;
    }
  }

  start() {
    if (this.open) return true;
    const answer = this.call("LMSInitialize", "");
    if (answer === null) return false;
    // 101: already initialized (a frame of the LMS did it); the session is usable.
    this.open = answer === "true" || (typeof this.api.LMSGetLastError === "function" && this.call("LMSGetLastError") === "101");
    if (!this.open) this.onProblem("refused");
    this.started = Date.now();
    return this.open;
  }

  get(key) {
    if (!this.open) return "";
    const value = this.call("LMSGetValue", key);
    return value === null || value === "undefined" || value === "null" ? "" : value;
  }

  set(key, value) {
    if (this.open && this.call("LMSSetValue", key, String(value)) === "false") this.onProblem("rejected");
  }

  commit() {
    if (this.open && this.call("LMSCommit", "") === "false") this.onProblem("rejected");
  }

  finish() {
    if (!this.open) return;
    this.set("cmi.core.session_time", timespan(Date.now() - this.started));
    this.commit();
    this.call("LMSFinish", "");
    this.open = false;
  }
}

/**
 * Connect this page to the LMS: report now, after every saved change and when the page is left. `notify(text)`
 * shows a notice to the learner; each kind of problem is told once. Returns null when there is no session.
 */
export async function connect({ api, store, loadWidgetModule, notify = /** @type {(text: string) => void} */ (() => {}) }) {
  const told = new Set();
  const session = new Session(api, (/** @type {keyof typeof MESSAGES} */ kind) => {
    if (told.has(kind)) return;
    told.add(kind);
    notify(MESSAGES[kind]);
  });
  if (!session.start()) return null;
  /** @type {(again?: boolean) => void} */
  let report = () => {};
  // Registered before anything is loaded: a learner may leave the page at once.
  window.addEventListener("pagehide", () => session.finish());
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && session.start()) report(true);
  });
  const base = new URL(".", import.meta.url);
  const [index, rules] = await Promise.all([
    fetch(new URL("course.json", base)).then((r) => r.json()),
    fetch(new URL("scorm.json", base)).then((r) => r.json()),
  ]);
  const types = new Set();
  for (const page of index.pages) for (const w of page.widgets) if (rules.required.includes(w.id)) types.add(w.widget);
  const modules = {};
  for (const type of types) modules[type] = await loadWidgetModule(type.replaceAll("-", "_"));

  let reported = "";
  report = (again = false) => {
    if (!session.open) return;
    if (again === true) reported = "";
    const now = progress(index, rules, store.all(), modules);
    const status = nextStatus(session.get("cmi.core.lesson_status"), now.complete);
    const key = JSON.stringify([status, now.score]);
    if (key === reported) return;
    reported = key;
    session.set("cmi.core.lesson_status", status);
    if (now.score !== null) {
      const previous = Number.parseFloat(session.get("cmi.core.score.raw"));
      if (Number.isNaN(previous) || now.score >= previous) {
        session.set("cmi.core.score.min", 0);
        session.set("cmi.core.score.max", 100);
        session.set("cmi.core.score.raw", now.score);
      }
    }
    session.set("cmi.core.exit", DONE.has(status) ? "" : "suspend");
    session.commit();
  };
  report();
  document.addEventListener("jd:saved", () => report());
  store.subscribe(() => report());
  return { session, report };
}
