// Case role-play: choose a role (or play as a class), make choices scene by scene, see feedback tied to the course's
// models, reach an ending, read the summary and answer the reflection questions. The path so far is always visible.
// The engine (flags, conditions, routes) follows src/jeugddomein/models/cases.py; tests compare both.
import { debounce, el, listen, uid } from "../_shared/ui.js";
import { cardsSection } from "./cards.js";
import { lineOf, readCaseText, sha256 } from "./casefile.js";
import { caseModel, checkCase, modelProblems } from "./checks.js";
import {
  availableChoices,
  choiceOf,
  choiceText,
  done,
  endingOf,
  followRoutes,
  isAvailable,
  replay,
  roleName,
  sceneOf,
  shownText,
  tally,
  textFor,
} from "./rules.js";

/**
 * @typedef Model
 * @property {string} case
 * @property {boolean} class_mode
 * @property {object} case_data  the validated case file
 * @property {Record<string, {doc: string, title: string}>} links
 * @property {Record<string, {label: string, model: string, section: string}>} concepts
 * @property {Record<string, string>} kinds
 * @property {""|"solo"|"klas"} mode
 * @property {string} role
 * @property {string} group
 * @property {{scene: string, choice: string, note: string}[]} path
 * @property {string[]} reflections
 * @property {object[]} runs
 * @property {boolean} [open_file]  the learner opens a case file from the lecturer (case_data is then null)
 * @property {{name: string, title: string, sha256: string, case: object} | null} [file]  the opened case file
 */

const TONES = {
  goed: "✓ Goede afloop",
  gemengd: "◐ Gemengde afloop",
  zorgelijk: "⚠ Zorgelijke afloop",
};
const MAX_RUNS = 20;

function contentRoot() {
  const root = document.documentElement.dataset.content_root;
  return typeof root === "string" ? root : null;
}

/** A link to a chapter section (a plain text in hosts without the book, such as Jupyter). */
function sectionLink(links, label) {
  const link = links[label];
  if (!link) return null;
  const root = contentRoot();
  if (root === null) return el("span", { text: link.title });
  return el("a", { href: `${root}${link.doc}.html#${label}`, text: link.title });
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  return model.get("open_file") ? renderOpenFile(model, root) : renderCase(model, root);
}

