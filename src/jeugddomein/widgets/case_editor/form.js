// The case editor's forms: every field of a case file (casefile.js's form state) with a Dutch label and the help
// text of the case model (catalogue.js, from model.py's field descriptions). Each control carries `data-path`, the
// dotted path the build prints in its messages, so a problem leads to its field and focus survives a redraw.
import { el, onCommit } from "../_shared/ui.js";
import { CASE_SCHEMA, MODEL_KEYS, MODELS, ROLE_KINDS, SEEDS, SETTINGS } from "../role_play/catalogue.js";

/** @typedef {Array<string|number>} Path */

/** The help text of a field: the case model's description. */
function help(model, field) {
  const block = model === "CaseFile" ? CASE_SCHEMA : CASE_SCHEMA.$defs[model];
  return block?.properties?.[field]?.description || "";
}

export const getAt = (state, path) => path.reduce((node, key) => (node == null ? undefined : node[key]), state);

export function setAt(state, path, value) {
  const parent = getAt(state, path.slice(0, -1));
  parent[path[path.length - 1]] = value;
}

const TONES = { goed: "goed", gemengd: "gemengd", zorgelijk: "zorgelijk" };

/** The contents of fold-outs not drawn yet: a choice's conditions and links hold some 180 checkboxes (every chapter
 * label, every concept twice), so a case of twenty choices would be thousands of controls nobody has opened. */
const unbuilt = new WeakMap();

/**
 * A fold-out whose contents are drawn when it first opens; `data-holds` names the paths inside it.
 * @param {HTMLElement} summary
 * @param {string[]} holds
 * @param {() => HTMLElement[]} build
 */
function lazyFoldOut(summary, holds, build) {
  const details = /** @type {HTMLDetailsElement} */ (el("details", { className: "jd-ce-more", "data-holds": holds.join(" ") }, [summary]));
  unbuilt.set(details, build);
  details.addEventListener("toggle", () => {
    if (details.open) drawFoldOut(details);
  });
  return details;
}

/** @param {HTMLDetailsElement} details */
function drawFoldOut(details) {
  const build = unbuilt.get(details);
  if (!build) return;
  unbuilt.delete(details);
  details.append(...build());
}

/**
 * Open a fold-out, its contents drawn at once (focus can go into it in the same task).
 * @param {HTMLDetailsElement} details
 */
export function openFoldOut(details) {
  drawFoldOut(details);
  details.open = true;
}

/**
 * The fold-outs under `root` not drawn yet that hold a path: its own control (`exact`) or one inside it.
 * @param {HTMLElement} root
 * @param {string} path
 * @param {boolean} exact
 * @returns {HTMLDetailsElement[]}
 */
export function undrawnFoldOutsHolding(root, path, exact = false) {
  const all = /** @type {HTMLDetailsElement[]} */ ([...root.querySelectorAll("details[data-holds]")]);
  return all.filter(
    (details) =>
      unbuilt.has(details) &&
      (details.dataset.holds || "").split(" ").some((held) => path === held || (!exact && path.startsWith(`${held}.`))),
  );
}

/**
 * Draw the fold-outs under `root` that hold `path`, so its control exists (a problem's "Naar het veld").
 * @param {HTMLElement} root
 * @param {string} path
 */
export function drawFoldOutsFor(root, path) {
  undrawnFoldOutsHolding(root, path).forEach(drawFoldOut);
}

/**
 * @param {object} state  the form state (mutated in place by the controls)
 * @param {{base: string, labels: string[], changed: (structural: boolean) => void, restructure: (focus: string) => void}} ctx
 */
