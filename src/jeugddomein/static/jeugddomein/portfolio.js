// "Mijn portfolio": everything the learner made, grouped per page, with export, import (validate, preview, merge),
// print and delete. Runs only in the static site; it receives the runtime's store so there is one store per page.
import { nestingDepth } from "./json_depth.js";
import { portfolioProblems } from "./portfolio_check.js";
import { planMerge as mergePlan } from "./suspend.js";

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_DEPTH = 12;
const FORMAT = "jeugddomein-portfolio";
const SCHEMA_VERSION = 1;

function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function versionNumber(version) {
  return String(version).split(".").map((part) => Number.parseInt(part, 10) || 0);
}

function isNewer(a, b) {
  const [x, y] = [versionNumber(a), versionNumber(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
  }
  return false;
}

/** Check an import file's text; returns {portfolio} or {error} (a Dutch sentence). */
export function checkImport(text, { course, courseVersion, known }) {
  if (!text || !text.trim()) return { error: "Het bestand is leeg. Kies het portfoliobestand dat je eerder hebt geëxporteerd." };
  if (nestingDepth(text) > MAX_DEPTH) return { error: "Dit bestand is veel dieper genest dan een portfolio ooit is; het is geen portfoliobestand." };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "Dit is geen portfoliobestand: de inhoud is geen geldige JSON. Kies het .json-bestand dat je eerder hebt geëxporteerd." };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
    return { error: "Dit bestand is geen portfolio van deze cursus: het veld 'format' ontbreekt of heeft een andere waarde." };
  }
  if (typeof data.schema_version !== "number" || !Number.isInteger(data.schema_version) || data.schema_version < 1) {
    return { error: `Dit bestand heeft een onbekende formaatversie (${JSON.stringify(data.schema_version)}); verwacht is versie ${SCHEMA_VERSION}.` };
  }
  if (data.schema_version > SCHEMA_VERSION) {
    return { error: `Dit bestand is gemaakt met een nieuwere versie van de cursus (formaat ${data.schema_version}). Deze site leest formaat ${SCHEMA_VERSION}; open het bestand in de nieuwste versie van de cursus.` };
  }
  if (data.course !== course) {
    return { error: `Dit portfolio hoort bij een andere cursus ('${String(data.course)}'), niet bij deze ('${course}'). Er is niets veranderd.` };
  }
  if (typeof data.course_version === "string" && isNewer(data.course_version, courseVersion)) {
    return { error: `Dit bestand komt uit een nieuwere cursusversie (${data.course_version}) dan deze site (${courseVersion}). Open het in de nieuwste versie van de cursus.` };
  }
  // The same check as pydantic's Portfolio (JSON schema compiled at build time, then the models' own rules).
  const problems = portfolioProblems(data);
  if (problems.length) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (en nog ${problems.length - 1} probleem/problemen)` : "";
    return { error: `Het bestand klopt niet bij ${first.path}: ${first.message}${more}. Er is niets veranderd.` };
  }
  const unknown = data.entries.filter((entry) => !known.has(entry.id)).map((entry) => entry.id);
  if (unknown.length) {
    const list = unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? ", …" : "");
    return { error: `Het bestand bevat werk bij oefeningen die deze cursus niet kent (${list}). Er is niets veranderd.` };
  }
  const mismatch = data.entries.find((entry) => known.get(entry.id).widget !== entry.widget);
  if (mismatch) {
    return { error: `Bij '${mismatch.id}' hoort een ander soort oefening dan in het bestand staat. Er is niets veranderd.` };
  }
  return { portfolio: data };
}

/** What merging would do: new, updated (the file is newer) and kept (the browser's work is newer or equal). */
export function planMerge(portfolio, store) {
  return mergePlan(portfolio.entries, (id) => store.read(id));
}

/**
 * A widget's picture (SVG markup its own drawing code wrote: a rich picture, a radar chart, a T-profile) as a figure.
 * The markup is parsed as SVG, never as HTML, and only its <svg> element is taken.
 */
function figure({ caption, svg }) {
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  const picture = parsed instanceof SVGSVGElement ? document.importNode(parsed, true) : null;
  if (!picture) return null;
  picture.classList.add("jd-portfolio-picture");
  return h("figure", { className: "jd-portfolio-figure" }, [picture, h("figcaption", { text: caption })]);
}

export async function mountPortfolio(root, { store, course, courseVersion, loadWidgetModule }) {
  const base = new URL(".", import.meta.url);
  const index = await fetch(new URL("course.json", base)).then((r) => r.json());
  const known = new Map();
  for (const page of index.pages) for (const w of page.widgets) known.set(w.id, { ...w, page });
  // Load the modules of only those widget types the learner has work for (keeps the page light).
  const modules = {};
  async function loadModulesFor(records) {
    const types = new Set([...records.values()].map((r) => r.widget).filter((t) => !modules[t]));
    for (const type of types) {
      if ([...known.values()].some((w) => w.widget === type)) {
        modules[type] = await loadWidgetModule(type.replaceAll("-", "_"));
      }
    }
  }

  const status = h("div", { className: "jd-portfolio-status", role: "status", "aria-live": "polite" });
  const say = (text, kind = "ok") => {
    status.replaceChildren(h("p", { className: `jd-notice jd-notice-${kind}`, text }));
  };
  const nameInput = h("input", { type: "text", id: "jd-portfolio-name", autocomplete: "name", maxlength: "200" });
  nameInput.value = store.learnerName();
  // Only in print: whose portfolio this is (what a student hands in).
  const printHead = h("div", { className: "jd-portfolio-print-head" });
  const drawPrintHead = () => {
    const name = nameInput.value.trim();
    printHead.replaceChildren(
      h("p", { className: "jd-portfolio-print-name", text: name ? `Portfolio van ${name}` : "Naam: ……………………………………" }),
      h("p", { text: `${document.title.split(" — ").pop()} · afgedrukt op ${new Date().toLocaleDateString("nl-NL", { dateStyle: "long" })}` }),
    );
  };
  const exportButton = h("button", { type: "button", className: "jd-button jd-primary", text: "Exporteer portfolio (JSON)" });
  const printButton = h("button", { type: "button", className: "jd-button", text: "Afdrukken of als PDF bewaren" });
  // The browser's own file control speaks the browser's language ("Choose File"): a Dutch button opens it instead.
  const fileInput = h("input", { type: "file", id: "jd-portfolio-import", className: "jd-file-input", accept: "application/json,.json", tabIndex: -1, "aria-hidden": "true" });
  const importButton = h("button", { type: "button", className: "jd-button", text: "Importeer een portfoliobestand…" });
  const clearButton = h("button", { type: "button", className: "jd-button", text: "Alles wissen…" });
  const preview = h("div", { className: "jd-portfolio-preview" });
  const content = h("div", { className: "jd-portfolio-content" });
  const tools = h("div", { className: "jd-portfolio-tools" }, [
    h("p", {}, [h("label", { for: "jd-portfolio-name", text: "Je naam (in het exportbestand en op de afdruk): " }), nameInput]),
    h("div", { className: "jd-actions" }, [exportButton, printButton, clearButton]),
    h("p", {}, [importButton, fileInput]),
    preview,
  ]);
  drawPrintHead();
  root.replaceChildren(printHead, tools, status, content);

  // Draws overlap (each change in the store starts one, and modules load asynchronously): only the latest one paints,
  // so an earlier, slower draw never replaces newer work with an older view.
  let drawing = 0;
  async function draw() {
    const generation = ++drawing;
    const records = store.all();
    await loadModulesFor(records);
    if (generation !== drawing) return;
    const total = known.size;
    const done = [...records.entries()].filter(([id, r]) => known.has(id) && modules[r.widget]?.summary(known.get(id).config, r.state).done).length;
    const parts = [h("p", { className: "jd-portfolio-count", text: `Je hebt ${records.size} van de ${total} oefeningen aangeraakt; ${done} zijn af.` })];
    for (const page of index.pages) {
      const items = page.widgets.filter((w) => records.has(w.id));
      if (!items.length) continue;
      const group = h("section", { className: "jd-portfolio-group" }, [
        h("h2", {}, [h("a", { href: new URL(page.url, new URL("../../", base)).href, text: page.title })]),
      ]);
      for (const w of items) {
        const record = records.get(w.id);
        const summary = modules[w.widget].summary(w.config, record.state);
        const when = new Date(record.updated).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
        group.append(h("article", { className: "jd-portfolio-item", "data-widget-id": w.id }, [
          h("h3", { text: summary.title }),
          ...summary.lines.map((line) => h("p", { text: line })),
          ...(summary.figures || []).map(figure),
          h("p", { className: "jd-hint", text: `Laatst gewijzigd: ${when}${summary.done ? " · af" : ""}` }),
        ]));
      }
      parts.push(group);
    }
    const orphans = [...records.keys()].filter((id) => !known.has(id));
    if (orphans.length) {
      parts.push(h("p", { className: "jd-hint", text: `Werk bij oefeningen die niet meer in de cursus staan (blijft bewaard en gaat mee in de export): ${orphans.join(", ")}` }));
    }
    const backups = store.backups();
    if (backups.length) {
      parts.push(h("p", { className: "jd-notice", text: `Apart gezette gegevens die niet leesbaar waren (niets is weggegooid): ${backups.join(", ")}` }));
    }
    if (records.size === 0) parts.push(h("p", { text: "Je portfolio is nog leeg. Maak de kennischecks en reflecties in de hoofdstukken; ze verschijnen hier vanzelf." }));
    content.replaceChildren(...parts);
  }

  function exportFile() {
    const entries = [...store.all().entries()].map(([id, r]) => ({ id, widget: r.widget, page: r.page || "", updated: r.updated, state: r.state }));
    const portfolio = {
      format: FORMAT, schema_version: SCHEMA_VERSION, course, course_version: courseVersion,
      exported_at: new Date().toISOString(), learner: nameInput.value.trim(), entries,
    };
    const blob = new Blob([JSON.stringify(portfolio, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `portfolio-${course}-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say(`Je portfolio is geëxporteerd (${entries.length} onderdelen). Bewaar het bestand op een veilige plek.`);
  }

  async function importFile(file) {
    preview.replaceChildren();
    status.replaceChildren(); // a message about an earlier file must not stay under this file's preview
    if (file.size > MAX_BYTES) {
      say(`Dit bestand is te groot (${(file.size / 1048576).toFixed(1)} MB) om een portfolio te zijn; een portfolio is meestal kleiner dan 1 MB. Er is niets veranderd.`, "error");
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      say("Dit bestand kan niet worden gelezen (het is verplaatst, nog niet gedownload of niet toegankelijk). Kopieer het eerst naar je computer en kies het opnieuw. Er is niets veranderd.", "error");
      return;
    }
    const checked = checkImport(text, { course, courseVersion, known });
    if (checked.error) {
      say(checked.error, "error");
      return;
    }
    const plan = planMerge(checked.portfolio, store);
    const confirm = h("button", { type: "button", className: "jd-button jd-primary", text: "Samenvoegen" });
    const cancel = h("button", { type: "button", className: "jd-button", text: "Annuleren" });
    preview.replaceChildren(
      h("h2", { text: "Wat er verandert als je samenvoegt" }),
      h("ul", {}, [
        h("li", { text: `${plan.added.length} nieuw` }),
        h("li", { text: `${plan.updated.length} bijgewerkt (het bestand is nieuwer)` }),
        h("li", { text: `${plan.kept.length} niet overschreven (je werk in deze browser is nieuwer of gelijk)` }),
      ]),
      h("div", { className: "jd-actions" }, [confirm, cancel]),
    );
    confirm.focus();
    confirm.addEventListener("click", () => {
      for (const entry of [...plan.added, ...plan.updated]) {
        store.put(entry.id, entry);
      }
      preview.replaceChildren();
      fileInput.value = "";
      say(`Samengevoegd: ${plan.added.length} nieuw, ${plan.updated.length} bijgewerkt, ${plan.kept.length} ongewijzigd.`);
      draw();
    });
    cancel.addEventListener("click", () => {
      preview.replaceChildren();
      fileInput.value = "";
      say("Import geannuleerd; er is niets veranderd.");
    });
  }

  function askClear() {
    const yes = h("button", { type: "button", className: "jd-button", text: "Ja, wis al mijn werk in deze browser" });
    const no = h("button", { type: "button", className: "jd-button jd-primary", text: "Nee, bewaren" });
    preview.replaceChildren(
      h("p", { className: "jd-notice", text: "Weet je het zeker? Exporteer eerst je portfolio als je het werk wilt houden." }),
      h("div", { className: "jd-actions" }, [no, yes]),
    );
    no.focus();
    no.addEventListener("click", () => preview.replaceChildren());
    yes.addEventListener("click", () => {
      store.clear();
      store.setLearnerName("");
      nameInput.value = "";
      drawPrintHead();
      preview.replaceChildren();
      say("Al je werk in deze browser is gewist.");
      draw();
    });
  }

  exportButton.addEventListener("click", exportFile);
  nameInput.addEventListener("input", () => {
    store.setLearnerName(nameInput.value);
    drawPrintHead();
  });
  window.addEventListener("beforeprint", drawPrintHead);
  printButton.addEventListener("click", () => window.print());
  clearButton.addEventListener("click", askClear);
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => fileInput.files[0] && importFile(fileInput.files[0]));
  store.subscribe(() => draw());
  await draw();
  root.dataset.jdReady = "1";
}
