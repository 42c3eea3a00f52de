// Reflection prompt: free text, saved while the learner types, counted in the portfolio.
import { debounce, el, listen, uid } from "../_shared/ui.js";
import {
  done,
  words,
} from "./rules.js";

/**
 * @typedef Model
 * @property {string} prompt
 * @property {string|null} hint
 * @property {string} text
 */

const MAX_LENGTH = 20000;

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el: root }) {
  const id = uid("jd-refl");
  const hint = model.get("hint");
  const area = el("textarea", {
    id,
    rows: "6",
    maxlength: String(MAX_LENGTH),
    "aria-describedby": hint ? `${id}-hint ${id}-status` : `${id}-status`,
  });
  const status = el("p", { className: "jd-refl-status", id: `${id}-status` });
  root.replaceChildren(
    el("div", { className: "jd-widget-refl" }, [
      el("label", { for: id, className: "jd-refl-prompt", text: model.get("prompt") }),
      hint ? el("p", { className: "jd-hint", id: `${id}-hint`, text: hint }) : null,
      area,
      status,
    ]),
  );

  const describe = (savedAt) => {
    const count = words(area.value);
    const countText = count === 1 ? "1 woord" : `${count} woorden`;
    status.textContent = savedAt
      ? `${countText} · opgeslagen om ${savedAt.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}`
      : countText;
  };
  const save = debounce(() => {
    model.set("text", area.value);
    model.save_changes();
    describe(new Date());
  }, 400);
  area.value = model.get("text") || "";
  describe(null);
  area.addEventListener("input", () => {
    describe(null);
    save();
  });
  area.addEventListener("blur", () => save.flush());
  const onHide = () => save.flush();
  window.addEventListener("pagehide", onHide);

  const stop = listen(model, {
    "change:text": () => {
      const text = model.get("text") || "";
      if (text !== area.value && document.activeElement !== area) {
        area.value = text;
        describe(null);
      }
    },
  });
  return () => {
    save.flush();
    window.removeEventListener("pagehide", onHide);
    stop();
  };
}

/** The learner's work in words, for the portfolio. */
function summary(config, state) {
  const text = (state.text || "").trim();
  return { title: config.prompt, lines: [text || "(nog niets geschreven)"], done: done(config, state), text: true };
}

export default { render, summary };
