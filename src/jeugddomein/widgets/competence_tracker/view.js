// Competence tracker: the learner chooses a profession, assesses themselves per competence and moment with a
// motivation and evidence (work saved in this course, or an external note/URL kept as text), and sees progress
// (chart and table), the T-profile (depth in the own profession, breadth across the domain) and suggestions.
import { el, listen, uid } from "../_shared/ui.js";
import {
  HORIZONTAL,
  VERTICAL,
  done,
  levelsAt,
  suggest,
  tProfile,
  usedMoments,
} from "./rules.js";

/**
 * @typedef Evidence
 * @property {"werk"|"notitie"} kind
 * @property {string} ref widget id of the work (kind "werk")
 * @property {string} label
 * @property {string} url external address, shown as text
 *
 * @typedef Assessment
 * @property {string} competence
 * @property {string} moment
 * @property {number} level 1 = lowest
 * @property {string} motivation
 * @property {Evidence[]} evidence
 * @property {string} day ISO date
 *
 * @typedef Model
 * @property {boolean} weekly
 * @property {{id: string, label: string}[]} moments
 * @property {{competences: {id: string, name: string, description: string, t_shape: string, levels: {id: string, label: string, behaviour: string[]}[]}[], professions: {id: string, name: string, depth: string}[]}} framework
 * @property {{page: string, title: string, url: string, kind: string, competences: string[], work?: string[]}[]} pages
 * @property {{id: string, widget: string, label: string, title: string, page: string, page_title: string}[]} evidence
 * @property {string} course
 * @property {string[]} saved_work ids of the exercises with saved work (filled by the host)
 * @property {string} profession
 * @property {Assessment[]} assessments
 */

