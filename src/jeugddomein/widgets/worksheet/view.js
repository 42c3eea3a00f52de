// Worksheet: a practice tool to fill in (a preparation sheet, a lesson plan, a checklist). Answers are saved while
// the learner types and go into the portfolio and its print. Every control is a native form element with a label,
// grouped in fieldsets, so the whole sheet works with the keyboard alone. Printed, the typed text replaces the boxes.
import { debounce, el, listen, uid } from "../_shared/ui.js";
import { answerMaps, CHOICES, done, progress, summaryLines } from "./rules.js";

/**
 * @typedef Field
 * @property {string} id
 * @property {"kort"|"lang"|"afvinklijst"|"ja-nee-nvt"} kind
 * @property {string} label
 * @property {string|null} hint
 * @property {boolean} required
 * @property {{id: string, text: string}[]} items
 * @property {boolean|null} notes
 *
 * @typedef Section
 * @property {string} title
 * @property {string|null} intro
 * @property {Field[]} fields
 *
 * @typedef Model
 * @property {string} worksheet
 * @property {string} title
 * @property {string} intro
 * @property {Section[]} sections
 * @property {{id: string, text: string}[]} texts
 * @property {{id: string, value: string}[]} choices
 * @property {{id: string, checked: boolean, note: string}[]} items
 *
 * @typedef Control a rendered field part: shows the answers (`sync`) or writes what it shows back (`commit`)
 * @property {() => void} sync
 * @property {() => void} commit
 * @property {() => boolean} focused
 */

