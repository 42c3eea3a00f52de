// The course's page script: creates the learner store, mounts every widget through the host (host.js), and does
// the page chores: Dutch notices for storage problems, the portfolio page, print buttons, telling the SCORM launch page
// of saved work inside an LMS, and (after the page has loaded) offline use through the service worker (offline.js).
import { loadWidgetModule, mountAll } from "./host.js";
import { LearnerStore } from "./store.js";

const settings = document.documentElement.dataset;
const scriptData = /** @type {HTMLScriptElement | null} */ (document.querySelector("script[data-jd-course]"))?.dataset || {};
export const course = scriptData.jdCourse || settings.jdCourse || "cursus";
export const courseVersion = scriptData.jdVersion || "0";
export const store = new LearnerStore({ course });

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

/** The page parsed to its end (the runtime loads async: it may start before the parser has seen every widget). */
const parsed = new Promise((resolve) => {
  if (document.readyState !== "loading") resolve(undefined);
  else document.addEventListener("readystatechange", () => resolve(undefined), { once: true });
});

store.onProblem((problem) => parsed.then(() => reportProblem(problem)));
const ready = parsed.then(() => mountAll(store)).then(() => {
  document.documentElement.dataset.jdWidgetsReady = String(document.querySelectorAll(".jd-widget.jd-ready").length);
  document.dispatchEvent(new CustomEvent("jd:widgets-ready"));
});
export default ready;

parsed.then(() => {
  const portfolio = document.querySelector(".jd-portfolio");
  if (portfolio) {
    import("./portfolio.js").then((m) =>
      m.mountPortfolio(portfolio, { store, course, courseVersion, loadWidgetModule }),
    );
  }
});

// The theme's "print" button without an inline onclick (postprocess turns it into data-jd-print; strict CSP).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-jd-print]")) window.print();
});

// The theme's whole stylesheet loads beside the part the first paint needs, without blocking it (media="print",
// postprocess.py): it applies once it is in. Until then only what the theme's scripts add (an open menu) lacks style.
parsed.then(() => {
  for (const link of document.querySelectorAll("link[data-jd-full-styles]")) {
    const sheet = /** @type {HTMLLinkElement} */ (link);
    const apply = () => {
      sheet.media = "all";
    };
    if (sheet.sheet) apply();
    else sheet.addEventListener("load", apply, { once: true });
  }
});

/**
 * The launch page of the SCORM package (scorm-start.html) when this page runs in its frame: it holds the one LMS
 * session of the launch (lms.js) and hears of every saved change. Null outside an LMS package.
 * @returns {{changed: () => void} | null}
 */
export function launchPage(win = window) {
  try {
    const lms = win.parent !== win ? /** @type {any} */ (win.parent).jdLms : null;
    return lms && typeof lms.changed === "function" ? lms : null;
  } catch {
    return null; // a parent on another origin: not our launch page
  }
}

const lms = launchPage();
if (lms) document.addEventListener("jd:saved", () => lms.changed());

/** The page has loaded and its widgets are ready: the first load is over. */
const settled = Promise.all([
  ready,
  new Promise((resolve) => {
    if (document.readyState === "complete") resolve(undefined);
    else window.addEventListener("load", () => resolve(undefined), { once: true });
  }),
]);
// Until now, sections off screen were left undrawn so the first screen painted sooner (jeugddomein.css); from here
// the whole page is laid out, for what reads its layout: innerText, and checkers that work out colours from it.
settled.then(() => document.documentElement.classList.add("jd-drawn"));
// Offline use: only once the first load is over, so the offline copy never competes with it (offline.js decides
// whether to register: not in an LMS, not from file://, not when saving data).
settled
  .then(() => import("./offline.js"))
  .then((m) => m.startOffline({ inLms: Boolean(lms), notice }))
  .catch((error) => console.warn("Offline gebruik niet gestart:", error));
