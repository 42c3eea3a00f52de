// The static-site host of the course's anywidget modules: loads a widget's module, gives it a model with the
// anywidget front-end API (get, set, on, off, save_changes, send) backed by the learner store, renders it, and
// keeps the cleanup `render` returns. The semantics follow anywidget's Jupyter host (Backbone): a change handler
// gets (model, value); setting a value equal to the current one fires nothing; `off()` drops every handler.
// Host-filled keys (when the widget's configuration declares them), kept current: `saved_work` holds the ids of
// every exercise with saved work in this browser, `learner` the learner's name as set on "Mijn portfolio"; widgets
// never read the store's keys themselves.

const WIDGET_BASE = new URL("./widgets/", import.meta.url);
const modules = new Map();

/** The widget's stylesheet, added once; resolves when it has loaded (or failed: the widget still works unstyled). */
function loadStylesheet(name) {
  const existing = /** @type {HTMLLinkElement | null} */ (document.querySelector(`link[data-jd-widget-css="${name}"]`));
  if (existing && existing.sheet) return Promise.resolve();
  const link = existing || document.createElement("link");
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", () => resolve(undefined), { once: true });
    link.addEventListener("error", () => resolve(undefined), { once: true });
  });
  if (!existing) {
    link.rel = "stylesheet";
    link.href = new URL(`${name}.css`, WIDGET_BASE).href;
    link.dataset.jdWidgetCss = name;
    document.head.append(link);
  }
  return loaded;
}

/**
 * Load a widget's bundled module and its stylesheet. The module renders only once its styles apply, so the view
 * measures its final layout (the rich picture fits its drawing to the canvas size it will keep).
 */
export function loadWidgetModule(name) {
  if (!/^[a-z0-9_]+$/.test(name)) return Promise.reject(new Error(`onbekend widget: ${name}`));
  if (!modules.has(name)) {
    const module = import(new URL(`${name}.js`, WIDGET_BASE).href).then((m) => m.default);
    modules.set(name, Promise.all([module, loadStylesheet(name)]).then(([m]) => m));
  }
  return modules.get(name);
}

/** Whether two JSON values are equal (Backbone compares deeply too). */
export function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function pick(source, keys) {
  const out = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

/** Ids of every exercise with saved work in the store. */
function savedIds(store) {
  return store.ids().sort();
}

/**
 * A model with the anywidget front-end API. `config` comes from the page, `defaults` name the learner's keys.
 * @param {{store: any, id: string, widget: string, page: string, config: object, defaults: object}} options
 */
export function createModel({ store, id, widget, page, config, defaults }) {
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
      if (sameValue(data[key], value)) return;
      data[key] = value;
      emit(`change:${key}`, model, value);
      emit("change", model);
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
  const hostFilled = "saved_work" in config;
  const refreshSaved = () => model.set("saved_work", savedIds(store));
  if (hostFilled) {
    data.saved_work = savedIds(store);
    document.addEventListener("jd:saved", refreshSaved);
  }
  const stopName = "learner" in config ? store.onLearnerName((name) => model.set("learner", name)) : () => {};
  if ("learner" in config) data.learner = store.learnerName();
  const unsubscribe = store.subscribe((changedId, record) => {
    if (hostFilled) refreshSaved();
    if (changedId !== id) return;
    const incoming = record ? pick(record.state, stateKeys) : { ...defaults };
    for (const key of stateKeys) model.set(key, incoming[key] ?? defaults[key]);
  });
  const close = () => {
    unsubscribe();
    stopName();
    document.removeEventListener("jd:saved", refreshSaved);
  };
  return { model, close };
}

const views = new WeakMap();

/**
 * Render one placeholder: module, model, `initialize`, `render`; the cleanup `render` returns is kept for unmount.
 * A module that fails leaves the page's static text and a Dutch message.
 */
export async function mount(holder, store) {
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
    const { model, close } = createModel({
      store, id, widget, page: holder.dataset.page || "", config: spec.config, defaults: spec.state,
    });
    const cleanups = [close, () => model.off()];
    const initialized = await module.initialize?.({ model });
    if (typeof initialized === "function") cleanups.push(initialized);
    const rendered = await module.render({ model, el: target });
    if (typeof rendered === "function") cleanups.unshift(rendered);
    views.set(holder, { cleanups, target });
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

/** Destroy a rendered view: its cleanup, then the model's handlers and store subscription; the holder can mount again. */
export function unmount(holder) {
  const view = views.get(holder);
  if (!view) return false;
  views.delete(holder);
  for (const cleanup of view.cleanups) cleanup();
  view.target.remove();
  holder.classList.remove("jd-ready");
  delete holder.dataset.jdMounted;
  return true;
}

export function mountAll(store, root = document) {
  return Promise.all([...root.querySelectorAll(".jd-widget[data-widget]")].map((holder) => mount(holder, store)));
}
