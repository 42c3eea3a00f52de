// The launch page of the SCORM package (scorm-start.html): it holds the one LMS session of a launch while the course
// pages navigate inside its frame (same origin, so a service worker of the course pages also serves them there).
// On launch: start the session, read suspend_data and merge it into the browser store like an import (newest work
// wins, nothing deleted), then open the course where the learner left it. On every saved change: report completion,
// score, answered knowledge checks and changed objectives (Bronstein components, rubric self-grades), write the
// store into suspend_data (the most valuable part when not all fits,
// with a Dutch notice naming what to export) and commit. On page hide: finish the session, once.
// The browser store stays the primary store; when the LMS is gone nothing is lost, the learner gets a notice.
import { loadWidgetModule } from "./host.js";
import {
  MESSAGES,
  OBJECTIVE_WIDGETS,
  STANDARDS,
  Session,
  newAnswers,
  nextStatus,
  objectives,
  progress,
  scorePairs,
  slot,
} from "./scorm.js";
import { LearnerStore } from "./store.js";
import { BUDGETS, decode, encode, entriesOf, fit, planMerge } from "./suspend.js";

/** What the learner calls each kind of exercise, for the notices. */
const KINDS = {
  reflection: "reflectie",
  "knowledge-check": "kennischeck",
  "bronstein-scan": "Bronstein-scan",
  rubric: "rubric",
  "competence-tracker": "competentiemeter",
  "rich-picture": "rich picture",
  "role-play": "rollenspel",
  worksheet: "werkblad",
  "case-editor": "casus-editor",
};

const script = /** @type {HTMLScriptElement} */ (document.querySelector("script[data-jd-scorm]"));
const standardName = /** @type {"1.2" | "2004"} */ (script.dataset.jdScorm);
const standard = STANDARDS[standardName];
const budget = BUDGETS[standardName];
const frame = /** @type {HTMLIFrameElement} */ (document.querySelector("iframe.jd-lms-course"));
const notices = /** @type {HTMLElement} */ (document.querySelector(".jd-lms-notices"));
const LOCATION_KEY = standardName === "1.2" ? "cmi.core.lesson_location" : "cmi.location";

