// Rubric: a level and written feedback per criterion, in two modes (the student's self-assessment and the lecturer's
// scoring), the grade on the Dutch 1-10 scale, export as JSON and a printable form.
// The grading rules are the same as src/jeugddomein/grading.py; a test feeds the same scores to both.
import { debounce, el, listen, printOnly, uid } from "../_shared/ui.js";
import {
  KNOCKOUT_CAP,
  PASS_MARK,
  cleanScores,
  done,
  exportRecord,
  formatGrade,
  grade,
  roundGrade,
} from "./rules.js";

/**
 * @typedef Level
 * @property {string} id
 * @property {string} label
 * @property {number} value
 *
 * @typedef Criterion
 * @property {string} id
 * @property {string} title
 * @property {string} question
 * @property {number} weight
 * @property {string[]} competences
 * @property {boolean} knockout
 * @property {string|null} standard
 * @property {Record<string, string>} descriptors
 *
 * @typedef Scoring
 * @property {Record<string, string>} scores
 * @property {Record<string, string>} feedback
 * @property {string} general
 *
 * @typedef Model
 * @property {{id: string, title: string, kind: string, description: string, assessors: string, levels: Level[], criteria: Criterion[]}} definition
 * @property {boolean} lecturer
 * @property {Record<string, string>} competence_names
 * @property {number} pass_mark
 * @property {number} knockout_cap
 * @property {"zelf"|"docent"} mode
 * @property {string} student
 * @property {string} assessor
 * @property {Scoring} zelf
 * @property {Scoring} docent
 */

const MODES = { zelf: "Zelfbeoordeling (student)", docent: "Beoordeling (docent)" };

function resultText(result, rubric) {
  if (!result.ok) return result.error;
  const verdict = result.passed ? "✓ Behaald" : "✗ Niet behaald";
  const parts = [`${verdict}: cijfer ${formatGrade(result.grade)}.`];
  if (result.knockouts.length) {
    const names = result.knockouts.map((id) => `'${rubric.criteria.find((c) => c.id === id).title}'`).join(", ");
    parts.push(
      `Knock-out onder de norm bij ${names}: het product is niet behaald, hoe hoog het totaal ook is ` +
        `(gewogen ${formatGrade(result.weighted)}, cijfer ten hoogste ${formatGrade(KNOCKOUT_CAP)}).`,
    );
  } else if (!result.passed) {
    parts.push(`Voor een voldoende is ${formatGrade(PASS_MARK)} nodig.`);
  }
  return parts.join(" ");
}