export function caseForm(state, ctx) {
  const idOf = (path) => `${ctx.base}-f-${path.join("-")}`;
  const key = (path) => path.join(".");

  /** A labelled control with its help text; `input` reads the value back on every change. */
  function field(path, label, hint, control, structural = false) {
    control.id = idOf(path);
    control.dataset.path = key(path);
    const hintId = `${control.id}-hint`;
    if (hint) control.setAttribute("aria-describedby", hintId);
    const commit = () => {
      const value = control instanceof HTMLInputElement && control.type === "checkbox" ? control.checked : control.value;
      setAt(state, path, value);
      ctx.changed(false);
    };
    control.addEventListener(control instanceof HTMLSelectElement || control.type === "checkbox" ? "change" : "input", commit);
    if (structural) onCommit(control, () => ctx.restructure("")); // after a press that moved the focus away
    return el("div", { className: "jd-ce-field" }, [
      el("label", { for: control.id, text: label }),
      hint ? el("p", { className: "jd-hint", id: hintId, text: hint }) : null,
      control,
    ]);
  }

  function text(path, label, hint, { area = false, structural = false } = {}) {
    const control = area ? el("textarea", { rows: "3" }) : el("input", { type: "text", autocomplete: "off" });
    control.value = getAt(state, path) ?? "";
    return field(path, label, hint, control, structural);
  }

  function select(path, label, hint, options, { structural = false } = {}) {
    const value = getAt(state, path) ?? "";
    const known = options.some(([v]) => v === value);
    const control = el("select", {}, [
      el("option", { value: "", text: "— kies —" }),
      ...options.map(([v, t]) => el("option", { value: v, text: t })),
      value && !known ? el("option", { value, text: `${value} (bestaat niet)` }) : null,
    ]);
    control.value = value;
    return field(path, label, hint, control, structural);
  }

  function check(path, label, hint, { structural = false } = {}) {
    const control = el("input", { type: "checkbox" });
    control.checked = Boolean(getAt(state, path));
    const wrapped = field(path, label, hint, control, structural);
    wrapped.classList.add("jd-ce-check");
    return wrapped;
  }

  /** Checkboxes over a list of ids (roles, flags, concepts, chapter labels); unknown ids stay visible. */
  function picks(path, legend, hint, options) {
    const chosen = getAt(state, path);
    const all = [...options, ...chosen.filter((v) => !options.some(([o]) => o === v)).map((v) => [v, `${v} (onbekend)`])];
    const hintId = `${idOf(path)}-hint`;
    const boxes = all.map(([value, labelText], i) => {
      const box = el("input", { type: "checkbox", id: `${idOf(path)}-${i}`, value });
      box.dataset.path = `${key(path)}.${i}`;
      box.checked = chosen.includes(value);
      box.addEventListener("change", () => {
        const now = getAt(state, path);
        setAt(state, path, box.checked ? [...now, value] : now.filter((v) => v !== value));
        ctx.changed(false);
      });
      return el("span", { className: "jd-ce-pick" }, [box, el("label", { for: box.id, text: labelText })]);
    });
    return el("fieldset", { className: "jd-ce-picks", "aria-describedby": hint ? hintId : null, "data-path": key(path) }, [
      el("legend", { text: legend }),
      hint ? el("p", { className: "jd-hint", id: hintId, text: hint }) : null,
      all.length ? el("div", { className: "jd-ce-pick-list" }, boxes) : el("p", { className: "jd-hint", text: "Nog niets om uit te kiezen." }),
    ]);
  }

  /** A repeated block (roles, scenes, choices, ...): add, remove, move; each item in its own fieldset. */
  function repeat(path, { legend, hint, itemName, make, render, summary = null, min = 0, level = 3 }) {
    const list = getAt(state, path);
    const heading = el(level === 3 ? "h3" : "h4", { className: "jd-ce-h", text: legend });
    const blocks = list.map((item, i) => {
      const itemPath = [...path, i];
      const remove = el("button", { type: "button", className: "jd-button", text: `${itemName} ${i + 1} verwijderen` });
      remove.dataset.key = `remove:${key(itemPath)}`;
      remove.disabled = list.length <= min;
      remove.addEventListener("click", () => {
        list.splice(i, 1);
        ctx.restructure(list.length ? `remove:${key([...path, Math.min(i, list.length - 1)])}` : `add:${key(path)}`);
      });
      const up = el("button", { type: "button", className: "jd-button", text: "Omhoog", "aria-label": `${itemName} ${i + 1} omhoog` });
      up.dataset.key = `up:${key(itemPath)}`;
      up.disabled = i === 0;
      up.addEventListener("click", () => {
        [list[i - 1], list[i]] = [list[i], list[i - 1]];
        ctx.restructure(`up:${key([...path, i - 1])}`);
      });
      return el("fieldset", { className: "jd-ce-item", id: idOf(itemPath), "data-path": key(itemPath) }, [
        el("legend", { text: `${itemName} ${i + 1}${summary && summary(item) ? `: ${summary(item)}` : ""}` }),
        ...render(itemPath, item, i),
        el("div", { className: "jd-actions" }, [up, remove]),
      ]);
    });
    const add = el("button", { type: "button", className: "jd-button", text: `${itemName} toevoegen` });
    add.dataset.key = `add:${key(path)}`;
    add.addEventListener("click", () => {
      list.push(make(list.length));
      ctx.restructure(`new:${key([...path, list.length - 1])}`);
    });
    return el("section", { className: "jd-ce-repeat", "data-path": key(path) }, [
      heading,
      hint ? el("p", { className: "jd-hint", text: hint }) : null,
      ...blocks,
      el("div", { className: "jd-actions" }, [add]),
    ]);
  }

  /** A list of texts (learning goals, reflection questions). */
  function texts(path, legend, hint, itemName, { area = false, min = 0 } = {}) {
    return repeat(path, {
      legend,
      hint,
      itemName,
      min,
      make: () => "",
      render: (itemPath) => [text(itemPath, `${itemName} (tekst)`, "", { area })],
    });
  }

  const nodeOptions = () => [
    ...state.scenes.filter((s) => s.id).map((s) => [s.id, `scène ${s.id}${s.title ? ` (${s.title})` : ""}`]),
    ...state.endings.filter((e) => e.id).map((e) => [e.id, `afloop ${e.id}${e.title ? ` (${e.title})` : ""}`]),
  ];
  const flagOptions = () => state.flags.filter((f) => f.id).map((f) => [f.id, f.text ? `${f.id}: ${f.text}` : f.id]);
  const roleOptions = () => state.roles.filter((r) => r.id).map((r) => [r.id, r.name ? `${r.id} (${r.name})` : r.id]);
  const conceptOptions = () =>
    Object.entries(MODEL_KEYS).map(([k, c]) => [k, `${c.label} (${MODELS[c.model]})`]);
  const labelOptions = () => ctx.labels.map((l) => [l, l]);

  /**
   * The texts per role (`as_role`) of a scene, ending, variant or choice: a text field for every playable role, and
   * for any other id the file has (the check names it), in a block that is open when one is written.
   */
  function roleTexts(path, model) {
    const written = getAt(state, [...path, "as_role"]);
    const playable = state.roles.filter((r) => r.id.trim() && r.playable);
    const others = Object.keys(written).filter((id) => !playable.some((r) => r.id.trim() === id));
    const fields = [
      ...playable.map((r) => text([...path, "as_role", r.id.trim()], `Voor wie ${r.name.split(",")[0].trim() || r.id.trim()} speelt (${r.id.trim()})`, "", { area: true })),
      ...others.map((id) => text([...path, "as_role", id], `Voor rol ${id} (geen speelbare rol van deze casus)`, "", { area: true })),
    ];
    return el("details", { className: "jd-ce-more jd-ce-role-texts", open: Object.values(written).some((t) => t.trim()) }, [
      el("summary", { text: "Tekst per rol, in de jij-vorm (optioneel)", "data-key": `texts:${key(path)}` }),
      el("p", { className: "jd-hint", text: help(model, "as_role") }),
      ...(fields.length ? fields : [el("p", { className: "jd-hint", text: "Er zijn nog geen speelbare rollen." })]),
    ]);
  }

  const variantsBlock = (path, model) =>
    repeat([...path, "variants"], {
      legend: "Varianten: extra tekst na eerdere keuzes",
      hint: help(model, "variants"),
      itemName: "Variant",
      level: 4,
      make: () => ({ when: [], text: "", as_role: {} }),
      render: (p) => [
        picks([...p, "when"], "Alleen als deze vlaggen gezet zijn", help("Variant", "when"), flagOptions()),
        text([...p, "text"], "Extra tekst", help("Variant", "text"), { area: true }),
        roleTexts(p, "Variant"),
      ],
    });

  const general = el("section", { className: "jd-ce-part", "aria-labelledby": `${ctx.base}-h-general` }, [
    el("h2", { className: "jd-ce-h", id: `${ctx.base}-h-general`, text: "Over de casus" }),
    text(["title"], "Titel", help("CaseFile", "title"), { structural: true }),
    text(["summary"], "Samenvatting", help("CaseFile", "summary"), { area: true }),
    select(["setting"], "Setting", help("CaseFile", "setting"), Object.entries(SETTINGS)),
    texts(["learning_goals"], "Leerdoelen", help("CaseFile", "learning_goals"), "Leerdoel"),
    picks(["chapters"], "Hoofdstukken die de casus oefent", help("CaseFile", "chapters"), labelOptions()),
    repeat(["source"], {
      legend: "Bronnen",
      hint: help("CaseFile", "source"),
      itemName: "Bron",
      make: () => ({ seed: "", lines: "", what: "" }),
      render: (p) => [
        select([...p, "seed"], "Brondocument", help("Source", "seed"), Object.entries(SEEDS).map(([k, v]) => [k, `${k} (${v})`])),
        text([...p, "lines"], "Regels", help("Source", "lines")),
        text([...p, "what"], "Wat de casus eruit gebruikt", help("Source", "what"), { area: true }),
      ],
    }),
    texts(["reflection"], "Reflectievragen", help("CaseFile", "reflection"), "Reflectievraag", { area: true }),
  ]);

  const roles = el("section", { className: "jd-ce-part", "aria-labelledby": `${ctx.base}-h-roles` }, [
    el("h2", { className: "jd-ce-h", id: `${ctx.base}-h-roles`, text: "Rollen" }),
    repeat(["roles"], {
      legend: "Rollen aan tafel",
      hint: help("CaseFile", "roles"),
      itemName: "Rol",
      summary: (r) => r.name || r.id,
      make: () => ({ id: "", kind: "", name: "", lead: false, playable: true, public: "", private: "", wants: "" }),
      render: (p) => [
        text([...p, "id"], "Id van de rol", help("Role", "id"), { structural: true }),
        select([...p, "kind"], "Soort rol", help("Role", "kind"), Object.entries(ROLE_KINDS).map(([k, v]) => [k, v.label])),
        text([...p, "name"], "Naam en functie", help("Role", "name"), { structural: true }),
        check([...p, "lead"], "Hoofdrol", help("Role", "lead")),
        check([...p, "playable"], "Speelbaar", help("Role", "playable"), { structural: true }),
        text([...p, "public"], "Openbaar deel van de rolkaart", help("Role", "public"), { area: true }),
        text([...p, "private"], "Vertrouwelijk: wat alleen deze rol weet", help("Role", "private"), { area: true }),
        text([...p, "wants"], "Wat deze persoon wil bereiken (optioneel)", help("Role", "wants"), { area: true }),
      ],
    }),
  ]);

  const flags = el("section", { className: "jd-ce-part", "aria-labelledby": `${ctx.base}-h-flags` }, [
    el("h2", { className: "jd-ce-h", id: `${ctx.base}-h-flags`, text: "Vlaggen" }),
    repeat(["flags"], {
      legend: "Vlaggen: wat eerdere keuzes onthouden",
      hint: help("CaseFile", "flags"),
      itemName: "Vlag",
      summary: (f) => f.id,
      make: () => ({ id: "", text: "" }),
      render: (p) => [
        text([...p, "id"], "Id van de vlag", "Kleine letters, cijfers en '-', bijvoorbeeld ouder-gehoord.", { structural: true }),
        text([...p, "text"], "Wat de vlag betekent", "Een korte uitleg, bijvoorbeeld: moeder heeft verteld wat zij thuis ziet.", { structural: true }),
      ],
    }),
  ]);

  const choiceBlock = (p) => [
    text([...p, "id"], "Id van de keuze", help("Choice", "id"), { structural: true }),
    text([...p, "text"], "Tekst op de knop", help("Choice", "text"), { area: true }),
    roleTexts(p, "Choice"),
    select([...p, "next"], "Leidt naar", help("Choice", "next"), nodeOptions(), { structural: true }),
    text([...p, "feedback"], "Feedback", help("Choice", "feedback"), { area: true }),
    picks([...p, "sets"], "Zet deze vlaggen", help("Choice", "sets"), flagOptions()),
    lazyFoldOut(
      el("summary", { text: "Voorwaarden, rollen, begrippen en verwijzingen", "data-key": `more:${key(p)}` }),
      ["requires", "unless", "roles", "strengthens", "weakens", "see"].map((field) => key([...p, field])),
      () => [
        picks([...p, "requires"], "Alleen als deze vlaggen gezet zijn", help("Choice", "requires"), flagOptions()),
        picks([...p, "unless"], "Niet als een van deze vlaggen gezet is", help("Choice", "unless"), flagOptions()),
        picks([...p, "roles"], "Alleen voor deze rollen", help("Choice", "roles"), roleOptions()),
        picks([...p, "strengthens"], "Versterkt deze begrippen", help("Choice", "strengthens").split(";")[0] + ".", conceptOptions()),
        picks([...p, "weakens"], "Verzwakt deze begrippen", help("Choice", "weakens"), conceptOptions()),
        picks([...p, "see"], "Lees verder in", help("Choice", "see"), labelOptions()),
      ],
    ),
  ];

  const scenes = el("section", { className: "jd-ce-part", "aria-labelledby": `${ctx.base}-h-scenes` }, [
    el("h2", { className: "jd-ce-h", id: `${ctx.base}-h-scenes`, text: "Scènes" }),
    select(["start"], "Eerste scène", help("CaseFile", "start"), nodeOptions(), { structural: true }),
    repeat(["scenes"], {
      legend: "Scènes",
      hint: help("CaseFile", "scenes"),
      itemName: "Scène",
      summary: (s) => s.title || s.id,
      make: (n) => ({ id: `scene-${n + 1}`, title: "", text: "", as_role: {}, prompt: "", variants: [], choices: [], routes: [] }),
      render: (p, scene) => [
        text([...p, "id"], "Id van de scène", help("Scene", "id"), { structural: true }),
        text([...p, "title"], "Titel", help("Scene", "title"), { structural: true }),
        text([...p, "text"], "Wat er gebeurt", help("Scene", "text"), { area: true }),
        roleTexts(p, "Scene"),
        text([...p, "prompt"], "Vraag aan de speler (optioneel)", help("Scene", "prompt")),
        variantsBlock(p, "Scene"),
        repeat([...p, "choices"], {
          legend: "Keuzes",
          hint: help("Scene", "choices"),
          itemName: "Keuze",
          level: 4,
          summary: (c) => c.text && c.text.length < 60 ? c.text : c.id,
          make: (n) => ({
            id: `keuze-${n + 1}`, text: "", as_role: {}, next: "", roles: [], requires: [], unless: [], sets: [], feedback: "",
            strengthens: [], weakens: [], see: [],
          }),
          render: choiceBlock,
        }),
        scene.routes.length || !scene.choices.length
          ? repeat([...p, "routes"], {
              legend: "Routes (automatisch, op vlaggen)",
              hint: help("Scene", "routes"),
              itemName: "Route",
              level: 4,
              make: () => ({ when: [], next: "" }),
              render: (rp) => [
                picks([...rp, "when"], "Als deze vlaggen gezet zijn", help("Route", "when"), flagOptions()),
                select([...rp, "next"], "Ga naar", help("Route", "next"), nodeOptions(), { structural: true }),
              ],
            })
          : null,
      ],
    }),
  ]);

  const endings = el("section", { className: "jd-ce-part", "aria-labelledby": `${ctx.base}-h-endings` }, [
    el("h2", { className: "jd-ce-h", id: `${ctx.base}-h-endings`, text: "Aflopen" }),
    repeat(["endings"], {
      legend: "Aflopen",
      hint: help("CaseFile", "endings"),
      itemName: "Afloop",
      summary: (e) => e.title || e.id,
      make: (n) => ({ id: `afloop-${n + 1}`, title: "", tone: "", text: "", as_role: {}, variants: [] }),
      render: (p) => [
        text([...p, "id"], "Id van de afloop", help("Ending", "id"), { structural: true }),
        text([...p, "title"], "Titel", help("Ending", "title"), { structural: true }),
        select([...p, "tone"], "Toon", help("Ending", "tone"), Object.entries(TONES)),
        text([...p, "text"], "Wat er uiteindelijk gebeurt", help("Ending", "text"), { area: true }),
        roleTexts(p, "Ending"),
        variantsBlock(p, "Ending"),
      ],
    }),
  ]);

  return el("div", { className: "jd-ce-form" }, [general, roles, flags, scenes, endings]);
}
