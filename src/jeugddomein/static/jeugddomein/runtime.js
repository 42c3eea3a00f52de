// The static-site host for the course's anywidget modules: finds each placeholder, gives its module a model
// with the anywidget API (get, set, on, off, save_changes, send) backed by the learner store, and renders it.
import { LearnerStore } from "./store.js";

const settings = document.documentElement.dataset;
const scriptData = document.querySelector("script[data-jd-course]")?.dataset || {};
export const course = scriptData.jdCourse || settings.jdCourse || "cursus";
export const courseVersion = scriptData.jdVersion || "0";
export const store = new LearnerStore({ course });

const WIDGET_BASE = new URL("./widgets/", import.meta.url);

/** Load a widget's ES module (and its stylesheet once). */
const modules = new Map();
export function loadWidgetModule(name) {
  if (!/^[a-z0-9_]+$/.test(name)) return Promise.reject(new Error(`onbekend widget: ${name}`));
  if (!modules.has(name)) {
    const css = new URL(`${name}.css`, WIDGET_BASE).href;
    if (!document.querySelector(`link[data-jd-widget-css="${name}"]`)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = css;
      link.dataset.jdWidgetCss = name;
      document.head.append(link);
    }
    modules.set(name, import(new URL(`${name}.js`, WIDGET_BASE).href).then((m) => m.default));
  }
  return modules.get(name);
}

/**
 * A model with the anywidget front-end API. `config` comes from the page, `state` keys are the learner's work.
 * @returns {{get: Function, set: Function, on: Function, off: Function, save_changes: Function, send: Function}}
 */
export function createModel({ id, widget, page, config, defaults }) {
  const stateKeys = Object.keys(defaults);
  const saved = store.read(id);
  const data = { ...config, ...defaults, ...pick(saved?.state || {}, stateKeys) };
  const handlers = new Map();
  const emit = (event, ...args) => {
    for (const handler of [...(handlers.get(event) || [])]) handler(...args);
  };
  const model = {
    get: (key) => data[key],
    set(key, value) {
      const old = data[key];
      data[key] = value;
      if (old !== value) {
        emit(`change:${key}`, value);
        emit("change");
      }
    },
    on(event, handler) {
      for (const name of event.split(" ")) {
        if (!handlers.has(name)) handlers.set(name, new Set());
        handlers.get(name).add(handler);
      }
    },
    off(event, handler) {
      if (!event) return handlers.clear();
      for (const name of event.split(" ")) {
        if (handler) handlers.get(name)?.delete(handler);
        else handlers.delete(name);
      }
    },
    save_changes() {
      store.write(id, { widget, page, state: pick(data, stateKeys) });
      document.dispatchEvent(new CustomEvent("jd:saved", { detail: { id } }));
    },
    send() {
      // Custom messages go to a kernel; the static site has none.
    },
  };
  store.subscribe((changedId, record) => {
    if (changedId !== id) return;
    const incoming = record ? pick(record.state, stateKeys) : { ...defaults };
    for (const key of stateKeys) {
      if (JSON.stringify(incoming[key]) !== JSON.stringify(data[key])) model.set(key, incoming[key] ?? defaults[key]);
    }
  });
  return model;
}