/** The LMS's API of this standard: in this window's parents, then in its opener's (the standard search). */
function findApi(name, start = window) {
  const search = (win) => {
    for (let depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win[name] && typeof win[name][standard.fn.start] === "function") return win[name];
      } catch {
        // A parent on another origin: not reachable, keep looking further up.
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  try {
    return search(start) || (start.opener ? search(start.opener) : null);
  } catch {
    return null;
  }
}

/** One notice per kind above the course (a later one of the same kind replaces it). */
function notify(kind, text) {
  let box = notices.querySelector(`[data-kind="${kind}"]`);
  if (!box) {
    box = document.createElement("p");
    box.className = "jd-notice jd-notice-warning";
    box.setAttribute("data-kind", kind);
    notices.append(box);
  }
  box.textContent = text;
}

function clear(kind) {
  notices.querySelector(`[data-kind="${kind}"]`)?.remove();
}

/**
 * The exercises of a list of ids, grouped by kind in the list's order: "rich picture (3×) bij 'A', 'B' en 'C'";
 * at most three pages named per kind.
 */
function describe(ids, known) {
  /** @type {Map<string, string[]>} */
  const groups = new Map();
  for (const id of ids) {
    const w = known.get(id);
    const kind = w ? KINDS[w.widget] || w.widget : "oefening";
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(w ? `'${w.title}'` : id);
  }
  const parts = [];
  for (const [kind, pages] of groups) {
    const named = [...new Set(pages)];
    const shown = named.length > 3 ? `${named.slice(0, 3).join(", ")} en ${named.length - 3} andere` : named.join(", ").replace(/, ([^,]*)$/, " en $1");
    parts.push(`${kind}${pages.length > 1 ? ` (${pages.length}×)` : ""} bij ${shown}`);
  }
  return parts.join("; ");
}

async function main() {
  const base = new URL(".", import.meta.url);
  const told = new Set();
  const session = (() => {
    const api = findApi(standard.api);
    if (!api) return null;
    return new Session(api, standard, (kind) => {
      if (told.has(kind)) return;
      told.add(kind);
      notify("lms", MESSAGES[kind]);
    });
  })();
  // Registered before anything else: a learner may close the course at once.
  window.addEventListener("pagehide", () => session?.finish());
  const started = session ? session.start() : false;
  if (!session) {
    notify(
      "lms",
      "Deze cursus vindt geen leeromgeving (SCORM) om je voortgang aan door te geven. Je werk blijft wel in deze browser bewaard.",
    );
  }

  const [index, rules] = await Promise.all([
    fetch(new URL("course.json", base)).then((r) => r.json()),
    fetch(new URL("scorm.json", base)).then((r) => r.json()),
  ]);
  const store = new LearnerStore({ course: rules.course });
  /** @type {Map<string, {id: string, widget: string, config: any, page: string, title: string, url: string}>} */
  const known = new Map();
  for (const page of index.pages) for (const w of page.widgets) known.set(w.id, { ...w, page: page.page, title: page.title, url: page.url });

  // The course pages in the frame call changed() after each save (from their first page on); the store also hears
  // other tabs and imports.
  let onChange = () => {};
  /** @type {any} */ (window).jdLms = { standard: standardName, changed: () => onChange() };
  const pages = new Set(index.pages.map((p) => p.url));
  if (!started) {
    frame.src = script.dataset.jdStart;
    return;
  }
  await resume(session, store, known);
  // Listening before the first page opens: a learner may move on while the widget modules below still load.
  frame.addEventListener("load", () => {
    try {
      const here = new URL(frame.contentWindow.location.href);
      const path = here.pathname.slice(new URL("../../", base).pathname.length);
      if (pages.has(path) && session.set(LOCATION_KEY, path)) session.commit();
    } catch {
      // A page of another origin in the frame (a link out of the course): nothing to remember.
    }
  });
  const last = session.get(LOCATION_KEY);
  frame.src = pages.has(last) ? last : script.dataset.jdStart;

  const types = new Set([...known.values()].filter((w) => rules.required.includes(w.id)).map((w) => w.widget));
  for (const w of known.values()) if (OBJECTIVE_WIDGETS.includes(w.widget)) types.add(w.widget);
  const modules = {};
  for (const type of types) modules[type] = await loadWidgetModule(type.replaceAll("-", "_"));

  // Checks answered before this launch were reported then (or before the course ran in an LMS).
  const reported = new Map();
  newAnswers(known, store.all(), reported);
  let interactions = Number.parseInt(session.get(standard.keys.count), 10) || 0;
  // The objectives the LMS has (from earlier launches) keep their index; each is sent again once per launch.
  const objectiveIndexes = new Map();
  const objectiveCount = Number.parseInt(session.get(standard.keys.objectives), 10) || 0;
  for (let n = 0; n < objectiveCount; n += 1) objectiveIndexes.set(session.get(`cmi.objectives.${n}.id`) || `?${n}`, n);
  const sentObjectives = new Map();
  let sentStatus = "";
  let sentSuspend = session.get(standard.keys.suspend);
  session.set(standard.keys.exit, "suspend");

  async function report() {
    const records = store.all();
    const now = progress(index, rules, records, modules);
    const status = nextStatus(session.get(standard.keys.status), now.complete);
    if (status !== sentStatus && session.set(standard.keys.status, status)) sentStatus = status;
    for (const [key, value] of scorePairs(standard, now.score, session.get(standard.keys.raw))) session.set(key, value);
    for (const answer of newAnswers(known, records, reported)) {
      for (const [key, value] of standard.interaction(interactions, answer)) session.set(key, value);
      interactions += 1;
    }
    for (const objective of objectives(known, records, modules)) {
      const signature = JSON.stringify(objective);
      if (sentObjectives.get(objective.id) === signature) continue;
      const pairs = standard.objective(slot(objectiveIndexes, objective.id), objective);
      if (pairs.map(([key, value]) => session.set(key, value)).every(Boolean)) sentObjectives.set(objective.id, signature);
    }
    const entries = [...records]
      .filter(([id]) => known.has(id))
      .map(([id, r]) => ({ id, widget: known.get(id).widget, updated: r.updated, state: r.state }));
    const result = await fit(entries, encode, budget);
    if (!session.open) return; // the page was hidden while encoding; the browser store has the work
    if (result.text !== sentSuspend && session.set(standard.keys.suspend, result.text)) sentSuspend = result.text;
    if (result.left.length) {
      notify(
        "budget",
        `Niet al je werk past in de leeromgeving (SCORM ${standardName} bewaart maximaal ${budget.toLocaleString("nl-NL")} tekens). ` +
          `Je belangrijkste werk gaat wel mee naar een ander apparaat, maar dit staat alleen in deze browser: ${describe(result.left, known)}. ` +
          "Exporteer je portfolio (pagina Mijn portfolio, knop Exporteer portfolio) en importeer het bestand op het andere apparaat.",
      );
    } else {
      clear("budget");
    }
    session.commit();
  }

  // Reports never overlap (encoding is asynchronous): changes during one report start exactly one more.
  let running = null;
  let again = false;
  const changed = () => {
    if (!session.open) return;
    if (running) {
      again = true;
      return;
    }
    running = report()
      .catch((error) => console.warn("SCORM-rapportage mislukt:", error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          changed();
        }
      });
  };
  onChange = changed;
  store.subscribe(changed);
  changed();
}

/** Merge the work the LMS carries into the browser store, as an import; tell what stayed on the other device. */
async function resume(session, store, known) {
  const raw = session.get(standard.keys.suspend);
  if (!raw) return;
  let data;
  try {
    data = await decode(raw);
  } catch (error) {
    notify(
      "resume",
      `Je werk uit de leeromgeving kon niet worden gelezen (${error.message}). Je werk in deze browser blijft zoals het was.`,
    );
    return;
  }
  const { entries, left, leftCount } = entriesOf(data, known);
  const plan = planMerge(entries, (id) => store.read(id));
  for (const entry of [...plan.added, ...plan.updated]) store.put(entry.id, entry);
  const missing = left.filter((id) => known.has(id) && !store.read(id));
  const unnamed = leftCount - left.length;
  if (missing.length || unnamed > 0) {
    const what = missing.length ? `: ${describe(missing, known)}` : ` (${leftCount} oefeningen)`;
    notify(
      "resume",
      `Niet al je werk paste in de leeromgeving. Dit staat nog alleen op het apparaat waar je het maakte${what}. ` +
        "Exporteer daar je portfolio (pagina Mijn portfolio, knop Exporteer portfolio) en importeer het bestand hier.",
    );
  }
}

main().catch((error) => {
  console.warn("SCORM-koppeling mislukt:", error);
  notify(
    "lms",
    "De verbinding met de leeromgeving lukte niet, dus je voortgang komt daar nu niet in. Je werk blijft wel in deze " +
      "browser bewaard. Open de cursus opnieuw vanuit de leeromgeving om het opnieuw te proberen.",
  );
  if (!frame.getAttribute("src")) frame.src = script.dataset.jdStart;
});
