// Small DOM helpers shared by the widget modules (inlined into each module for Jupyter's blob URLs).

let uidCounter = 0;

/** A unique id for label/aria wiring inside one page. */
export function uid(prefix) {
  uidCounter += 1;
  return `${prefix}-${uidCounter}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Create an element. Text always goes in through textContent, never as HTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props] attributes; `text` sets textContent, `on` maps events to handlers
 * @param {Array<Node|string|null|false|undefined>} [children]
 * @returns {HTMLElementTagNameMap[K]} the element type of `tag`, e.g. HTMLInputElement for "input"
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key === "className") node.className = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === false || child === undefined) continue;
    node.append(child);
  }
  return node;
}

/** Subscribe to model events and return one function that removes them all (for render's cleanup). */
export function listen(model, handlers) {
  for (const [event, handler] of Object.entries(handlers)) model.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) model.off(event, handler);
  };
}

/** Run `fn` at most once per `ms`, after the last call; `flush` runs a pending call now. */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  debounced.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      fn();
    }
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/**
 * Print only `content`: it goes into a sheet directly under <body> (with the widget's root class, so its scoped
 * styles apply), every other child of <body> is left out of the print with display: none (so it takes no pages,
 * unlike visibility: hidden), and the sheet goes away after printing. The rule lives in the site's stylesheet and
 * in every widget's stylesheet (`html.jd-print-sheet-mode`).
 * @param {Node} content
 * @param {string} rootClass e.g. "jd-widget-rubric"
 */
export function printOnly(content, rootClass) {
  const sheet = el("div", { className: `jd-print-sheet ${rootClass}` }, [content]);
  const html = document.documentElement;
  document.body.append(sheet);
  html.classList.add("jd-print-sheet-mode");
  const done = () => {
    sheet.remove();
    html.classList.remove("jd-print-sheet-mode");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

let watching = false;
/** Which presses are held: a pointer (pointerdown to pointerup) and a mouse button (mousedown to mouseup). */
const held = { pointer: false, mouse: false };
/** @type {Array<() => void>} */
let afterPress = [];

/** Whether a press is under way anywhere in the page. */
function pressing() {
  return held.pointer || held.mouse;
}

/**
 * Follow the presses in the page (installed once). A mouse button's mousedown comes with its pointerdown; a finger's
 * tap moves the focus only at the mousedown the browser sends after the finger has lifted, so a press lasts until
 * both have ended.
 */
function watchPresses() {
  if (watching) return;
  watching = true;
  /** @param {"pointer" | "mouse"} kind @param {boolean} down */
  const track = (kind, down) => () => {
    held[kind] = down;
    if (pressing() || !afterPress.length) return;
    const runs = afterPress;
    afterPress = [];
    // After the click this press makes: the browser sends it in the same task as the mouseup.
    setTimeout(() => runs.forEach((run) => run()), 0);
  };
  window.addEventListener("pointerdown", track("pointer", true), true);
  window.addEventListener("pointerup", track("pointer", false), true);
  window.addEventListener("pointercancel", track("pointer", false), true);
  window.addEventListener("mousedown", track("mouse", true), true);
  window.addEventListener("mouseup", track("mouse", false), true);
}

/**
 * Listen for a text field's committed change (on blur or Enter) and run `handler` when no press is under way.
 * Leaving a field by pressing a button fires the field's change while the press is under way (between the mouse's
 * pointerdown and pointerup, or between the mousedown and mouseup of a finger's tap); a handler that redraws would
 * then put a new button under the pointer and the browser would send the click to neither. Such a change is handled
 * once the press has ended and its click has done its work.
 * @param {HTMLElement} field
 * @param {(event: Event) => void} handler
 */
export function onCommit(field, handler) {
  watchPresses();
  field.addEventListener("change", (event) => afterAnyPress(() => handler(event)));
}

/**
 * Listen for a field losing the focus: `handler` runs at once (to close the field), and the work it returns (saving,
 * which redraws) runs when no press is under way, as onCommit does for a change. Run later as a whole, the handler
 * could close the field again after the press's click had opened it for something new.
 * @param {HTMLElement} field
 * @param {(event: FocusEvent) => (() => void) | null} handler
 */
export function onLeave(field, handler) {
  watchPresses();
  field.addEventListener("blur", (event) => {
    const work = handler(event);
    if (work) afterAnyPress(work);
  });
}

/** @param {() => void} run */
function afterAnyPress(run) {
  if (pressing()) afterPress.push(run);
  else run();
}
