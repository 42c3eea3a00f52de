// The course's service worker: after one visit the whole course (every page, the widget modules, styles, fonts,
// figures, the search index) is in one cache per version, and the course works without a network.
//
// - install: fetch every file of _static/jeugddomein/offline.json (files unchanged since the previous version are
//   copied from its cache instead of downloaded), check each against its SHA-256, and only then store the list
//   itself as the mark of a complete copy. One missing or wrong file fails the install: the old version stays.
// - a new version waits; the open page shows a Dutch notice. The next navigation of the only open tab hands over:
//   the new worker is asked to activate and the tab gets a short page that loads the page again once the new worker
//   is in charge, so a page never mixes two versions.
// - activate: delete the caches of older versions of this course (learner work lives in localStorage: untouched).
// - fetch: files of the copy come from the cache (query strings ignored), everything else from the network.
// The build prepends `self.JD_OFFLINE = {course, version, hash, list}` (sphinxext/offline.py).

const SETTINGS = self.JD_OFFLINE;
const PREFIX = `jd-${SETTINGS.course}-`;
const CACHE = `${PREFIX}${SETTINGS.version}-${SETTINGS.hash}`;
const ROOT = new URL("./", self.location.href).href;
const LIST_URL = new URL(SETTINGS.list, ROOT).href;
const PARALLEL = 4;
// The moment between two versions: a short page that loads the page again once the new worker is in charge, so
// that load comes from the new version's copy. Loading again at once would race the hand-over (the load could still
// reach this worker while the browser stops it), and so would any file this page asked for: its script is inline
// (allowed by its own hash) and its icon empty.
function loadAgainOnceTheNewWorkerLeads() {
  let done = false;
  const loadAgain = () => {
    if (!done) location.reload();
    done = true;
  };
  navigator.serviceWorker.addEventListener("controllerchange", loadAgain);
  navigator.serviceWorker.getRegistration().then((registration) => {
    const next = registration && registration.waiting;
    if (!next) return loadAgain();
    next.addEventListener("statechange", () => {
      if (next.state === "activated" || next.state === "redundant") loadAgain();
    });
  }, loadAgain);
}
const HANDOVER_SCRIPT = `(${loadAgainOnceTheNewWorkerLeads})();`;

async function handoverPage() {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(HANDOVER_SCRIPT));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  const html =
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Nieuwe versie</title>' +
    // Readable on a phone, and dark when the device is (no flash of white between two dark pages).
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">' +
    `<link rel="icon" href="data:,"><script>${HANDOVER_SCRIPT}</script></head>` +
    "<body><p>De nieuwe versie van de cursus wordt geladen.</p></body></html>";
  const policy = `default-src 'none'; img-src data:; script-src 'sha256-${hash}'`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy } });
}

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Files of complete older copies of this course: path -> {cache, sha}. */
async function previousCopies() {
  const found = new Map();
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const cache = await caches.open(key);
    const list = await cache.match(LIST_URL);
    if (!list) continue;
    for (const [path, , sha] of (await list.json()).files) found.set(path, { cache, sha });
  }
  return found;
}

async function storeFile(cache, previous, [path, size, sha]) {
  const url = new URL(path, ROOT).href;
  if (await cache.match(url)) return; // an install that was interrupted earlier got this far
  const old = previous.get(path);
  if (old && old.sha === sha) {
    const kept = await old.cache.match(url);
    if (kept) return cache.put(url, kept);
  }
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.clone().arrayBuffer();
  if (body.byteLength !== size || (await sha256(body)) !== sha) throw new Error(`${path}: andere inhoud dan verwacht`);
  return cache.put(url, response);
}

async function install() {
  const listResponse = await fetch(LIST_URL, { cache: "no-cache", credentials: "same-origin" });
  if (!listResponse.ok) throw new Error(`${SETTINGS.list}: HTTP ${listResponse.status}`);
  const list = await listResponse.clone().json();
  if (list.hash !== SETTINGS.hash) throw new Error("de bestandenlijst hoort bij een andere versie");
  const cache = await caches.open(CACHE);
  const previous = await previousCopies();
  const queue = [...list.files];
  const worker = async () => {
    while (queue.length) await storeFile(cache, previous, queue.shift());
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await cache.put(LIST_URL, listResponse); // last: the mark of a complete copy
}

async function activate() {
  const first = !(await caches.keys()).some((key) => key.startsWith(PREFIX) && key !== CACHE);
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
  }
  // The first version also serves the page that installed it (lazy images, modules loaded later).
  if (first) await self.clients.claim();
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "activate") self.skipWaiting();
  if (message.type === "status" && event.ports[0]) {
    caches
      .open(CACHE)
      .then((cache) => cache.match(LIST_URL))
      .then((list) => event.ports[0].postMessage({ version: SETTINGS.version, cache: CACHE, complete: Boolean(list) }));
  }
});

/** The cache key of a request: directory URLs are their index.html. */
function cacheKey(url) {
  return url.pathname.endsWith("/") ? new URL("index.html", url).href : url.href;
}

async function respond(event) {
  const request = event.request;
  if (request.mode === "navigate" && self.registration.waiting) {
    const windows = await self.clients.matchAll({ type: "window" });
    if (windows.length < 2) {
      // A new version is complete and this is the only tab: switch now; the hand-over page loads the page again
      // from the new version's cache once the new worker is in charge.
      self.registration.waiting.postMessage({ type: "activate" });
      return handoverPage();
    }
  }
  const cache = await caches.open(CACHE);
  const hit = await cache.match(cacheKey(new URL(request.url)), { ignoreSearch: true });
  return hit || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT) || request.url === LIST_URL) return;
  event.respondWith(respond(event));
});
