// The learner store: every widget placement's work in localStorage, one key per placement.
// Keys: jd:<course>:w:<widget-id>. Unreadable data is moved to jd:<course>:backup:<widget-id>:<time>, never dropped.
// The learner's name (set on "Mijn portfolio", used in exports and prints) is kept under jd:<course>:learner.

export const STORE_FORMAT = 2;

// Each migration turns a record of format n into format n + 1.
const MIGRATIONS = {
  // Format 1 kept only the state and a millisecond time stamp.
  1: (record) => ({
    v: 2,
    widget: record.widget || "",
    page: record.page || "",
    updated: new Date(typeof record.saved === "number" ? record.saved : Date.now()).toISOString(),
    state: record.state,
  }),
};

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Check a record's shape after migration; returns a Dutch reason or "". */
function problemWith(record) {
  if (!isPlainObject(record)) return "geen geldig opgeslagen object";
  if (record.v !== STORE_FORMAT) return `onbekende opslagversie ${record.v}`;
  if (!isPlainObject(record.state)) return "de opgeslagen toestand ontbreekt";
  if (typeof record.updated !== "string" || Number.isNaN(Date.parse(record.updated))) return "datum ontbreekt";
  return "";
}

function browserStorage() {
  try {
    const storage = window.localStorage;
    const probe = "jd:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export class LearnerStore {
  /**
   * @param {{course: string, storage?: Storage|null}} options
   */
  constructor({ course, storage }) {
    this.course = course;
    this.storage = storage === undefined ? browserStorage() : storage;
    this.memory = new Map(); // work kept for this session when the browser refuses to store it
    this.persistent = this.storage !== null;
    this.problems = [];
    this.listeners = new Set();
    this.problemListeners = new Set();
    this.nameListeners = new Set();
    this.memoryName = ""; // the name for this session when the browser refuses to store it
    if (!this.persistent) this.problems.push({ kind: "unavailable" });
    if (typeof window !== "undefined") {
      window.addEventListener("storage", (event) => this.#onStorage(event));
    }
  }

  get prefix() {
    return `jd:${this.course}:`;
  }

  keyFor(id) {
    return `${this.prefix}w:${id}`;
  }

  /** Read one placement's record, migrating older formats; unreadable data is backed up and reported. */
  read(id) {
    if (this.memory.has(id)) return this.memory.get(id);
    if (!this.storage) return null;
    const key = this.keyFor(id);
    const raw = this.storage.getItem(key);
    if (raw === null) return null;
    let record;
    try {
      record = JSON.parse(raw);
      while (isPlainObject(record) && typeof record.v === "number" && record.v < STORE_FORMAT && MIGRATIONS[record.v]) {
        record = MIGRATIONS[record.v](record);
      }
    } catch {
      record = undefined;
    }
    const reason = record === undefined ? "de gegevens zijn beschadigd (geen geldige JSON)" : problemWith(record);
    if (reason) {
      this.#setAside(id, key, raw, reason);
      return null;
    }
    if (raw !== JSON.stringify(record)) this.#put(key, record);
    return record;
  }

  /** Save a placement's state now. Returns true when it is stored in the browser. */
  write(id, { widget, page, state }) {
    return this.put(id, { widget, page, updated: new Date().toISOString(), state });
  }

  /** Store work with a known time stamp (an import). Returns true when it is stored in the browser. */
  put(id, { widget, page, updated, state }) {
    const record = { v: STORE_FORMAT, widget, page: page || "", updated, state };
    if (this.#put(this.keyFor(id), record)) {
      this.memory.delete(id);
      return true;
    }
    this.memory.set(id, record);
    return false;
  }

  /** The ids of every exercise with stored work (without reading the records). */
  ids() {
    const found = new Set(this.memory.keys());
    if (this.storage) {
      const marker = `${this.prefix}w:`;
      for (let i = 0; i < this.storage.length; i += 1) {
        const key = this.storage.key(i);
        if (key && key.startsWith(marker)) found.add(key.slice(marker.length));
      }
    }
    return [...found];
  }

  /** Every stored record of this course, keyed by widget id. */
  all() {
    const records = new Map();
    if (this.storage) {
      const marker = `${this.prefix}w:`;
      const keys = [];
      for (let i = 0; i < this.storage.length; i += 1) keys.push(this.storage.key(i));
      for (const key of keys) {
        if (key && key.startsWith(marker)) {
          const id = key.slice(marker.length);
          const record = this.read(id);
          if (record) records.set(id, record);
        }
      }
    }
    for (const [id, record] of this.memory) records.set(id, record);
    return records;
  }

  /** Keys under which unreadable data was kept aside. */
  backups() {
    if (!this.storage) return [];
    const out = [];
    for (let i = 0; i < this.storage.length; i += 1) {
      const key = this.storage.key(i);
      if (key && key.startsWith(`${this.prefix}backup:`)) out.push(key);
    }
    return out.sort();
  }

  /** Remove all of this course's work (after the learner confirmed). Backups stay. */
  clear() {
    this.memory.clear();
    if (!this.storage) return;
    const marker = `${this.prefix}w:`;
    const keys = [];
    for (let i = 0; i < this.storage.length; i += 1) keys.push(this.storage.key(i));
    for (const key of keys) if (key && key.startsWith(marker)) this.storage.removeItem(key);
  }

  /** The learner's name as set on "Mijn portfolio" ("" when not set). */
  learnerName() {
    try {
      const stored = this.storage?.getItem(`${this.prefix}learner`);
      if (stored) return stored;
    } catch {
      // Storage refused: the name of this visit.
    }
    return this.memoryName;
  }

  /** Keep the learner's name ("" removes it) and tell every `onLearnerName` listener in this tab. */
  setLearnerName(value) {
    const name = String(value).trim();
    this.memoryName = name;
    try {
      if (name) this.storage?.setItem(`${this.prefix}learner`, name);
      else this.storage?.removeItem(`${this.prefix}learner`);
    } catch {
      // Storage refused: the name stays for this visit.
    }
    for (const listener of this.nameListeners) listener(name);
  }

  /** Call `listener(name)` when the learner's name changes, in this tab or another. Returns an unsubscribe function. */
  onLearnerName(listener) {
    this.nameListeners.add(listener);
    return () => this.nameListeners.delete(listener);
  }

  /** Call `listener(id, record)` when another tab changes a placement. Returns an unsubscribe function. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call `listener(problem)` for every problem, also those found before subscribing. */
  onProblem(listener) {
    for (const problem of this.problems) listener(problem);
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  #report(problem) {
    this.problems.push(problem);
    for (const listener of this.problemListeners) listener(problem);
  }

  #put(key, record) {
    if (!this.storage) return false;
    try {
      this.storage.setItem(key, JSON.stringify(record));
      return true;
    } catch {
      if (this.persistent) {
        this.persistent = false;
        this.#report({ kind: "unavailable" });
      }
      return false;
    }
  }

  #setAside(id, key, raw, reason) {
    const backupKey = `${this.prefix}backup:${id}:${Date.now()}`;
    try {
      this.storage.setItem(backupKey, raw);
      this.storage.removeItem(key);
    } catch {
      // Could not copy: leave the original bytes where they are, untouched.
    }
    this.#report({ kind: "corrupt", id, backupKey, reason });
  }

  #onStorage(event) {
    if (event.key === `${this.prefix}learner`) {
      this.memoryName = event.newValue || "";
      for (const listener of this.nameListeners) listener(this.memoryName);
      return;
    }
    const marker = `${this.prefix}w:`;
    if (!event.key || !event.key.startsWith(marker)) return;
    const id = event.key.slice(marker.length);
    const record = event.newValue === null ? null : this.read(id);
    for (const listener of this.listeners) listener(id, record);
  }
}