const SVG = "http://www.w3.org/2000/svg";
const MOMENT_FILLS = ["#c9d7e6", "#7ea6c9", "#1f5f8b", "#0b3352"];

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** One decimal with a comma. */
function dutch(value) {
  return value === null || value === undefined ? "–" : value.toFixed(1).replace(".", ",");
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const framework = model.get("framework");
  const competences = framework.competences;
  const scale = competences[0].levels;
  const moments = model.get("moments");
  const pages = model.get("pages") || [];
  const catalogue = model.get("evidence") || [];
  const names = Object.fromEntries(competences.map((c) => [c.id, c.name]));
  const momentLabel = Object.fromEntries(moments.map((m) => [m.id, m.label]));
  const base = uid("jd-ct");
  const saved = () => new Set(model.get("saved_work") || []);
  let draft = []; // evidence being collected for the assessment in the form

  // 1. Profession.
  const professionInputs = framework.professions.map((p) => {
    const input = el("input", { type: "radio", name: `${base}-prof`, value: p.id, id: `${base}-prof-${p.id}` });
    input.addEventListener("change", () => {
      if (input.checked) {
        model.set("profession", p.id);
        model.save_changes();
      }
    });
    return el("div", { className: "jd-ct-choice" }, [input, el("label", { for: input.id }, [el("strong", { text: p.name }), el("span", { text: ` — ${p.depth}` })])]);
  });
  const professionBox = el("fieldset", { className: "jd-ct-profession" }, [
    el("legend", { text: "1. Jouw beroep (de verticale poot van je T)" }),
    ...professionInputs,
  ]);
  const needProfession = el("p", { className: "jd-notice", text: "Kies eerst je beroep. Daarna kun je jezelf inschatten." });

  // 2. The form.
  const momentSelect = el("select", { id: `${base}-moment` }, moments.map((m) => el("option", { value: m.id, text: m.label })));
  const competenceSelect = el("select", { id: `${base}-comp` }, competences.map((c) => el("option", { value: c.id, text: c.name })));
  const competenceInfo = el("p", { className: "jd-hint", id: `${base}-comp-info` });
  const levelLegend = el("legend");
  const levelInputs = scale.map((_, i) => el("input", { type: "radio", name: `${base}-level`, value: String(i + 1), id: `${base}-level-${i}` }));
  const levelLabels = scale.map((_, i) => el("label", { for: `${base}-level-${i}` }));
  const levelBox = el("fieldset", { className: "jd-ct-levels" }, [
    levelLegend,
    ...scale.map((_, i) => el("div", { className: "jd-ct-level" }, [levelInputs[i], levelLabels[i]])),
  ]);
  const motivation = el("textarea", { id: `${base}-why`, rows: "3", maxlength: "20000" });
  const workSelect = el("select", { id: `${base}-work` });
  const addWork = el("button", { type: "button", className: "jd-button", text: "Voeg werk toe als bewijs" });
  const noteInput = el("input", { type: "text", id: `${base}-note`, maxlength: "2000" });
  const urlInput = el("input", { type: "url", id: `${base}-url`, maxlength: "500", inputmode: "url" });
  const addNote = el("button", { type: "button", className: "jd-button", text: "Voeg notitie toe als bewijs" });
  const draftList = el("ul", { className: "jd-ct-evidence", "aria-label": "Bewijs bij deze inschatting" });
  const saveButton = el("button", { type: "button", className: "jd-button jd-primary", text: "Bewaar inschatting" });
  const formStatus = el("p", { className: "jd-ct-status", role: "status", "aria-live": "polite" });
  const form = el("fieldset", { className: "jd-ct-form" }, [
    el("legend", { text: "2. Schat jezelf in" }),
    el("div", { className: "jd-ct-row" }, [
      el("p", {}, [el("label", { for: momentSelect.id, text: "Moment" }), momentSelect]),
      el("p", {}, [el("label", { for: competenceSelect.id, text: "Competentie" }), competenceSelect]),
    ]),
    competenceInfo,
    levelBox,
    el("p", {}, [el("label", { for: motivation.id, text: "Motivatie: waarom dit niveau? Noem een situatie." }), motivation]),
    el("fieldset", { className: "jd-ct-proof" }, [
      el("legend", { text: "Bewijs" }),
      el("p", {}, [el("label", { for: workSelect.id, text: "Werk uit deze cursus (✓ = in deze browser bewaard)" }), workSelect]),
      el("div", { className: "jd-actions" }, [addWork]),
      el("p", {}, [el("label", { for: noteInput.id, text: "Of een notitie over bewijs buiten de cursus (stage, gesprek, document)" }), noteInput]),
      el("p", {}, [el("label", { for: urlInput.id, text: "Webadres bij de notitie (optioneel, wordt als tekst bewaard)" }), urlInput]),
      el("div", { className: "jd-actions" }, [addNote]),
      draftList,
    ]),
    el("div", { className: "jd-actions" }, [saveButton]),
    formStatus,
  ]);

  // 3-5. Views.
  const chartBox = el("div", { className: "jd-ct-chart" });
  const tableBox = el("div", { className: "jd-ct-table" });
  const allBox = el("details", { className: "jd-ct-all" });
  const progress = el("section", { className: "jd-ct-progress", "aria-labelledby": `${base}-h-progress` }, [
    el("h3", { id: `${base}-h-progress`, text: "3. Je voortgang" }),
    chartBox,
    tableBox,
    allBox,
  ]);
  const tBox = el("div", { className: "jd-ct-tview" });
  const tSection = el("section", { className: "jd-ct-t", "aria-labelledby": `${base}-h-t` }, [el("h3", { id: `${base}-h-t`, text: "4. Jouw T" }), tBox]);
  const suggestBox = el("div", { className: "jd-ct-suggest-list" });
  const suggestSection = el("section", { className: "jd-ct-suggest", "aria-labelledby": `${base}-h-s` }, [
    el("h3", { id: `${base}-h-s`, text: "5. Wat kun je nu doen?" }),
    suggestBox,
  ]);
  const work = el("div", { className: "jd-ct-work" }, [form, progress, tSection, suggestSection]);
  root.replaceChildren(el("div", { className: "jd-widget-ct" }, [professionBox, needProfession, work]));

  // --- helpers ---
  const assessments = () => model.get("assessments") || [];
  const find = (cid, mid) => assessments().find((a) => a.competence === cid && a.moment === mid);

  let filledFor = null;
  function fillWorkOptions() {
    const have = saved();
    const key = [...have].sort().join(",");
    if (key === filledFor) return;
    filledFor = key;
    const previous = workSelect.value;
    const groups = new Map();
    for (const item of catalogue) {
      if (!groups.has(item.page_title)) groups.set(item.page_title, []);
      groups.get(item.page_title).push(item);
    }
    /** @type {Array<HTMLOptionElement | HTMLOptGroupElement>} */
    const options = [el("option", { value: "", text: catalogue.length ? "— kies werk —" : "— geen oefeningen gevonden —" })];
    for (const [title, items] of groups) {
      const sorted = [...items].sort((a, b) => Number(have.has(b.id)) - Number(have.has(a.id)));
      options.push(
        el("optgroup", { label: title }, sorted.map((item) =>
          el("option", { value: item.id, text: `${have.has(item.id) ? "✓ " : ""}${item.label}: ${item.title}` }),
        )),
      );
    }
    workSelect.replaceChildren(...options);
    workSelect.value = previous;
  }

  function drawDraft() {
    draftList.replaceChildren(
      ...draft.map((item, i) => {
        const remove = el("button", { type: "button", className: "jd-button jd-small", text: "Verwijder", "aria-label": `Verwijder bewijs: ${item.label}` });
        remove.addEventListener("click", () => {
          draft = draft.filter((_, j) => j !== i);
          drawDraft();
          formStatus.textContent = `Bewijs verwijderd: ${item.label}`;
        });
        const text = item.kind === "werk" ? `Werk: ${item.label}` : `Notitie: ${item.label}${item.url ? ` (${item.url})` : ""}`;
        return el("li", {}, [el("span", { text }), remove]);
      }),
    );
    if (!draft.length) draftList.append(el("li", { className: "jd-hint", text: "Nog geen bewijs toegevoegd." }));
  }

  function loadForm() {
    const cid = competenceSelect.value;
    const competence = competences.find((c) => c.id === cid);
    competenceInfo.textContent = competence.description;
    levelLegend.textContent = `Niveau voor ‘${competence.name}’: welk gedrag herken je bij jezelf?`;
    competence.levels.forEach((level, i) => {
      levelLabels[i].replaceChildren(el("strong", { text: `${i + 1}. ${level.label}` }), el("span", { text: ` — ${level.behaviour.join(" ")}` }));
    });
    const existing = find(cid, momentSelect.value);
    levelInputs.forEach((input, i) => (input.checked = existing ? existing.level === i + 1 : false));
    motivation.value = existing ? existing.motivation : "";
    draft = existing ? existing.evidence.map((e) => ({ ...e })) : [];
    saveButton.textContent = existing ? "Werk inschatting bij" : "Bewaar inschatting";
    drawDraft();
  }

  addWork.addEventListener("click", () => {
    const item = catalogue.find((e) => e.id === workSelect.value);
    if (!item) {
      formStatus.textContent = "Kies eerst werk uit de lijst.";
      workSelect.focus();
      return;
    }
    if (draft.some((e) => e.kind === "werk" && e.ref === item.id)) {
      formStatus.textContent = "Dit werk staat al bij het bewijs.";
      return;
    }
    draft.push({ kind: "werk", ref: item.id, label: `${item.label}: ${item.title}`.slice(0, 300), url: "" });
    drawDraft();
    formStatus.textContent = `Bewijs toegevoegd: ${item.title}`;
  });
  addNote.addEventListener("click", () => {
    const label = noteInput.value.trim();
    const url = urlInput.value.trim();
    if (!label) {
      formStatus.textContent = "Schrijf eerst kort wat het bewijs is.";
      noteInput.focus();
      return;
    }
    draft.push({ kind: "notitie", ref: "", label, url });
    noteInput.value = "";
    urlInput.value = "";
    drawDraft();
    formStatus.textContent = `Notitie toegevoegd als bewijs: ${label}`;
  });
  saveButton.addEventListener("click", () => {
    const level = levelInputs.findIndex((input) => input.checked) + 1;
    if (!level) {
      formStatus.textContent = "Kies eerst een niveau.";
      levelInputs[0].focus();
      return;
    }
    if (!motivation.value.trim()) {
      formStatus.textContent = "Schrijf kort waarom je dit niveau kiest.";
      motivation.focus();
      return;
    }
    const item = {
      competence: competenceSelect.value,
      moment: momentSelect.value,
      level,
      motivation: motivation.value.trim(),
      evidence: draft.map((e) => ({ ...e })),
      day: new Date().toISOString().slice(0, 10),
    };
    const rest = assessments().filter((a) => !(a.competence === item.competence && a.moment === item.moment));
    model.set("assessments", [...rest, item]);
    model.save_changes();
    formStatus.textContent = `Bewaard: ${names[item.competence]}, ${momentLabel[item.moment]}, niveau ${level} (${scale[level - 1].label}).`;
  });
  momentSelect.addEventListener("change", loadForm);
  competenceSelect.addEventListener("change", loadForm);
  workSelect.addEventListener("focus", fillWorkOptions);

  function drawChart(list) {
    const used = usedMoments(list, moments).slice(-4);
    if (!used.length) {
      chartBox.replaceChildren(el("p", { className: "jd-hint", text: "Nog geen inschattingen. Je voortgang verschijnt hier zodra je er een bewaart." }));
      return;
    }
    // Each competence's name on its own line above its bars, so a long name never runs into them at any width.
    const labelH = 18;
    const rowH = labelH + 16 * used.length + 14;
    const left = 0;
    const width = 640;
    const barMax = width - left - 80;
    const height = competences.length * rowH + 34;
    const summaryText = competences
      .map((c) => `${c.name}: ${used.map((m) => `${m.label} ${find(c.id, m.id)?.level ?? "–"}`).join(", ")}`)
      .join(". ");
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Niveau per competentie per moment. ${summaryText}.`, class: "jd-ct-svg" });
    used.forEach((m, i) => {
      const x = 10 + i * 155;
      chart.append(svg("rect", { x, y: 4, width: 12, height: 12, fill: MOMENT_FILLS[i], stroke: "#000" }));
      chart.append(svg("text", { x: x + 16, y: 14, "font-size": 12, text: m.label.slice(0, 22) }));
    });
    competences.forEach((c, ci) => {
      const y0 = 30 + ci * rowH;
      const top = y0 + labelH;
      chart.append(svg("text", { x: 0, y: y0 + 13, "font-size": 12, "font-weight": 600, class: "jd-ct-label", text: c.name }));
      for (let lv = 1; lv <= scale.length; lv += 1) {
        const x = left + (barMax * lv) / scale.length;
        chart.append(svg("line", { x1: x, x2: x, y1: top, y2: top + 16 * used.length, stroke: "#c9ccd1", "stroke-dasharray": "2 3" }));
      }
      used.forEach((m, i) => {
        const a = find(c.id, m.id);
        const y = top + i * 16;
        if (a) {
          chart.append(svg("rect", { x: left, y, width: (barMax * a.level) / scale.length, height: 13, fill: MOMENT_FILLS[i], stroke: "#1a1a1a", "stroke-width": 0.5, class: "jd-ct-bar" }));
          chart.append(svg("text", { x: left + (barMax * a.level) / scale.length + 4, y: y + 11, "font-size": 11, text: `${a.level} ${scale[a.level - 1].label}` }));
        } else {
          chart.append(svg("text", { x: left + 2, y: y + 11, "font-size": 11, fill: "#4a4f57", text: "niet ingeschat" }));
        }
      });
    });
    chartBox.replaceChildren(chart);
  }

  function drawTable(list) {
    const used = usedMoments(list, moments);
    if (!used.length) {
      tableBox.replaceChildren();
      allBox.replaceChildren();
      return;
    }
    const table = el("table", { className: "jd-ct-grid" }, [
      el("caption", { text: "Niveau per competentie per moment (1 = laagste niveau)" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Competentie" }), ...used.map((m) => el("th", { scope: "col", text: m.label }))])]),
      el("tbody", {}, competences.map((c) =>
        el("tr", {}, [
          el("th", { scope: "row", text: c.name }),
          ...used.map((m) => {
            const a = find(c.id, m.id);
            return el("td", { text: a ? `${a.level} · ${scale[a.level - 1].label}${a.evidence.length ? ` · ${a.evidence.length} bewijs` : ""}` : "–" });
          }),
        ]),
      )),
    ]);
    tableBox.replaceChildren(el("div", { className: "jd-ct-scroll" }, [table]));
    const sorted = [...list].sort((a, b) => moments.findIndex((m) => m.id === a.moment) - moments.findIndex((m) => m.id === b.moment));
    allBox.replaceChildren(
      el("summary", { text: `Alle inschattingen met motivatie en bewijs (${list.length})` }),
      el("ul", {}, sorted.map((a) =>
        el("li", {}, [
          el("strong", { text: `${momentLabel[a.moment] || a.moment} · ${names[a.competence] || a.competence}: ${a.level} ${scale[a.level - 1]?.label || ""}` }),
          el("p", { text: a.motivation }),
          a.evidence.length
            ? el("ul", {}, a.evidence.map((e) => el("li", { text: e.kind === "werk" ? `Werk: ${e.label}` : `Notitie: ${e.label}${e.url ? ` (${e.url})` : ""}` })))
            : el("p", { className: "jd-hint", text: "Geen bewijs toegevoegd." }),
        ]),
      )),
    );
  }

  function drawT(list) {
    const used = usedMoments(list, moments);
    const profession = framework.professions.find((p) => p.id === model.get("profession"));
    if (!used.length) {
      tBox.replaceChildren(el("p", { className: "jd-hint", text: "Je T verschijnt zodra je een inschatting hebt bewaard." }));
      return;
    }
    const { picture, label } = tPicture(competences, list, moments, scale, profession);
    const vertical = competences.filter((c) => VERTICAL.has(c.t_shape)).map((c) => c.name);
    const horizontal = competences.filter((c) => HORIZONTAL.has(c.t_shape)).map((c) => c.name);
    tBox.replaceChildren(
      el("div", { className: "jd-ct-tflex" }, [
        picture,
        el("div", {}, [
          el("p", { text: label }),
          used.length > 1 ? el("p", { className: "jd-hint", text: `Gestippelde omtrek: je T bij ${used[0].label}. Gevuld: nu.` }) : null,
          el("p", { text: `Diepte in je eigen beroep${profession ? ` (${profession.name})` : ""}: ${profession ? profession.depth : ""}` }),
          el("p", { className: "jd-hint", text: `Diepte = gemiddeld niveau van: ${vertical.join("; ")}.` }),
          el("p", { className: "jd-hint", text: `Breedte = gemiddeld niveau van: ${horizontal.join("; ")}.` }),
        ]),
      ]),
    );
  }

  function drawSuggestions(list) {
    const tips = suggest({ competences, pages, evidence: catalogue, assessments: list, moments, saved: saved() });
    suggestBox.replaceChildren(
      el("p", { text: "Je zwakste competenties (laatste inschatting; nog niet ingeschat telt als zwakst), met hoofdstukken en oefeningen die eraan werken:" }),
      el("ul", {}, tips.map((tip) =>
        el("li", {}, [
          el("strong", { text: `${names[tip.competence]} — ${tip.level ? `nu ${tip.level} (${scale[tip.level - 1].label})` : "nog niet ingeschat"}` }),
          el("ul", {}, tip.pages.map((p) =>
            el("li", {}, [
              p.url ? el("a", { href: p.url, text: p.title }) : el("span", { text: p.title }),
              el("span", { text: ` (${p.kind}${p.done ? ", je hebt hier al werk bewaard" : ", nog geen werk bewaard"})` }),
            ]),
          )),
        ]),
      )),
    );
  }

  function show() {
    const profession = model.get("profession");
    for (const input of professionBox.querySelectorAll("input")) input.checked = input.value === profession;
    needProfession.hidden = Boolean(profession);
    work.hidden = !profession;
    const list = assessments();
    drawChart(list);
    drawTable(list);
    drawT(list);
    drawSuggestions(list);
  }

  const stop = listen(model, { "change:profession": show, "change:assessments": show, "change:saved_work": show });
  fillWorkOptions();
  loadForm();
  show();
  return stop;
}

/** The learner's work in words, for the portfolio. */
/**
 * The T-profile as a picture: the bar is the breadth, the leg the depth, at the last moment with an assessment (filled)
 * and the first (dashed outline). Presentation attributes only, so it reads the same outside the widget (portfolio).
 */
function tPicture(competences, list, moments, scale, profession) {
  const used = usedMoments(list, moments);
  const first = tProfile(competences, levelsAt(list, moments, used[0].id));
  const last = tProfile(competences, levelsAt(list, moments, used[used.length - 1].id));
  const max = scale.length;
  const W = 320;
  const barH = 44;
  const legMax = 190;
  const cx = W / 2;
  const legW = 56;
  const shape = (profile, dashed) => {
    const bw = ((profile.breadth || 0) / max) * (W - 20);
    const lh = ((profile.depth || 0) / max) * legMax;
    const style = dashed
      ? { fill: "none", stroke: "#1a1a1a", "stroke-width": 2, "stroke-dasharray": "6 4" }
      : { fill: "#1f5f8b", "fill-opacity": 0.85, stroke: "#0b3352", "stroke-width": 1.5 };
    return [
      svg("rect", { x: cx - bw / 2, y: 20, width: Math.max(bw, 1), height: barH, ...style }),
      svg("rect", { x: cx - legW / 2, y: 20 + barH, width: legW, height: Math.max(lh, 1), ...style }),
    ];
  };
  const label = `Jouw T bij ${used[used.length - 1].label}: breedte ${dutch(last.breadth)} en diepte ${dutch(last.depth)} van ${max}` +
    (used.length > 1 ? `; bij ${used[0].label}: breedte ${dutch(first.breadth)}, diepte ${dutch(first.depth)}.` : ".");
  const picture = svg("svg", { viewBox: `0 0 ${W} ${20 + barH + legMax + 30}`, role: "img", "aria-label": label, class: "jd-ct-tsvg" }, [
    ...(used.length > 1 ? shape(first, true) : []),
    ...shape(last, false),
    svg("text", { x: cx, y: 14, "text-anchor": "middle", "font-size": 12, fill: "#1a1a1a", text: `breedte ${dutch(last.breadth)} van ${max}` }),
    svg("text", { x: cx + legW / 2 + 6, y: 20 + barH + 20, "font-size": 12, fill: "#1a1a1a", text: `diepte ${dutch(last.depth)}` }),
    svg("text", { x: cx + legW / 2 + 6, y: 20 + barH + 36, "font-size": 12, fill: "#1a1a1a", text: profession ? profession.name.split(" (")[0] : "" }),
  ]);
  return { picture, label };
}

function summary(config, state) {
  const framework = config.framework;
  const names = Object.fromEntries(framework.competences.map((c) => [c.id, c.name]));
  const labels = Object.fromEntries(config.moments.map((m) => [m.id, m.label]));
  const scale = framework.competences[0].levels;
  const profession = framework.professions.find((p) => p.id === state.profession);
  const list = [...(state.assessments || [])].sort(
    (a, b) => config.moments.findIndex((m) => m.id === a.moment) - config.moments.findIndex((m) => m.id === b.moment),
  );
  const lines = [`Beroep: ${profession ? profession.name : "nog niet gekozen"}`];
  for (const a of list) {
    const proof = a.evidence.map((e) => (e.kind === "werk" ? e.label : `${e.label}${e.url ? ` (${e.url})` : ""}`)).join("; ");
    lines.push(
      `${labels[a.moment] || a.moment} · ${names[a.competence] || a.competence}: ${a.level} ${scale[a.level - 1]?.label || ""}` +
        ` — ${a.motivation}${proof ? ` [bewijs: ${proof}]` : ""}`,
    );
  }
  const used = usedMoments(list, config.moments);
  if (used.length) {
    const t = tProfile(framework.competences, levelsAt(list, config.moments, used[used.length - 1].id));
    lines.push(`T-profiel (${used[used.length - 1].label}): diepte ${dutch(t.depth)}, breedte ${dutch(t.breadth)} van ${scale.length}`);
  }
  const figures = used.length
    ? [{ caption: `T-profiel (${used[used.length - 1].label})`, svg: new XMLSerializer().serializeToString(tPicture(framework.competences, list, config.moments, scale, profession).picture) }]
    : [];
  return { title: "Competentievolger", lines, figures, done: done(config, state) };
}

export default { render, summary, levelsAt, tProfile, suggest, usedMoments };
