// Offline use of the course: registers the service worker (sw.js in the site root, found through the page's web app
// manifest link, so a course in a subfolder works), keeps every `.jd-offline-status` line saying whether the course
// is available offline on this device, and shows a Dutch notice when a new version of the course is ready.
// runtime.js loads this module only after the page has loaded and its widgets are ready. Never registers when the
// browser asks to save data, inside an LMS, from file:// or in a page without a manifest link (the SCORM package).

export const UPDATE_NOTICE = "Er is een nieuwe versie van de cursus; vernieuw de pagina.";

export const STATUS = {
  ready: (version) =>
    `Deze cursus is op dit apparaat offline beschikbaar (versie ${version}): je kunt alle pagina's en oefeningen ` +
    "ook zonder internet gebruiken.",
  saving: "De cursus wordt nu op de achtergrond op dit apparaat opgeslagen, zodat je hem straks ook offline kunt gebruiken.",
  incomplete:
    "De offline kopie van de cursus op dit apparaat is niet compleet (de browser heeft ruimte vrijgemaakt). " +
    "Zolang je internet hebt, werkt alles; de kopie wordt bij de volgende versie opnieuw gemaakt.",
  saveData:
    "De cursus wordt niet offline opgeslagen, omdat je browser vraagt om data te besparen. " +
    "Zet databesparing uit en open de pagina opnieuw om de cursus offline te bewaren.",
  file: "Je opent de cursus als bestanden op dit apparaat: daarvoor heb je geen internet nodig, maar de browser kan hem zo niet apart offline bewaren.",
  elsewhere: "Hier wordt de cursus niet offline opgeslagen (bijvoorbeeld in een leeromgeving); open de cursus via zijn eigen webadres om offline te studeren.",
  unsupported: "Deze browser kan de cursus niet offline opslaan; je hebt internet nodig om de pagina's te openen.",
  failed: (reason) =>
    `De cursus kon niet offline worden opgeslagen (${reason}); je hebt internet nodig. ` +
    "Bij je volgende bezoek wordt het opnieuw geprobeerd.",
};

/** Write `text` in every offline-status line of the page. */
function show(text, state) {
  for (const line of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".jd-offline-status"))) {
    line.setAttribute("role", "status");
    line.textContent = text;
    line.dataset.jdOffline = state;
  }
}

/** Ask the active worker whether its copy is complete; null when it does not answer. */
function askStatus(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 5000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage({ type: "status" }, [channel.port2]);
  });
}

async function report(registration) {
  if (!registration.active) return show(STATUS.saving, "saving");
  const status = await askStatus(registration.active);
  if (status && status.complete) show(STATUS.ready(status.version), "ready");
  else show(STATUS.incomplete, "incomplete");
}

function showUpdate(notice) {
  const main = document.querySelector("main") || document.body;
  if (main.querySelector(".jd-notice-update")) return;
  const box = notice(main, UPDATE_NOTICE, "ok");
  box.classList.add("jd-notice-update");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jd-button jd-notice-action";
  button.textContent = "Pagina vernieuwen";
  button.addEventListener("click", () => location.reload());
  box.append(" ", button);
}

function watch(registration, notice) {
  const track = (worker) => {
    if (!worker) return;
    const changed = () => {
      if (worker.state === "installed" && registration.active && registration.active !== worker) showUpdate(notice);
      else if (worker.state === "activated") report(registration);
      else if (worker.state === "redundant" && !registration.active) {
        show(STATUS.failed("niet alle bestanden konden worden opgehaald"), "failed");
      }
    };
    worker.addEventListener("statechange", changed);
    changed();
  };
  if (registration.waiting && registration.active) showUpdate(notice);
  track(registration.installing);
  registration.addEventListener("updatefound", () => track(registration.installing));
  report(registration);
}

/**
 * Start offline use on this page.
 * @param {{inLms: boolean, notice: (target: Element, text: string, kind?: string) => HTMLElement}} options
 */
export async function startOffline({ inLms, notice }) {
  const manifest = /** @type {HTMLLinkElement | null} */ (document.querySelector('link[rel="manifest"]'));
  if (location.protocol === "file:") return show(STATUS.file, "file");
  if (inLms || !manifest) return show(STATUS.elsewhere, "elsewhere");
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return show(STATUS.unsupported, "unsupported");
  const root = new URL("./", manifest.href).href;
  const saveData = Boolean(/** @type {any} */ (navigator).connection?.saveData);
  let registration = await navigator.serviceWorker.getRegistration(root);
  try {
    if (!registration) {
      if (saveData) return show(STATUS.saveData, "save-data");
      registration = await navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root });
    } else if (!saveData && navigator.onLine) {
      registration.update().catch(() => {}); // no network: the copy stays as it is
    }
  } catch (error) {
    return show(STATUS.failed(String(error && error.message ? error.message : error)), "failed");
  }
  if (!registration) return show(STATUS.unsupported, "unsupported"); // the browser refused without an error
  watch(registration, notice);
}