function pick(source, keys) {
  const out = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

/** A notice in Dutch above a widget (or on top of the page for problems that concern all work). */
export function notice(target, text, kind = "warning") {
  const box = document.createElement("div");
  box.className = `jd-notice jd-notice-${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  box.textContent = text;
  target.prepend(box);
  return box;
}

function reportProblem(problem) {
  if (problem.kind === "unavailable") {
    const main = document.querySelector("main") || document.body;
    if (!main.querySelector(".jd-notice-storage")) {
      notice(
        main,
        "Je werk kan in deze browser niet worden bewaard (opslag vol, uitgeschakeld of privévenster). " +
          "Alles blijft werken zolang deze pagina open is. Exporteer je portfolio om je werk te bewaren.",
      ).classList.add("jd-notice-storage");
    }
    return;
  }
  const holder = document.querySelector(`.jd-widget[data-widget-id="${problem.id}"]`) || document.querySelector("main");
  if (holder) {
    notice(
      holder,
      `Eerder opgeslagen werk bij deze oefening was niet leesbaar (${problem.reason}). ` +
        `Er is niets weggegooid: een kopie staat in je browser onder de sleutel "${problem.backupKey}". ` +
        "Je kunt hier opnieuw beginnen; vraag je docent om hulp als je het oude werk terug wilt.",
    );
  }
}

/** Render one placeholder. */
export async function mount(holder) {
  if (holder.dataset.jdMounted) return;
  holder.dataset.jdMounted = "1";
  const widget = holder.dataset.widget;
  const id = holder.dataset.widgetId;
  const target = document.createElement("div");
  target.className = "jd-widget-live";
  holder.append(target);
  try {
    const spec = JSON.parse(holder.querySelector("script.jd-widget-data").textContent);
    const module = await loadWidgetModule(widget.replaceAll("-", "_"));
    const model = createModel({ id, widget, page: holder.dataset.page || "", config: spec.config, defaults: spec.state });
    await module.initialize?.({ model });
    await module.render({ model, el: target });
    holder.classList.add("jd-ready");
  } catch (error) {
    const details = document.createElement("details");
    details.className = "jd-widget-error";
    const summary = document.createElement("summary");
    summary.textContent = "Deze oefening kon niet worden geladen. De tekst hieronder blijft leesbaar.";
    const pre = document.createElement("pre");
    pre.textContent = String(error && error.message ? error.message : error);
    details.append(summary, pre);
    target.replaceChildren(details);
    holder.classList.add("jd-failed");
  }
}

export function mountAll(root = document) {
  return Promise.all([...root.querySelectorAll(".jd-widget[data-widget]")].map(mount));
}

store.onProblem(reportProblem);
const ready = mountAll().then(() => {
  document.documentElement.dataset.jdWidgetsReady = String(document.querySelectorAll(".jd-widget.jd-ready").length);
  document.dispatchEvent(new CustomEvent("jd:widgets-ready"));
});
export default ready;

if (document.querySelector(".jd-portfolio")) {
  import("./portfolio.js").then((m) =>
    m.mountPortfolio(document.querySelector(".jd-portfolio"), { store, course, courseVersion, loadWidgetModule }),
  );
}

// The theme's "print" button without an inline onclick (postprocess turns it into data-jd-print; strict CSP).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-jd-print]")) window.print();
});

/** The SCORM 1.2 API of an LMS: window.API in this window's parents, then in its opener's (the standard search). */
export function findScormApi(start = window) {
  const search = (win) => {
    for (let depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch {
        // A parent on another origin: not reachable, keep looking further up.
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  let api = search(start);
  try {
    if (!api && start.opener) api = search(start.opener);
  } catch {
    api = null;
  }
  return api;
}

/** One notice on top of the page about the LMS connection (a later problem replaces the text). */
function lmsNotice(text) {
  const main = document.querySelector("main") || document.body;
  const box = main.querySelector(".jd-notice-lms") || notice(main, "");
  box.classList.add("jd-notice-lms");
  box.textContent = text;
}

// Inside an LMS only: report completion and score (scorm.js is not even loaded elsewhere).
const scormApi = findScormApi();
if (scormApi) {
  ready
    .then(() => import("./scorm.js"))
    .then((m) => m.connect({ api: scormApi, store, loadWidgetModule, notify: lmsNotice }))
    .catch((error) => {
      console.warn("SCORM-koppeling mislukt:", error);
      lmsNotice(
        "De verbinding met de leeromgeving lukte niet, dus je voortgang komt daar nu niet in. " +
          "Je werk blijft wel in deze browser bewaard. Herlaad de pagina vanuit de leeromgeving om het opnieuw te proberen.",
      );
    });
}