const emptyScoring = () => ({ scores: {}, feedback: {}, general: "" });

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const rubric = model.get("definition");
  const names = model.get("competence_names") || {};
  const base = uid("jd-rb");
  const mode = () => (model.get("lecturer") ? model.get("mode") || "zelf" : "zelf");
  const scoring = () => {
    const stored = { ...emptyScoring(), ...(model.get(mode()) || {}) };
    return { ...stored, scores: cleanScores(rubric, stored.scores) };
  };

  const save = (changes) => {
    model.set(mode(), { ...scoring(), ...changes });
    model.save_changes();
  };

  // Mode switch and names (lecturer mode).
  const modeInputs = Object.entries(MODES).map(([value, text]) => {
    const input = el("input", { type: "radio", name: `${base}-mode`, value, id: `${base}-mode-${value}` });
    input.addEventListener("change", () => {
      if (input.checked) {
        model.set("mode", /** @type {Model["mode"]} */ (value));
        model.save_changes();
      }
    });
    return el("span", { className: "jd-rb-choice" }, [input, el("label", { for: input.id, text })]);
  });
  const modeBox = el("fieldset", { className: "jd-rb-mode" }, [el("legend", { text: "Wie vult de rubric in?" }), ...modeInputs]);
  const studentInput = el("input", { type: "text", id: `${base}-student`, maxlength: "200", autocomplete: "off" });
  const assessorInput = el("input", { type: "text", id: `${base}-assessor`, maxlength: "200", autocomplete: "off" });
  const saveNames = debounce(() => {
    model.set("student", studentInput.value);
    model.set("assessor", assessorInput.value);
    model.save_changes();
  }, 300);
  studentInput.addEventListener("input", saveNames);
  assessorInput.addEventListener("input", saveNames);
  studentInput.addEventListener("blur", () => saveNames.flush());
  assessorInput.addEventListener("blur", () => saveNames.flush());
  const namesBox = el("div", { className: "jd-rb-names" }, [
    el("p", {}, [el("label", { for: studentInput.id, text: "Student of groep: " }), studentInput]),
    el("p", {}, [el("label", { for: assessorInput.id, text: "Beoordelaar: " }), assessorInput]),
  ]);

  // One fieldset per criterion.
  const rows = rubric.criteria.map((criterion, ci) => {
    const group = `${base}-c${ci}`;
    const inputs = rubric.levels.map((level, li) => {
      const input = el("input", { type: "radio", name: group, value: level.id, id: `${group}-${li}` });
      input.addEventListener("change", () => {
        if (input.checked) save({ scores: { ...scoring().scores, [criterion.id]: level.id } });
      });
      const below = criterion.knockout && criterion.standard && li < rubric.levels.findIndex((l) => l.id === criterion.standard);
      return el("div", { className: "jd-rb-level" }, [
        input,
        el("label", { for: input.id }, [
          el("strong", { text: `${level.label} (${formatGrade(level.value)})` }),
          below ? el("span", { className: "jd-rb-ko-mark", text: " — onder de norm" }) : null,
          el("span", { text: ` ${criterion.descriptors[level.id]}` }),
        ]),
      ]);
    });
    const feedback = el("textarea", { id: `${group}-fb`, rows: "2", maxlength: "20000" });
    const saveFeedback = debounce(() => save({ feedback: { ...scoring().feedback, [criterion.id]: feedback.value } }), 300);
    feedback.addEventListener("input", saveFeedback);
    feedback.addEventListener("blur", () => saveFeedback.flush());
    const ko = criterion.knockout
      ? el("p", {
          className: "jd-rb-ko",
          text: `⚠ Knock-out: lager dan '${rubric.levels.find((l) => l.id === criterion.standard).label}' betekent niet behaald.`,
        })
      : null;
    const fieldset = el("fieldset", { className: "jd-rb-criterion", "data-criterion": criterion.id }, [
      el("legend", { text: `${ci + 1}. ${criterion.title} (${criterion.weight}%)` }),
      el("p", { className: "jd-rb-question", text: criterion.question }),
      ko,
      el("p", {
        className: "jd-hint",
        text: `Competenties: ${criterion.competences.map((c) => names[c] || c).join("; ")}`,
      }),
      ...inputs,
      el("p", { className: "jd-rb-feedback" }, [el("label", { for: feedback.id, text: "Feedback bij dit criterium" }), feedback]),
    ]);
    return { criterion, fieldset, inputs: inputs.map((row) => row.querySelector("input")), feedback, saveFeedback };
  });

  const general = el("textarea", { id: `${base}-general`, rows: "3", maxlength: "20000" });
  const saveGeneral = debounce(() => save({ general: general.value }), 300);
  general.addEventListener("input", saveGeneral);
  general.addEventListener("blur", () => saveGeneral.flush());

  const result = el("div", { className: "jd-rb-result", role: "status", "aria-live": "polite" });
  const exportButton = el("button", { type: "button", className: "jd-button jd-primary", text: "Exporteer als JSON" });
  const printButton = el("button", { type: "button", className: "jd-button", text: "Printbaar formulier" });
  const clearButton = el("button", { type: "button", className: "jd-button", text: "Wis deze beoordeling…" });
  const confirmBox = el("div", { className: "jd-rb-confirm" });
  const status = el("p", { className: "jd-rb-status", role: "status", "aria-live": "polite" });
  const printArea = el("section", { className: "jd-rb-print", "aria-hidden": "true" });

  const header = el("div", { className: "jd-rb-header" }, [
    el("h3", { className: "jd-rb-title", text: rubric.title }),
    el("p", { text: rubric.description }),
    el("p", { className: "jd-hint", text: `${rubric.kind === "groep" ? "Groepsproduct" : "Individueel"} · Beoordeling: ${rubric.assessors}` }),
    el("p", {
      className: "jd-hint",
      text:
        `Het cijfer is het gewogen gemiddelde van de niveaus, afgerond op één decimaal (vanaf ,x5 naar boven). ` +
        `Voldoende vanaf ${formatGrade(PASS_MARK)}.`,
    }),
  ]);
  root.replaceChildren(
    el("div", { className: "jd-widget-rubric" }, [
      header,
      model.get("lecturer") ? modeBox : null,
      namesBox,
      ...rows.map((row) => row.fieldset),
      el("p", { className: "jd-rb-feedback" }, [el("label", { for: general.id, text: "Algemene feedback" }), general]),
      result,
      el("div", { className: "jd-actions" }, [exportButton, printButton, clearButton]),
      confirmBox,
      status,
      printArea,
    ]),
  );

  function show() {
    const current = scoring();
    const m = mode();
    for (const input of modeBox.querySelectorAll("input")) input.checked = input.value === m;
    namesBox.hidden = m !== "docent";
    if (document.activeElement !== studentInput) studentInput.value = model.get("student") || "";
    if (document.activeElement !== assessorInput) assessorInput.value = model.get("assessor") || "";
    for (const row of rows) {
      for (const input of row.inputs) input.checked = current.scores[row.criterion.id] === input.value;
      if (document.activeElement !== row.feedback) row.feedback.value = current.feedback[row.criterion.id] || "";
      row.fieldset.classList.toggle("jd-rb-done", Boolean(current.scores[row.criterion.id]));
    }
    if (document.activeElement !== general) general.value = current.general || "";
    const outcome = grade(rubric, current.scores);
    result.replaceChildren(
      el("p", { className: "jd-rb-grade", text: `${MODES[m]}: ${resultText(outcome, rubric)}` }),
      el("p", {
        className: "jd-hint",
        text: `${Object.keys(current.scores).length} van ${rubric.criteria.length} criteria gescoord.`,
      }),
    );
    result.classList.toggle("jd-right", outcome.ok && outcome.passed);
    result.classList.toggle("jd-wrong", outcome.ok && !outcome.passed);
  }

  function download() {
    const state = { student: model.get("student"), assessor: model.get("assessor"), zelf: model.get("zelf"), docent: model.get("docent") };
    const record = exportRecord(rubric, state, mode());
    const blob = new Blob([JSON.stringify(record, null, 2)], { type: "application/json" });
    const who = (record.student || "student").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 40);
    const link = el("a", { href: URL.createObjectURL(blob), download: `rubric-${rubric.id}-${record.mode}-${who}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status.textContent = `De ${MODES[record.mode].toLowerCase()} is geëxporteerd als JSON.`;
  }

  function fillPrintArea() {
    const current = scoring();
    const outcome = grade(rubric, current.scores);
    const table = el("table", {}, [
      el("caption", { text: `${rubric.title}: ${MODES[mode()].toLowerCase()}` }),
      el("thead", {}, [
        el("tr", {}, ["Criterium", "Gewicht", "Niveau", "Beschrijving", "Feedback"].map((t) => el("th", { scope: "col", text: t }))),
      ]),
      el(
        "tbody",
        {},
        rubric.criteria.map((c) => {
          const level = rubric.levels.find((l) => l.id === current.scores[c.id]);
          return el("tr", {}, [
            el("th", { scope: "row", text: `${c.title}${c.knockout ? " (knock-out)" : ""}` }),
            el("td", { text: `${c.weight}%` }),
            el("td", { text: level ? `${level.label} (${formatGrade(level.value)})` : "—" }),
            el("td", { text: level ? c.descriptors[level.id] : "" }),
            el("td", { text: current.feedback[c.id] || "" }),
          ]);
        }),
      ),
    ]);
    printArea.replaceChildren(
      el("h2", { text: `Beoordelingsformulier: ${rubric.title}` }),
      el("p", { text: `Student of groep: ${model.get("student") || "…………………………"}` }),
      el("p", { text: `Beoordelaar: ${mode() === "docent" ? model.get("assessor") || "…………………………" : "zelfbeoordeling"}` }),
      el("p", { text: `Datum: ${new Date().toLocaleDateString("nl-NL")}` }),
      table,
      el("p", { text: `Algemene feedback: ${current.general || ""}` }),
      el("p", { className: "jd-rb-print-grade", text: resultText(outcome, rubric) }),
      el("p", { text: "Handtekening beoordelaar: ……………………………………" }),
    );
  }

  function print() {
    fillPrintArea();
    status.textContent = "Het formulier staat klaar om af te drukken of als pdf te bewaren.";
    printOnly(printArea.cloneNode(true), "jd-widget-rubric");
  }

  function askClear() {
    const yes = el("button", { type: "button", className: "jd-button", text: `Ja, wis de ${MODES[mode()].toLowerCase()}` });
    const no = el("button", { type: "button", className: "jd-button jd-primary", text: "Nee, bewaren" });
    confirmBox.replaceChildren(el("p", { text: "Weet je het zeker? Exporteer eerst als je deze beoordeling wilt houden." }), el("div", { className: "jd-actions" }, [no, yes]));
    no.focus();
    no.addEventListener("click", () => {
      confirmBox.replaceChildren();
      clearButton.focus();
    });
    yes.addEventListener("click", () => {
      model.set(mode(), emptyScoring());
      model.save_changes();
      confirmBox.replaceChildren();
      status.textContent = "De beoordeling is gewist.";
      clearButton.focus();
    });
  }

  exportButton.addEventListener("click", download);
  printButton.addEventListener("click", print);
  clearButton.addEventListener("click", askClear);
  const stop = listen(model, {
    "change:mode": show,
    "change:zelf": show,
    "change:docent": show,
    "change:student": show,
    "change:assessor": show,
  });
  show();
  return () => {
    stop();
    for (const row of rows) row.saveFeedback.flush();
    saveGeneral.flush();
    saveNames.flush();
  };
}

/** The learner's work in words, for the portfolio. */
function summary(config, state) {
  const rubric = config.definition;
  const lines = [];
  for (const [mode, label] of Object.entries(MODES)) {
    const scoring = state[mode] || {};
    const scored = Object.keys(cleanScores(rubric, scoring.scores)).length;
    if (!scored) continue;
    const outcome = grade(rubric, cleanScores(rubric, scoring.scores));
    lines.push(
      outcome.ok
        ? `${label}: cijfer ${formatGrade(outcome.grade)}, ${outcome.passed ? "behaald" : "niet behaald"}`
        : `${label}: ${scored} van ${rubric.criteria.length} criteria gescoord`,
    );
    for (const criterion of rubric.criteria) {
      const level = rubric.levels.find((l) => l.id === scoring.scores?.[criterion.id]);
      const feedback = scoring.feedback?.[criterion.id];
      if (level) lines.push(`· ${criterion.title}: ${level.label}${feedback ? ` — ${feedback}` : ""}`);
    }
  }
  if (!lines.length) lines.push("Nog niets gescoord.");
  return { title: `Rubric: ${rubric.title}`, lines, done: done(config, state) };
}

export default { render, summary, grade, roundGrade, formatGrade, exportRecord, cleanScores };