/** The game of one case (the book's, or the opened file's through a model whose case_data is the file's case). */
function renderCase(model, root) {
  const caseData = model.get("case_data");
  const links = model.get("links") || {};
  const concepts = model.get("concepts") || {};
  const kinds = model.get("kinds") || {};
  const order = Object.keys(concepts);
  const base = uid("jd-play");
  const live = el("div", { className: "jd-play-live", role: "status", "aria-live": "polite" });
  const view = el("div", { className: "jd-play-view" });
  root.replaceChildren(el("div", { className: "jd-widget-role" }, [live, view]));
  let focusAfterDraw = null;
  let reflectionAreas = [];

  const role = () => (model.get("mode") === "solo" ? model.get("role") || null : null);
  const current = () => replay(caseData, role(), model.get("path") || []);
  const kindLabel = (r) => kinds[r.kind] || r.kind;

  let batching = false;
  /**
   * Set several traits, save once and draw once (not once per trait, which would lose the focus).
   * @param {Partial<Model>} changes
   * @param {boolean} [redraw]
   */
  function save(changes, redraw = true) {
    batching = true;
    try {
      for (const [key, value] of Object.entries(changes)) model.set(/** @type {keyof Model} */ (key), value);
    } finally {
      batching = false;
    }
    model.save_changes();
    if (redraw) draw();
  }

  function archive() {
    const state = current();
    if (!model.get("mode") || !state.ending) return model.get("runs") || [];
    const run = {
      mode: model.get("mode"),
      role: model.get("role") || "",
      group: model.get("group") || "",
      ending: state.ending,
      path: (model.get("path") || []).slice(0, state.steps.length),
      reflections: [...(model.get("reflections") || [])],
      finished: new Date().toISOString(),
    };
    return [...(model.get("runs") || []), run].slice(-MAX_RUNS);
  }

  function start(mode, roleId, group) {
    focusAfterDraw = "scene";
    save({ runs: archive(), mode, role: roleId || "", group: group || "", path: [], reflections: [] });
    live.textContent = mode === "solo" ? `Je speelt nu als ${roleName(caseData, roleId)}.` : "Klassikaal spel gestart.";
  }

  function choose(choice, note) {
    const state = current();
    const path = (model.get("path") || []).slice(0, state.steps.length);
    focusAfterDraw = "feedback";
    save({ path: [...path, { scene: state.node, choice: choice.id, note: note || "" }] });
  }

  // --- pieces ---

  function roleChooser() {
    const playable = caseData.roles.filter((r) => r.playable);
    const name = `${base}-role`;
    const radios = playable.map((r, i) =>
      el("input", { type: "radio", name, id: `${name}-${i}`, value: r.id, "aria-describedby": `${name}-${i}-card` }),
    );
    if (radios.length) radios[0].checked = true;
    const startSolo = el("button", { type: "button", className: "jd-button jd-primary", text: "Start met deze rol" });
    startSolo.addEventListener("click", () => {
      const chosen = radios.find((r) => r.checked);
      if (chosen) start("solo", chosen.value, "");
    });
    const parts = [
      el("h2", { className: "jd-play-h", text: "Alleen spelen: kies je rol", tabIndex: -1, "data-focus": "start" }),
      el("fieldset", { className: "jd-play-roles" }, [
        el("legend", { text: "Welke rol speel je?" }),
        ...playable.map((r, i) =>
          el("div", { className: "jd-play-role-option" }, [
            radios[i],
            el("label", { for: `${name}-${i}` }, [
              el("strong", { text: r.name }),
              el("span", { text: ` · ${kindLabel(r)}${r.lead ? " · hoofdrol" : ""}` }),
            ]),
            el("p", { className: "jd-hint", id: `${name}-${i}-card`, text: r.public }),
          ]),
        ),
      ]),
      el("div", { className: "jd-actions" }, [startSolo]),
    ];
    if (model.get("class_mode")) {
      const groupId = `${base}-group`;
      const groupInput = el("input", { type: "text", id: groupId, maxlength: "200", autocomplete: "off" });
      const startClass = el("button", { type: "button", className: "jd-button", text: "Start klassikaal spel" });
      startClass.addEventListener("click", () => start("klas", "", groupInput.value.trim()));
      parts.push(
        el("h2", { className: "jd-play-h", text: "Klassikaal spelen" }),
        el("p", {
          text:
            "Speel je met je groep? Iedereen krijgt een rolkaart van de docent en speelt de scènes live. " +
            "Eén student legt hier de keuzes van de groep vast, met een korte notitie waarom. Je ziet dan de keuzes van alle rollen.",
        }),
        el("p", {}, [el("label", { for: groupId, text: "Namen van de groep (optioneel): " }), groupInput]),
        el("div", { className: "jd-actions" }, [startClass]),
      );
    }
    return el("section", { className: "jd-play-start" }, parts);
  }

  function roleCard() {
    if (model.get("mode") === "klas") {
      return el("details", { className: "jd-play-card" }, [
        el("summary", { text: "Rollen aan tafel (openbare delen van de rolkaarten)" }),
        el(
          "dl",
          {},
          caseData.roles.flatMap((r) => [el("dt", { text: `${r.name} · ${kindLabel(r)}` }), el("dd", { text: r.public })]),
        ),
      ]);
    }
    const me = caseData.roles.find((r) => r.id === model.get("role"));
    if (!me) return null;
    return el("details", { className: "jd-play-card", open: true }, [
      el("summary", { text: `Jouw rolkaart: ${me.name} · ${kindLabel(me)}` }),
      el("p", {}, [el("strong", { text: "Wat iedereen weet: " }), me.public]),
      me.wants ? el("p", {}, [el("strong", { text: "Wat je wilt bereiken: " }), me.wants]) : null,
      el("p", { className: "jd-play-private" }, [el("strong", { text: "Vertrouwelijk, alleen jij weet: " }), me.private]),
    ]);
  }

  function pathView(state) {
    const path = model.get("path") || [];
    const items = state.steps.map((step, i) => {
      const scene = sceneOf(caseData, step.scene);
      const choice = choiceOf(caseData, step);
      const note = path[i]?.note;
      return el("li", {}, [
        el("span", { className: "jd-play-step-scene", text: `${scene.title}: ` }),
        textFor(choice, role()),
        note ? el("span", { className: "jd-hint", text: ` (notitie: ${note})` }) : null,
      ]);
    });
    const here = state.ending ? endingOf(caseData, state.ending) : sceneOf(caseData, state.node);
    if (here) {
      items.push(
        el("li", { className: "jd-play-here", "aria-current": "step" }, [
          el("span", { text: state.ending ? `Afloop: ${here.title}` : `Nu: ${here.title}` }),
        ]),
      );
    }
    return el("nav", { className: "jd-play-path", "aria-labelledby": `${base}-path-h` }, [
      el("h2", { className: "jd-play-h", id: `${base}-path-h`, text: "Jouw pad tot nu toe" }),
      state.steps.length ? null : el("p", { className: "jd-hint", text: "Je hebt nog geen keuzes gemaakt." }),
      el("ol", {}, items),
    ]);
  }

  function conceptTags(choice) {
    const tags = [
      ...(choice.strengthens || []).map((k) => ["▲ Versterkt", k, "jd-play-up"]),
      ...(choice.weakens || []).map((k) => ["▼ Verzwakt", k, "jd-play-down"]),
    ];
    if (!tags.length) return null;
    return el(
      "ul",
      { className: "jd-play-tags" },
      tags.map(([word, key, cls]) => {
        const c = concepts[key] || { label: key, model: "", section: "" };
        const link = sectionLink(links, c.section);
        return el("li", { className: cls }, [
          `${word}: ${c.label}`,
          c.model ? el("span", { className: "jd-hint", text: ` (${c.model})` }) : null,
          link ? " · lees: " : null,
          link,
        ]);
      }),
    );
  }

  function feedbackView(state) {
    if (!state.steps.length) return null;
    const choice = choiceOf(caseData, state.steps[state.steps.length - 1]);
    const extra = (choice.see || []).map((label) => sectionLink(links, label)).filter(Boolean);
    return el("section", { className: "jd-play-feedback", "aria-labelledby": `${base}-fb-h` }, [
      el("h2", { className: "jd-play-h", id: `${base}-fb-h`, tabIndex: -1, "data-focus": "feedback", text: "Wat je keuze deed" }),
      el("p", { className: "jd-play-chosen" }, [el("strong", { text: "Je koos: " }), textFor(choice, role())]),
      el("p", { text: choice.feedback }),
      conceptTags(choice),
      extra.length ? el("p", {}, ["Lees verder: ", ...extra.flatMap((a, i) => (i ? [", ", a] : [a]))]) : null,
    ]);
  }

  function sceneView(state) {
    const scene = sceneOf(caseData, state.node);
    const flags = new Set(state.flags);
    const options = availableChoices(caseData, scene.id, role(), flags);
    const klas = model.get("mode") === "klas";
    const noteId = `${base}-note`;
    const note = klas ? el("textarea", { id: noteId, rows: "2", maxlength: "2000" }) : null;
    const buttons = options.map((choice) => {
      const who = klas && (choice.roles || []).length ? `(${choice.roles.map((r) => roleName(caseData, r)).join(", ")}) ` : "";
      const button = el("button", { type: "button", className: "jd-button jd-play-choice", text: who + textFor(choice, role()) });
      button.addEventListener("click", () => choose(choice, note ? note.value.trim() : ""));
      return button;
    });
    const [first, ...rest] = shownText(caseData, scene.id, role(), flags);
    return el("section", { className: "jd-play-scene", "aria-labelledby": `${base}-scene-h` }, [
      el("h2", { className: "jd-play-h", id: `${base}-scene-h`, tabIndex: -1, "data-focus": "scene", text: scene.title }),
      el("p", { text: first }),
      ...rest.map((text) => el("p", { className: "jd-play-variant", text: `Door eerdere keuzes: ${text}` })),
      el("fieldset", { className: "jd-play-choices" }, [
        el("legend", { text: scene.prompt || "Wat doe je?" }),
        klas ? el("p", {}, [el("label", { for: noteId, text: "Waarom kiest de groep dit? (optioneel) " }), note]) : null,
        el("div", { className: "jd-play-options" }, buttons),
      ]),
    ]);
  }

  function summaryTable(state) {
    const counts = tally(caseData, state.steps, order);
    const keys = Object.keys(counts);
    if (!keys.length) return el("p", { text: "Je keuzes raakten geen van de begrippen uit de cursus." });
    const row = (key) =>
      el("tr", {}, [
        el("th", { scope: "row" }, [
          concepts[key]?.label || key,
          concepts[key]?.model ? el("span", { className: "jd-play-model", text: concepts[key].model }) : null,
        ]),
        el("td", { text: counts[key].up ? `▲ ${counts[key].up}` : "–" }),
        el("td", { text: counts[key].down ? `▼ ${counts[key].down}` : "–" }),
      ]);
    return el("table", { className: "jd-play-tally" }, [
      el("caption", { text: "Welke begrippen je keuzes versterkten en verzwakten" }),
      el("thead", {}, [
        el("tr", {}, ["Begrip (model)", "Versterkt", "Verzwakt"].map((t) => el("th", { scope: "col", text: t }))),
      ]),
      el("tbody", {}, keys.map(row)),
    ]);
  }

  function endingView(state) {
    const ending = endingOf(caseData, state.ending);
    const flags = new Set(state.flags);
    const questions = caseData.reflection;
    const answers = model.get("reflections") || [];
    const persist = debounce(() => {
      save({ reflections: reflectionAreas.map((a) => a.value) }, false);
      live.textContent = "Je reflectie is opgeslagen.";
    }, 500);
    reflectionAreas = questions.map((q, i) => {
      const area = el("textarea", { id: `${base}-refl-${i}`, rows: "4", maxlength: "20000" });
      area.value = answers[i] || "";
      area.addEventListener("input", persist);
      area.addEventListener("blur", () => persist.flush());
      return area;
    });
    const again = el("button", { type: "button", className: "jd-button jd-primary", text: "Speel opnieuw met deze rol" });
    const other = el("button", { type: "button", className: "jd-button", text: "Kies een andere rol of speelwijze" });
    again.addEventListener("click", () => {
      persist.flush();
      start(model.get("mode"), model.get("role"), model.get("group"));
    });
    other.addEventListener("click", () => {
      persist.flush();
      focusAfterDraw = "start";
      save({ runs: archive(), mode: "", role: "", group: "", path: [], reflections: [] });
    });
    return el("section", { className: "jd-play-ending", "aria-labelledby": `${base}-end-h` }, [
      el("h2", { className: "jd-play-h", id: `${base}-end-h`, tabIndex: -1, "data-focus": "ending", text: `Afloop: ${ending.title}` }),
      el("p", { className: `jd-play-tone jd-play-tone-${ending.tone}`, text: TONES[ending.tone] }),
      ...shownText(caseData, ending.id, role(), flags).map((text) => el("p", { text })),
      el("h2", { className: "jd-play-h", text: "Samenvatting" }),
      el("p", { text: `Je maakte ${state.steps.length} keuzes. Je pad staat hierboven.` }),
      summaryTable(state),
      el("h2", { className: "jd-play-h", text: "Reflectie" }),
      el("p", { className: "jd-hint", text: "Je antwoorden worden bewaard en komen in je portfolio." }),
      ...questions.map((q, i) =>
        el("div", { className: "jd-play-reflection" }, [el("label", { for: `${base}-refl-${i}`, text: q }), reflectionAreas[i]]),
      ),
      el("div", { className: "jd-actions" }, [again, other]),
    ]);
  }

  /** Earlier rounds stay in view with their reflections: replaying never hides work the learner wrote. */
  function runsView() {
    const runs = model.get("runs") || [];
    if (!runs.length) return null;
    return el("section", { className: "jd-play-runs", "aria-labelledby": `${base}-runs-h` }, [
      el("h2", { className: "jd-play-h", id: `${base}-runs-h`, text: `Eerdere rondes (${runs.length})` }),
      el(
        "ol",
        {},
        runs.map((run) => {
          const answered = caseData.reflection
            .map((question, i) => [question, (run.reflections?.[i] || "").trim()])
            .filter(([, answer]) => answer);
          return el("li", {}, [
            el("p", { text: runLine(caseData, run) }),
            answered.length
              ? el("dl", { className: "jd-play-run-reflections" }, answered.flatMap(([q, a]) => [el("dt", { text: q }), el("dd", { text: a })]))
              : el("p", { className: "jd-hint", text: "Geen reflectie geschreven in deze ronde." }),
          ]);
        }),
      ),
    ]);
  }

  function draw() {
    reflectionAreas = [];
    const mode = model.get("mode");
    if (!mode) {
      view.replaceChildren(roleChooser(), runsView() || "");
    } else {
      const state = current();
      const back = el("button", { type: "button", className: "jd-button", text: "Eén stap terug" });
      back.disabled = state.steps.length === 0;
      back.addEventListener("click", () => {
        focusAfterDraw = "scene";
        save({ path: (model.get("path") || []).slice(0, Math.max(0, state.steps.length - 1)) });
        live.textContent = "Je laatste keuze is teruggedraaid.";
      });
      const restart = el("button", { type: "button", className: "jd-button", text: "Opnieuw beginnen" });
      restart.addEventListener("click", () => {
        focusAfterDraw = "start";
        save({ runs: archive(), mode: "", role: "", group: "", path: [], reflections: [] });
      });
      const who =
        mode === "klas"
          ? `Klassikaal spel${model.get("group") ? ` · groep: ${model.get("group")}` : ""}`
          : `Je speelt: ${roleName(caseData, model.get("role"))}`;
      view.replaceChildren(
        el("p", { className: "jd-play-who" }, [el("strong", { text: who })]),
        state.error ? el("p", { className: "jd-notice", text: state.error }) : "",
        roleCard() || "",
        pathView(state),
        feedbackView(state) || "",
        state.ending ? endingView(state) : sceneView(state),
        el("div", { className: "jd-actions" }, [back, restart]),
        runsView() || "",
      );
    }
    if (focusAfterDraw) {
      const target = /** @type {HTMLElement | null} */ (
        view.querySelector(`[data-focus="${focusAfterDraw}"]`) || view.querySelector("[data-focus]")
      );
      focusAfterDraw = null;
      target?.focus();
    }
  }

  function syncReflections() {
    const answers = model.get("reflections") || [];
    reflectionAreas.forEach((area, i) => {
      if (document.activeElement !== area && area.value !== (answers[i] || "")) area.value = answers[i] || "";
    });
  }

  const onHide = () => {
    if (reflectionAreas.length) {
      const values = reflectionAreas.map((a) => a.value);
      if (JSON.stringify(values) !== JSON.stringify(model.get("reflections") || [])) save({ reflections: values }, false);
    }
  };
  window.addEventListener("pagehide", onHide);
  // Changes from elsewhere (another tab, an import) redraw; our own batched saves draw once themselves.
  const redraw = () => {
    if (!batching) draw();
  };
  const stop = listen(model, {
    "change:mode": redraw,
    "change:role": redraw,
    "change:path": redraw,
    "change:runs": redraw,
    "change:reflections": () => {
      if (!batching) syncReflections();
    },
  });
  draw();
  return () => {
    onHide();
    window.removeEventListener("pagehide", onHide);
    stop();
  };
}

