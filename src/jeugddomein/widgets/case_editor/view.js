// Case editor: a lecturer writes a role-play case in forms (everything a case file can say), sees the build's checks
// and a scene graph as they type, plays the case with the real role-play view, prints its role cards, and exports a
// YAML file the build accepts unchanged. The draft is saved in the browser as the lecturer types (the widget's state).
import { debounce, el, listen, uid } from "../_shared/ui.js";
import { cardsSection } from "../role_play/cards.js";
import { caseData, caseYaml, emptyState, formState, lineOf, readCaseText } from "../role_play/casefile.js";
import { MODEL_KEYS, MODELS, ROLE_KINDS } from "../role_play/catalogue.js";
import { caseModel, checkCase, graphProblems, modelProblems } from "../role_play/checks.js";
import rolePlay from "../role_play/view.js";
import { caseForm, drawFoldOutsFor, openFoldOut, undrawnFoldOutsHolding } from "./form.js";
import { graphOf, graphView } from "./graph.js";
import { done } from "./rules.js";

/**
 * @typedef Model
 * @property {Record<string, {doc: string, title: string}>} links  chapter labels a case may link to
 * @property {string} draft  the draft case file (YAML)
 * @property {string} name  its file name
 */

const AUTOSAVE_MS = 600;

/** A file name for a case: the build takes the name as the case's id. */
function fileName(state, name) {
  if (name) return name;
  const slug = (state.title || "casus")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return `${slug || "casus"}.yaml`;
}

/** A model with anywidget's API in memory: the preview plays the case without touching the learner's store. */
function memoryModel(values) {
  const data = { ...values };
  const handlers = new Map();
  return {
    get: (key) => data[key],
    set(key, value) {
      if (JSON.stringify(data[key]) === JSON.stringify(value)) return;
      data[key] = value;
      for (const handler of [...(handlers.get(`change:${key}`) || [])]) handler(this, value);
    },
    on(event, handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event).add(handler);
    },
    off(event, handler) {
      if (!event) handlers.clear();
      else if (handler) handlers.get(event)?.delete(handler);
      else handlers.delete(event);
    },
    save_changes() {},
    send() {},
  };
}

