// Knowledge check: one question, radio buttons (one answer) or checkboxes (several), feedback per option, retry.
import { el, listen, uid } from "../_shared/ui.js";
import {
  done,
  isRight,
} from "./rules.js";

/**
 * @typedef Model
 * @property {string} question
 * @property {boolean} multiple
 * @property {{text: string, correct: boolean, feedback: string}[]} options
 * @property {number[]} selected
 * @property {boolean} checked
 * @property {boolean|null} correct
 * @property {number} attempts
 */

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const name = uid("jd-kc");
  const options = model.get("options");
  const multiple = model.get("multiple");
  const legendId = uid("jd-kc-q");
  const inputs = options.map((option, i) =>
    el("input", { type: multiple ? "checkbox" : "radio", name, value: String(i), id: `${name}-${i}` }),
  );
  const rows = options.map((option, i) =>
    el("div", { className: "jd-kc-option" }, [
      inputs[i],
      el("label", { for: `${name}-${i}`, text: option.text }),
      el("div", { className: "jd-kc-feedback", id: `${name}-${i}-fb` }),
    ]),
  );
  const result = el("p", { className: "jd-kc-result", role: "status", "aria-live": "polite", tabIndex: -1 });
  const check = el("button", { type: "button", className: "jd-button jd-primary", text: "Controleer" });
  const retry = el("button", { type: "button", className: "jd-button", text: "Opnieuw proberen" });
  const answer = el("button", { type: "button", className: "jd-button", text: "Toon het juiste antwoord" });
  // The full answer shows after a right answer, or when asked for after two tries (a retry should still teach).
  const REVEAL_AFTER = 2;
  let revealed = false;
  const form = el("fieldset", { className: "jd-kc", "aria-describedby": `${legendId}-hint` }, [
    el("legend", { id: legendId, text: model.get("question") }),
    el("p", {
      className: "jd-hint",
      id: `${legendId}-hint`,
      text: multiple ? "Kies alle juiste antwoorden." : "Kies één antwoord.",
    }),
    ...rows,
    el("div", { className: "jd-actions" }, [check, retry, answer]),
    result,
  ]);
  root.replaceChildren(el("div", { className: "jd-widget-kc" }, [form]));

  const selection = () => inputs.flatMap((input, i) => (input.checked ? [i] : []));

  function show() {
    const selected = new Set(model.get("selected") || []);
    const checked = model.get("checked");
    const reveal = checked && (model.get("correct") === true || revealed);
    inputs.forEach((input, i) => {
      input.checked = selected.has(i);
      input.disabled = checked;
      const feedback = rows[i].querySelector(".jd-kc-feedback");
      const shown = checked && (selected.has(i) || (reveal && options[i].correct));
      rows[i].classList.toggle("jd-right", shown && options[i].correct);
      rows[i].classList.toggle("jd-wrong", shown && !options[i].correct);
      if (shown) {
        const mark = options[i].correct ? (selected.has(i) ? "✓ Juist. " : "○ Ook juist, niet gekozen. ") : "✗ Onjuist. ";
        feedback.textContent = mark + options[i].feedback;
        input.setAttribute("aria-describedby", feedback.id);
      } else {
        feedback.textContent = "";
        input.removeAttribute("aria-describedby");
      }
    });
    check.hidden = checked;
    retry.hidden = !checked;
    const right = model.get("correct");
    answer.hidden = !checked || right === true || revealed || (model.get("attempts") || 0) < REVEAL_AFTER;
    result.textContent = !checked
      ? ""
      : right
        ? "✓ Goed gedaan! Lees de toelichting bij je antwoord."
        : revealed
          ? "✗ Nog niet goed. Hierboven staat nu het juiste antwoord met de toelichting."
          : "✗ Nog niet goed. Lees de toelichting en probeer het opnieuw.";
    result.classList.toggle("jd-right", checked && right === true);
    result.classList.toggle("jd-wrong", checked && right === false);
  }

  check.addEventListener("click", () => {
    const selected = selection();
    if (selected.length === 0) {
      result.textContent = "Kies eerst een antwoord.";
      return;
    }
    model.set("selected", selected);
    model.set("correct", isRight(options, selected));
    model.set("attempts", (model.get("attempts") || 0) + 1);
    model.set("checked", true);
    model.save_changes();
    result.focus(); // the button just pressed is hidden now; the result is what to read next
  });
  answer.addEventListener("click", () => {
    revealed = true;
    show();
    result.focus();
  });
  retry.addEventListener("click", () => {
    revealed = false;
    model.set("checked", false);
    model.set("correct", null);
    model.set("selected", []);
    model.save_changes();
    inputs[0].focus();
  });
  for (const input of inputs) {
    input.addEventListener("change", () => {
      if (!model.get("checked")) {
        model.set("selected", selection());
        model.save_changes();
      }
    });
  }

  const stop = listen(model, { "change:selected": show, "change:checked": show, "change:correct": show });
  show();
  return stop;
}

/** The learner's work in words, for the portfolio. */
function summary(config, state) {
  const chosen = (state.selected || []).map((i) => config.options?.[i]?.text).filter(Boolean);
  return {
    title: config.question,
    lines: [
      `Gekozen: ${chosen.length ? chosen.join("; ") : "nog niets"}`,
      state.checked ? (state.correct ? "Resultaat: juist" : "Resultaat: nog niet juist") : "Nog niet gecontroleerd",
      `Pogingen: ${state.attempts || 0}`,
    ],
    done: done(config, state),
  };
}

export default { render, summary };