/** Longest answer in a short field, a long field and a note (the state model allows these). */
const SHORT_MAX = 300;
const LONG_MAX = 20000;
const NOTE_MAX = 1000;

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const base = uid("jd-ws");
  const sections = model.get("sections") || [];
  const config = { sections };
  const readState = () => ({ texts: model.get("texts"), choices: model.get("choices"), items: model.get("items") });
  let maps = answerMaps(readState());
  /** @type {Control[]} */
  const controls = [];
  let writing = false;

  const readAnswers = () => ({
    texts: [...maps.texts.values()],
    choices: [...maps.choices.values()],
    items: [...maps.items.values()],
  });
  const status = el("p", { className: "jd-ws-status", id: `${base}-status` });
  const describe = (savedAt) => {
    const answers = readAnswers();
    const counts = progress(config, answers);
    let text = `Ingevuld: ${counts.answered} van ${counts.fields} velden`;
    if (counts.required) text += ` · verplicht: ${counts.complete} van ${counts.required}`;
    if (done(config, answers)) text += " · af";
    if (savedAt) {
      text += ` · opgeslagen om ${savedAt.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}`;
    }
    status.textContent = text;
  };
  const save = debounce(() => {
    const answers = readAnswers();
    writing = true;
    try {
      model.set("texts", answers.texts);
      model.set("choices", answers.choices);
      model.set("items", answers.items);
    } finally {
      writing = false;
    }
    model.save_changes();
    describe(new Date());
  }, 400);
  const saveNow = () => {
    save();
    save.flush();
  };

  const setText = (id, text) => {
    if (text) maps.texts.set(id, { id, text });
    else maps.texts.delete(id);
  };
  const setItem = (id, change) => {
    const next = { id, checked: false, note: "", ...maps.items.get(id), ...change };
    if (next.checked || next.note) maps.items.set(id, next);
    else maps.items.delete(id);
  };

  /** A text box (input or textarea) with a print copy of its text; `read`/`write` connect it to the answers. */
  function textBox(box, read, write) {
    const copy = el("div", { className: "jd-ws-print" });
    const show = () => {
      box.value = read();
      copy.textContent = box.value;
    };
    show();
    box.addEventListener("input", () => {
      copy.textContent = box.value;
      write(box.value);
      describe(null);
      save();
    });
    box.addEventListener("blur", () => save.flush());
    controls.push({ sync: show, commit: () => write(box.value), focused: () => document.activeElement === box });
    return copy;
  }

  function required(field) {
    return field.required ? el("span", { className: "jd-ws-required", text: " (verplicht)" }) : null;
  }

  function hint(field, id) {
    return field.hint ? el("p", { className: "jd-hint jd-ws-hint", id, text: field.hint }) : null;
  }

  /** @param {Field} field */
  function textField(field) {
    const id = `${base}-${field.id}`;
    const long = field.kind === "lang";
    const box = long
      ? el("textarea", { id, rows: "4", maxlength: String(LONG_MAX) })
      : el("input", { type: "text", id, maxlength: String(SHORT_MAX), autocomplete: "off" });
    if (field.hint) box.setAttribute("aria-describedby", `${id}-hint`);
    if (field.required) box.setAttribute("aria-required", "true");
    const copy = textBox(box, () => maps.texts.get(field.id)?.text || "", (text) => setText(field.id, text));
    return el("div", { className: `jd-ws-field jd-ws-${field.kind}` }, [
      el("label", { for: id, className: "jd-ws-label" }, [field.label, required(field)]),
      hint(field, `${id}-hint`),
      box,
      copy,
    ]);
  }

  /** @param {Field} field */
  function choiceField(field) {
    const name = `${base}-${field.id}`;
    const radios = Object.entries(CHOICES).map(([value, text]) => {
      const radio = el("input", { type: "radio", name, id: `${name}-${value}`, value });
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        maps.choices.set(field.id, { id: field.id, value });
        describe(null);
        saveNow();
      });
      return { radio, option: el("span", { className: "jd-ws-option" }, [radio, el("label", { for: radio.id, text })]) };
    });
    const show = () => {
      const value = maps.choices.get(field.id)?.value;
      for (const { radio } of radios) radio.checked = radio.value === value;
    };
    show();
    controls.push({
      sync: show,
      commit: () => {
        const chosen = radios.find(({ radio }) => radio.checked);
        if (chosen) maps.choices.set(field.id, { id: field.id, value: chosen.radio.value });
      },
      focused: () => radios.some(({ radio }) => document.activeElement === radio),
    });
    return el("fieldset", { className: "jd-ws-field jd-ws-choice", "aria-describedby": field.hint ? `${name}-hint` : null }, [
      el("legend", { className: "jd-ws-label" }, [field.label, required(field)]),
      hint(field, `${name}-hint`),
      el("div", { className: "jd-ws-options" }, radios.map(({ option }) => option)),
    ]);
  }

  /** @param {Field} field */
  function checklistField(field) {
    const name = `${base}-${field.id}`;
    const rows = field.items.map((point) => {
      const id = `${base}-${point.id}`;
      const box = el("input", { type: "checkbox", id });
      const show = () => {
        box.checked = Boolean(maps.items.get(point.id)?.checked);
      };
      show();
      box.addEventListener("change", () => {
        setItem(point.id, { checked: box.checked });
        describe(null);
        saveNow();
      });
      controls.push({
        sync: show,
        commit: () => setItem(point.id, { checked: box.checked }),
        focused: () => document.activeElement === box,
      });
      const parts = [el("div", { className: "jd-ws-check" }, [box, el("label", { for: id, text: point.text })])];
      if (field.notes !== false) {
        const note = el("input", { type: "text", id: `${id}-note`, maxlength: String(NOTE_MAX), autocomplete: "off" });
        const copy = textBox(note, () => maps.items.get(point.id)?.note || "", (text) => setItem(point.id, { note: text }));
        parts.push(
          el("div", { className: "jd-ws-note" }, [
            el("label", { for: note.id }, ["Notitie", el("span", { className: "jd-ws-sr", text: ` bij: ${point.text}` })]),
            note,
            copy,
          ]),
        );
      }
      return el("li", {}, parts);
    });
    return el("fieldset", { className: "jd-ws-field jd-ws-list", "aria-describedby": field.hint ? `${name}-hint` : null }, [
      el("legend", { className: "jd-ws-label" }, [field.label, required(field)]),
      hint(field, `${name}-hint`),
      el("ul", {}, rows),
    ]);
  }

  const FIELD_VIEWS = { kort: textField, lang: textField, "ja-nee-nvt": choiceField, afvinklijst: checklistField };

  root.replaceChildren(
    el("div", { className: "jd-widget-ws" }, [
      el("p", { className: "jd-ws-title", text: model.get("title") }),
      el("p", { className: "jd-ws-intro", text: model.get("intro") }),
      el("p", {
        className: "jd-hint jd-ws-how",
        text: "Je antwoorden worden bewaard terwijl je typt, alleen in deze browser, en komen in je portfolio. Velden met '(verplicht)' moeten ingevuld zijn voordat het werkblad af is.",
      }),
      ...sections.map((section) =>
        el("fieldset", { className: "jd-ws-section" }, [
          el("legend", { text: section.title }),
          section.intro ? el("p", { className: "jd-ws-section-intro", text: section.intro }) : null,
          ...section.fields.map((field) => FIELD_VIEWS[field.kind]?.(field) ?? null),
        ]),
      ),
      status,
    ]),
  );
  describe(null);

  const onHide = () => save.flush();
  window.addEventListener("pagehide", onHide);
  const refresh = () => {
    if (writing) return;
    maps = answerMaps(readState());
    for (const control of controls) {
      if (control.focused()) control.commit();
      else control.sync();
    }
    describe(null);
  };
  const stop = listen(model, { "change:texts": refresh, "change:choices": refresh, "change:items": refresh });
  return () => {
    save.flush();
    window.removeEventListener("pagehide", onHide);
    stop();
  };
}

/** The learner's work in words, for the portfolio and its print: every filled-in field is one line. */
function summary(config, state) {
  return { title: `Werkblad: ${config.title}`, lines: summaryLines(config, state), done: done(config, state) };
}

export default { render, summary };