/** One finished round in words: who played, the ending, the number of choices and the date. */
function runLine(caseData, run) {
  const ending = endingOf(caseData, run.ending);
  const who = run.mode === "klas" ? `klassikaal${run.group ? ` (${run.group})` : ""}` : roleName(caseData, run.role);
  return `${who}: ${ending ? ending.title : run.ending}, ${run.path.length} keuzes${finishedOn(run)}`;
}

/** ", <date in words>" for a finished round, or "". */
function finishedOn(run) {
  return run.finished ? `, ${new Date(run.finished).toLocaleDateString("nl-NL", { dateStyle: "long" })}` : "";
}

/**
 * "Open een casusbestand van je docent": read a YAML file, check it with the build's rules (the same messages),
 * then play it with the normal game; the file's title, name and hash stay with the learner's games.
 */
function renderOpenFile(model, root) {
  const base = uid("jd-play-file");
  const labels = Object.keys(model.get("links") || {});
  const input = el("input", { type: "file", id: `${base}-input`, className: "jd-file-input", accept: ".yaml,.yml,text/yaml,text/plain" });
  const report = el("div", { className: "jd-play-file-report", role: "status", "aria-live": "polite" });
  const about = el("p", { className: "jd-play-file-about" });
  const game = el("div");
  const cards = el("div");
  root.replaceChildren(
    el("div", { className: "jd-widget-role jd-play-file" }, [
      el("h2", { className: "jd-play-h", text: "Open een casusbestand van je docent" }),
      el("p", {
        className: "jd-hint",
        text: "Heeft je docent je een casusbestand (.yaml) gegeven? Open het hier. Het wordt eerst gecontroleerd met dezelfde regels als de casussen van de cursus; daarna speel je het zoals de andere casussen. Je spel komt in je portfolio, met de titel van het bestand.",
      }),
      // The browser's own file control speaks the browser's language: it is hidden and its label is the button.
      el("p", {}, [input, el("label", { for: input.id, className: "jd-button jd-file-button", text: "Casusbestand kiezen: " })]),
      report,
      about,
    ]),
    game,
    cards,
  );

  let stopGame = null;
  const fileRef = (file) => ({ title: file.title, sha256: file.sha256 });
  // The game sees the file's case as its case_data; finished games it keeps get the file's title and hash.
  const gameModel = {
    get: (key) => (key === "case_data" ? model.get("file")?.case : model.get(key)),
    set(key, value) {
      const file = model.get("file");
      const tagged =
        key === "runs" && file ? value.map((run) => (run.file ? run : { ...run, file: fileRef(file) })) : value;
      model.set(key, tagged);
    },
    on: (event, handler) => model.on(event, handler),
    off: (event, handler) => model.off(event, handler),
    save_changes: () => model.save_changes(),
    send: () => {},
  };

  function mountGame() {
    stopGame?.();
    stopGame = null;
    const file = model.get("file");
    if (!file) {
      about.textContent = "Nog geen casusbestand geopend.";
      game.replaceChildren();
      cards.replaceChildren();
      return;
    }
    about.textContent = `Je speelt: ${file.title} (bestand ${file.name || "zonder naam"}, controlegetal ${file.sha256.slice(0, 12)}).`;
    const holder = el("div");
    game.replaceChildren(holder);
    stopGame = /** @type {() => void} */ (renderCase(gameModel, holder));
    cards.replaceChildren(
      el("details", { className: "jd-widget-role jd-play-file-cards" }, [
        el("summary", { text: "Rolkaarten van deze casus (voor klassikaal spel)" }),
        cardsSection(file.case, `${base}-cards-h`),
      ]),
    );
  }

  function showProblems(name, text, problems) {
    report.replaceChildren(
      el("p", { className: "jd-notice", text: `${name} kan niet gespeeld worden. Geef deze meldingen aan je docent:` }),
      el(
        "ul",
        {},
        problems.map(([path, why]) => {
          const line = /^regel \d+$/.test(path) ? null : lineOf(text, path);
          return el("li", { text: `${name}${line ? `:${line}` : ""}: ${path || "(bestand)"}: ${why}` });
        }),
      ),
    );
  }

  input.addEventListener("change", async () => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    const text = await chosen.text();
    input.value = "";
    const read = readCaseText(text);
    if (read.problems.length) return showProblems(chosen.name, text, read.problems);
    // A lecturer's file that speaks of the player's own person in the third person still plays: that is the
    // author's to mend (the editor and the build say how), not a reason to keep the case from the student.
    const problems = checkCase(read.data, labels, { voice: false });
    if (problems.length) {
      const ordered = modelProblems(read.data).length
        ? problems
        : [...problems].sort((a, b) => (lineOf(text, a[0]) || 0) - (lineOf(text, b[0]) || 0));
      return showProblems(chosen.name, text, ordered);
    }
    const sha = sha256(text);
    const current = model.get("file");
    if (current?.sha256 !== sha) {
      // A new file: the game so far is kept as an earlier round when it reached an ending (archived by the game),
      // and the learner starts in the new case.
      stopGame?.();
      stopGame = null;
      const caseData = caseModel(read.data);
      const runs = [...(model.get("runs") || [])];
      if (current && model.get("mode")) {
        // The game in the previous file is kept as an earlier round (its ending empty when it was not finished).
        const role = model.get("mode") === "solo" ? model.get("role") || null : null;
        const played = replay(current.case, role, model.get("path") || []);
        runs.push({
          mode: model.get("mode"),
          role: model.get("role") || "",
          group: model.get("group") || "",
          ending: played.ending || "",
          path: (model.get("path") || []).slice(0, played.steps.length),
          reflections: [...(model.get("reflections") || [])],
          finished: new Date().toISOString(),
          file: fileRef(current),
        });
      }
      model.set("runs", runs.slice(-MAX_RUNS));
      model.set("mode", "");
      model.set("role", "");
      model.set("group", "");
      model.set("path", []);
      model.set("reflections", []);
      model.set("file", { name: chosen.name.slice(0, 200), title: caseData.title, sha256: sha, case: caseData });
      model.save_changes();
    }
    report.replaceChildren(el("p", { text: `${chosen.name} is gecontroleerd en geopend.` }));
    mountGame();
  });

  const stop = listen(model, {
    "change:file": () => mountGame(),
  });
  mountGame();
  return () => {
    stop();
    stopGame?.();
  };
}