/** The role-play's stylesheet next to this module on the site (Jupyter has it inlined with the role-play widget). */
function ensureRolePlayStyles() {
  try {
    const href = new URL("./role_play.css", import.meta.url).href;
    if (!href.startsWith("http") || document.querySelector(`link[data-jd-widget-css="role_play"]`)) return;
    const link = el("link", { rel: "stylesheet", href });
    link.dataset.jdWidgetCss = "role_play";
    document.head.append(link);
  } catch {
    // No base URL to resolve against (a blob module in Jupyter): the preview keeps the page's styles.
  }
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const base = uid("jd-ce");
  const labels = Object.keys(model.get("links") || {});
  let original = null;
  let state = emptyState();
  let lastSaved = null;
  let previewCleanup = null;
  let previewKey = null;

  const live = el("div", { className: "jd-ce-live", role: "status", "aria-live": "polite" });
  const saved = el("p", { className: "jd-hint jd-ce-saved" });
  const importNotes = el("div", { className: "jd-ce-import-notes" });
  const problemsBox = el("div", { className: "jd-ce-problems" });
  const graphBox = el("div", { className: "jd-ce-graph" });
  const formBox = el("div", { className: "jd-ce-form-box" });
  const previewBox = el("div", { className: "jd-ce-preview" });
  const cardsBox = el("div", { className: "jd-ce-cards" });
  const yamlArea = el("textarea", { id: `${base}-yaml`, rows: "16", readonly: true, spellcheck: "false", className: "jd-ce-yaml" });

  function load(text) {
    const read = readCaseText(text);
    if (read.problems.length) return read;
    original = read.doc;
    state = formState(read.data);
    return read;
  }

  function restore() {
    const draft = model.get("draft") || "";
    if (draft.trim()) {
      const read = load(draft);
      if (read.problems.length) {
        importNotes.replaceChildren(
          el("p", { className: "jd-notice", text: "Het opgeslagen concept is geen geldige YAML meer; de editor begint leeg. Het concept zelf blijft bewaard tot je iets wijzigt." }),
        );
      }
    }
  }

  const exportText = () => caseYaml(caseData(state), original);

  // --- file bar ---
  const fileInput = el("input", { type: "file", id: `${base}-open`, className: "jd-file-input", accept: ".yaml,.yml,text/yaml,text/plain" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    const text = await file.text();
    const read = readCaseText(text);
    fileInput.value = "";
    if (read.problems.length) {
      importNotes.replaceChildren(
        el("p", { className: "jd-notice", role: "alert", text: `${file.name} is niet ingelezen: ${read.problems.map(([where, why]) => `${where}: ${why}`).join("; ")}` }),
      );
      return;
    }
    const before = checkCase(read.data, labels);
    load(text);
    model.set("name", file.name);
    const dropped = before.filter(([, why]) => why.startsWith("dit veld is onbekend"));
    importNotes.replaceChildren(
      dropped.length
        ? el("p", { className: "jd-notice", text: `Let op: de editor kent deze velden niet en laat ze bij het exporteren weg: ${dropped.map(([p]) => p).join(", ")}.` })
        : "",
    );
    live.textContent = `${file.name} is ingelezen.`;
    redrawForm("");
    update(true);
  });
  const exportButton = el("button", { type: "button", className: "jd-button jd-primary", text: "Exporteren als YAML-bestand" });
  exportButton.addEventListener("click", () => {
    const text = exportText();
    const link = el("a", {
      href: URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" })),
      download: fileName(state, model.get("name")),
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    live.textContent = `${fileName(state, model.get("name"))} is gedownload.`;
  });
  const newButton = el("button", { type: "button", className: "jd-button", text: "Nieuwe casus beginnen" });
  let confirming = false;
  newButton.addEventListener("click", () => {
    if (!confirming) {
      confirming = true;
      newButton.textContent = "Zeker weten? Klik nog eens: het concept wordt leeggemaakt (exporteer het eerst)";
      return;
    }
    confirming = false;
    newButton.textContent = "Nieuwe casus beginnen";
    original = null;
    state = emptyState();
    model.set("name", "");
    importNotes.replaceChildren();
    live.textContent = "Je begint met een lege casus.";
    redrawForm("");
    update(true);
  });
  newButton.addEventListener("blur", () => {
    confirming = false;
    newButton.textContent = "Nieuwe casus beginnen";
  });

  // --- live checks, graph, preview, autosave ---
  function goTo(path) {
    drawFoldOutsFor(formBox, path);
    const target = /** @type {HTMLElement | null} */ (
      formBox.querySelector(`[data-path="${path}"]`) || formBox.querySelector(`fieldset[data-path="${path}"]`)
    );
    if (!target) return;
    const details = target.closest("details");
    if (details) openFoldOut(details);
    const focusable = /** @type {HTMLElement | null} */ (
      target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea, button")
    );
    (focusable || target).focus();
    target.scrollIntoView({ block: "center" });
  }

  /** The nearest form control of a problem's path (flags are a list in the form, a mapping in the file). */
  function controlPath(path) {
    const parts = path.split(".");
    if (parts[0] === "flags" && parts.length > 1) {
      const i = state.flags.findIndex((f) => f.id.trim() === parts[1]);
      return i < 0 ? "flags" : `flags.${i}.${parts[2] === "[key]" ? "id" : "text"}`;
    }
    for (let n = parts.length; n > 0; n -= 1) {
      const probe = parts.slice(0, n).join(".");
      if (formBox.querySelector(`[data-path="${probe}"]`) || undrawnFoldOutsHolding(formBox, probe, true).length) return probe;
    }
    return "";
  }

  function problemsView(problems, text, name) {
    if (!problems.length) {
      return el("p", { className: "jd-ce-ok", text: "✓ Geen problemen: de build accepteert dit bestand zoals het is." });
    }
    return el("div", {}, [
      el("p", { text: `${problems.length} probleem/problemen; de build meldt precies deze regels:` }),
      el(
        "ul",
        { className: "jd-ce-problem-list" },
        problems.map(([path, why]) => {
          const line = lineOf(text, path);
          const target = controlPath(path);
          const message = `${name}${line ? `:${line}` : ""}: ${path || "(bestand)"}: ${why}`;
          const go = target ? el("button", { type: "button", className: "jd-button jd-ce-go", text: "Naar het veld" }) : null;
          go?.addEventListener("click", () => goTo(target));
          return el("li", { "data-problem-path": path }, [el("code", { className: "jd-ce-message", text: message }), " ", go]);
        }),
      ),
    ]);
  }

  function drawPreview(data) {
    const key = JSON.stringify(data);
    if (key === previewKey) return;
    previewKey = key;
    previewCleanup?.();
    previewCleanup = null;
    const holder = el("div");
    previewBox.replaceChildren(
      el("p", { className: "jd-hint", text: "Zo speelt een student de casus. Wat je hier speelt, wordt niet bewaard; na een wijziging begint het voorbeeld opnieuw." }),
      holder,
    );
    const concepts = Object.fromEntries(
      Object.entries(MODEL_KEYS).map(([k, c]) => [k, { label: c.label, model: MODELS[c.model], section: c.section }]),
    );
    const kinds = Object.fromEntries(Object.entries(ROLE_KINDS).map(([k, v]) => [k, v.label]));
    const preview = memoryModel({
      case: "voorbeeld",
      class_mode: true,
      case_data: data,
      links: model.get("links") || {},
      concepts,
      kinds,
      mode: "",
      role: "",
      group: "",
      path: [],
      reflections: [],
      runs: [],
    });
    const cleanup = rolePlay.render(/** @type {any} */ ({ model: preview, el: holder }));
    previewCleanup = () => {
      if (typeof cleanup === "function") cleanup();
      preview.off();
    };
  }

  function update(saveNow = false) {
    const data = caseData(state);
    const text = caseYaml(data, original);
    yamlArea.value = text;
    const name = fileName(state, model.get("name"));
    const problems = checkCase(data, labels);
    problemsBox.replaceChildren(problemsView(sortLikeBuild(data, problems, text), text, name));
    let graph = [];
    try {
      graph = graphProblems(data, null);
    } catch {
      graph = [];
    }
    graphBox.replaceChildren(graphView(graphOf(state, graph), { base, start: state.start, goTo }));
    if (!problems.length) {
      const playable = caseModel(data);
      drawPreview(playable);
      cardsBox.replaceChildren(cardsSection(playable, `${base}-cards-h`));
    } else {
      previewCleanup?.();
      previewCleanup = null;
      previewKey = null;
      previewBox.replaceChildren(el("p", { className: "jd-hint", text: "Het voorbeeld verschijnt zodra de controle geen problemen meer vindt." }));
      cardsBox.replaceChildren(el("p", { className: "jd-hint", text: "De rolkaarten verschijnen zodra de controle geen problemen meer vindt." }));
    }
    if (saveNow) persist.flush();
  }

  /** The build lists the model's problems in pydantic's order and the case checks by line (loading.located). */
  function sortLikeBuild(data, problems, text) {
    if (modelProblems(data).length) return problems;
    return problems
      .map((p, i) => ({ p, i, line: lineOf(text, p[0]) || 0 }))
      .sort((a, b) => a.line - b.line || a.i - b.i)
      .map((x) => x.p);
  }

  const persist = debounce(() => {
    const text = exportText();
    if (text === model.get("draft")) return;
    lastSaved = text;
    model.set("draft", text);
    model.save_changes();
    saved.textContent = `Concept bewaard in deze browser (${new Date().toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}).`;
  }, AUTOSAVE_MS);

  const schedule = debounce(() => update(), 250);

  function changed() {
    schedule();
    persist();
  }

  function redrawForm(focusKey) {
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    const keep = focusKey || (formBox.contains(active) ? active.dataset.key || active.dataset.path || "" : "");
    // A fold-out the author opened stays open (each summary carries its key, so focus can come back to it too).
    const keyed = (selector) => /** @type {HTMLElement[]} */ ([...formBox.querySelectorAll(selector)]);
    const opened = keyed("details[open] > summary[data-key]").map((s) => s.dataset.key);
    formBox.replaceChildren(caseForm(state, { base, labels, changed, restructure }));
    for (const summary of keyed("details > summary[data-key]")) {
      if (opened.includes(summary.dataset.key)) openFoldOut(/** @type {HTMLDetailsElement} */ (summary.parentElement));
    }
    if (!keep) return;
    if (keep.startsWith("new:")) {
      goTo(keep.slice(4));
      return;
    }
    const target = /** @type {HTMLElement | null} */ (
      formBox.querySelector(`[data-key="${keep}"]`) || formBox.querySelector(`[data-path="${keep}"]`) ||
        formBox.querySelector(`[data-key="add:${keep.split(":").pop().split(".").slice(0, -1).join(".")}"]`)
    );
    if (target) {
      // A summary's own fold-out keeps its state; a fold-out around the target opens.
      const details = (target.tagName === "SUMMARY" ? target.parentElement?.parentElement : target)?.closest("details");
      if (details) openFoldOut(details);
      target.focus();
    }
  }

  function restructure(focusKey) {
    // After the browser has moved the focus (a change event fires before it), so the new focus is what we keep.
    setTimeout(() => {
      redrawForm(focusKey);
      changed();
    }, 0);
  }

  // The browser's own file control speaks the browser's language: it is hidden and its label is the button.
  const openLabel = el("label", { for: fileInput.id, className: "jd-ce-open-label jd-button jd-file-button", text: "Casusbestand (YAML) openen om te bewerken" });
  root.replaceChildren(
    el("div", { className: "jd-widget-ce" }, [
      live,
      el("section", { className: "jd-ce-part jd-ce-file", "aria-labelledby": `${base}-h-file` }, [
        el("h2", { className: "jd-ce-h", id: `${base}-h-file`, text: "Bestand" }),
        el("p", { className: "jd-hint", text: "Je concept wordt tijdens het typen in deze browser bewaard. Exporteer het als YAML-bestand om het te delen of in de cursus op te nemen (data/cases/)." }),
        el("div", { className: "jd-ce-field" }, [fileInput, openLabel]),
        el("div", { className: "jd-actions" }, [exportButton, newButton]),
        saved,
        importNotes,
      ]),
      el("section", { className: "jd-ce-part", "aria-labelledby": `${base}-h-check` }, [
        el("h2", { className: "jd-ce-h", id: `${base}-h-check`, text: "Controle" }),
        problemsBox,
      ]),
      el("section", { className: "jd-ce-part", "aria-labelledby": `${base}-h-graph` }, [
        el("h2", { className: "jd-ce-h", id: `${base}-h-graph`, text: "Scènegraaf" }),
        graphBox,
      ]),
      formBox,
      el("section", { className: "jd-ce-part", "aria-labelledby": `${base}-h-preview` }, [
        el("h2", { className: "jd-ce-h", id: `${base}-h-preview`, text: "Voorbeeld: speel de casus" }),
        previewBox,
      ]),
      cardsBox,
      el("section", { className: "jd-ce-part", "aria-labelledby": `${base}-h-yaml` }, [
        el("h2", { className: "jd-ce-h", id: `${base}-h-yaml`, text: "Het bestand" }),
        el("label", { for: yamlArea.id, text: "De YAML die je exporteert (alleen lezen)" }),
        yamlArea,
      ]),
    ]),
  );

  ensureRolePlayStyles();
  restore();
  redrawForm("");
  update();
  if (model.get("draft")) saved.textContent = "Je opgeslagen concept is geladen.";

  const stop = listen(model, {
    "change:draft": () => {
      const draft = model.get("draft") || "";
      if (draft === lastSaved || draft === exportText()) return;
      lastSaved = draft;
      if (draft.trim()) load(draft);
      else {
        original = null;
        state = emptyState();
      }
      redrawForm("");
      update();
    },
  });
  const onHide = () => persist.flush();
  window.addEventListener("pagehide", onHide);
  return () => {
    persist.flush();
    schedule.cancel();
    window.removeEventListener("pagehide", onHide);
    previewCleanup?.();
    stop();
  };
}

/** The draft in words, for the portfolio. */
function summary(config, state) {
  const read = readCaseText(state.draft || "");
  const title = read.data?.title ? `Casus-editor: ${read.data.title}` : "Casus-editor";
  if (!(state.draft || "").trim()) return { title, lines: ["Nog geen concept."], done: false };
  const lines = [`Bestand: ${state.name || "(nog geen naam)"}`];
  if (read.problems.length) lines.push("Het concept is geen geldige YAML.");
  else {
    const problems = checkCase(read.data, Object.keys(config.links || {}));
    lines.push(problems.length ? `${problems.length} probleem/problemen volgens de controle.` : "De build accepteert dit bestand.");
  }
  return { title, lines, done: done(config, state) };
}

export default { render, summary };
