"""The static-site host follows anywidget's semantics: handler arguments, equal values, off, render's cleanup."""

from __future__ import annotations

from tests.browser.helpers import store_key
from tests.conftest import open_page, wait_for_widgets

CHAPTER = "chapters/01-jeugddomein/index.html"
REFLECTION = "jeugddomein-refl-actoren"
HOST = "/_static/jeugddomein/host.js"


def test_model_semantics_follow_anywidget(page, base_url):
    open_page(page, base_url, CHAPTER)
    result = page.evaluate(
        """async (url) => {
          const { createModel } = await import(url);
          const writes = [];
          const store = { read: () => null, write: (id, record) => writes.push(record), subscribe: () => () => {},
                          ids: () => [] };
          const { model } = createModel({ store, id: "x", widget: "reflection", page: "p",
                                          config: { prompt: "?" }, defaults: { text: "" } });
          const calls = [];
          const onText = (...args) => calls.push(["text", args[0] === model, args[1]]);
          model.on("change:text", onText);
          model.on("change", (...args) => calls.push(["any", args[0] === model]));
          model.set("text", "een");
          model.set("text", "een");                 // equal: nothing fires
          model.set("list", [1, { a: 2 }]);
          const before = calls.length;
          model.set("list", [1, { a: 2 }]);         // a deep-equal copy: nothing fires
          const equalFired = calls.length - before;
          model.off("change:text", onText);
          model.set("text", "twee");                 // only the generic handler is left
          model.off();
          model.set("text", "drie");                 // no handlers at all
          model.save_changes();
          return { calls, equalFired, writes };
        }""",
        base_url.rstrip("/") + HOST,
    )
    assert result["calls"][:2] == [["text", True, "een"], ["any", True]]
    assert result["equalFired"] == 0
    assert result["calls"][-1] == ["any", True] and ["text", True, "twee"] not in result["calls"]
    assert len(result["calls"]) == 4  # een (2), list (1), twee (generic only)
    assert result["writes"] == [{"widget": "reflection", "page": "p", "state": {"text": "drie"}}]


def test_unmount_runs_the_views_cleanup_and_a_second_mount_shows_the_saved_work(page, base_url):
    open_page(page, base_url, CHAPTER)
    wait_for_widgets(page)
    holder = f'.jd-widget[data-widget-id="{REFLECTION}"]'
    page.locator(f"{holder} textarea").fill("Dit blijft staan, ook na opnieuw tekenen.")
    page.locator(f"{holder} textarea").blur()
    page.wait_for_function(f"() => localStorage.getItem('{store_key(REFLECTION)}') !== null")
    outcome = page.evaluate(
        """async ([url, selector]) => {
          const { mount, unmount } = await import(url);
          const { store } = await import(new URL("runtime.js", url).href);
          const holder = document.querySelector(selector);
          const removed = unmount(holder);
          const afterUnmount = holder.querySelector(".jd-widget-live");
          const again = unmount(holder);
          await mount(holder, store);
          return { removed, afterUnmount, again, text: holder.querySelector("textarea").value,
                   views: holder.querySelectorAll(".jd-widget-live").length };
        }""",
        [base_url.rstrip("/") + HOST, holder],
    )
    assert outcome == {
        "removed": True,
        "afterUnmount": None,
        "again": False,
        "text": "Dit blijft staan, ook na opnieuw tekenen.",
        "views": 1,
    }