/** The learner's game in words, for the portfolio. */
function summary(config, state) {
  const caseData = config.case_data ?? state.file?.case;
  const concepts = config.concepts || {};
  if (!caseData) {
    const earlier = (state.runs || []).map((run) => `Eerdere ronde (${run.file ? `casusbestand ${run.file.title}, ${run.file.sha256.slice(0, 12)}` : "casus"}): afloop ${run.ending}, ${run.path.length} keuzes`);
    return { title: "Rollenspel: casusbestand van de docent", lines: earlier.length ? earlier : ["Nog geen casusbestand geopend."], done: false };
  }
  const title = state.file
    ? `Rollenspel: ${caseData.title} (casusbestand ${state.file.name || ""}, controlegetal ${state.file.sha256.slice(0, 12)})`
    : `Rollenspel: ${caseData.title}`;
  if (!state.mode && !(state.runs || []).length) return { title, lines: ["Nog niet gespeeld."], done: false };
  const lines = [];
  if (state.mode) {
    const role = state.mode === "solo" ? state.role || null : null;
    lines.push(
      state.mode === "klas"
        ? `Klassikaal gespeeld${state.group ? ` (groep: ${state.group})` : ""}`
        : `Rol: ${roleName(caseData, state.role)}`,
    );
    const played = replay(caseData, role, state.path);
    played.steps.forEach((step, i) => {
      const note = state.path[i]?.note ? ` (notitie: ${state.path[i].note})` : "";
      lines.push(`${i + 1}. ${sceneOf(caseData, step.scene).title}: ${choiceText(caseData, step, role)}${note}`);
    });
    const ending = played.ending ? endingOf(caseData, played.ending) : null;
    lines.push(ending ? `Afloop: ${ending.title} (${TONES[ending.tone]})` : `Nog bezig bij: ${sceneOf(caseData, played.node)?.title}`);
    const counts = tally(caseData, played.steps, Object.keys(concepts));
    const name = (key) => concepts[key]?.label || key;
    const up = Object.entries(counts).filter(([, c]) => c.up).map(([k, c]) => `${name(k)} (${c.up})`);
    const down = Object.entries(counts).filter(([, c]) => c.down).map(([k, c]) => `${name(k)} (${c.down})`);
    if (up.length) lines.push(`Versterkt: ${up.join(", ")}`);
    if (down.length) lines.push(`Verzwakt: ${down.join(", ")}`);
    caseData.reflection.forEach((question, i) => {
      const answer = (state.reflections?.[i] || "").trim();
      if (answer) lines.push(`Reflectie – ${question} ${answer}`);
    });
  }
  for (const run of state.runs || []) {
    const same = (run.file?.sha256 ?? null) === (state.file?.sha256 ?? null);
    const ending = same ? endingOf(caseData, run.ending) : null;
    const who = run.mode === "klas" ? "klassikaal" : same ? roleName(caseData, run.role) : run.role;
    const from = run.file && !same ? `, casusbestand ${run.file.title}, ${run.file.sha256.slice(0, 12)}` : "";
    lines.push(`Eerdere ronde (${who}${from}${finishedOn(run)}): ${ending ? ending.title : run.ending}, ${run.path.length} keuzes`);
    (run.reflections || []).forEach((answer, i) => {
      const question = same ? caseData.reflection[i] : `vraag ${i + 1}:`;
      if ((answer || "").trim()) lines.push(`Reflectie (eerdere ronde) – ${question} ${answer.trim()}`);
    });
  }
  return { title, lines, done: done(config, state) };
}

export default { render, summary, replay, availableChoices, followRoutes, isAvailable, tally };
