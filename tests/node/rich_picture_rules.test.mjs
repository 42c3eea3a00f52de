// The rich picture's canvas rules that only JavaScript has: placement in free space and the wording of a place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { directionWord, freeSpot, joinWords, overlaps, relativePlace } from "../../src/jeugddomein/widgets/rich_picture/rules.js";

const scene = (elements) => ({ format: "jeugddomein-rich-picture", version: 2, title: "t", elements, relations: [] });
const actor = (id, label, x, y) => ({ id, kind: "actor", pictogram: "kind", label, x, y });

test("freeSpot keeps the spot asked for when it is free", () => {
  assert.deepEqual(freeSpot([], { w: 60, h: 60 }, { x: 10, y: 20 }), { x: 10, y: 20 });
});

test("freeSpot never stacks: eight boxes placed near one point do not overlap", () => {
  const placed = [];
  for (let i = 0; i < 8; i += 1) {
    const spot = freeSpot(placed, { w: 60, h: 70 }, { x: 0, y: 0 });
    placed.push({ x: spot.x - 30, y: spot.y - 35, w: 60, h: 70 });
  }
  for (const [i, a] of placed.entries()) for (const b of placed.slice(i + 1)) assert.equal(overlaps(a, b), false);
  // and they stay near: within a few rings of the point asked for
  for (const b of placed) assert.ok(Math.hypot(b.x + 30, b.y + 35) < 250, JSON.stringify(b));
});

test("freeSpot first tries to the right of a taken spot", () => {
  const spot = freeSpot([{ x: -30, y: -30, w: 60, h: 60 }], { w: 60, h: 60 }, { x: 0, y: 0 }, { gap: 10, step: 40 });
  assert.equal(spot.y, 0);
  assert.ok(spot.x >= 70);
});

test("directionWord names the side and the diagonal", () => {
  assert.equal(directionWord(-100, 10), "links van");
  assert.equal(directionWord(100, -10), "rechts van");
  assert.equal(directionWord(5, -100), "boven");
  assert.equal(directionWord(5, 100), "onder");
  assert.equal(directionWord(-80, -70), "linksboven");
  assert.equal(directionWord(80, 70), "rechtsonder");
});

test("joinWords writes a Dutch list", () => {
  assert.equal(joinWords(["A"]), "A");
  assert.equal(joinWords(["A", "B"]), "A en B");
  assert.equal(joinWords(["A", "B", "C"]), "A, B en C");
});

test("relativePlace speaks of the nearest neighbour and the boundaries, never of coordinates", () => {
  const s = scene([
    { id: "g", kind: "boundary", label: "Thuis", x: -300, y: -200, width: 500, height: 400 },
    actor("daan", "Daan", 0, 0),
    actor("ouders", "Ouders", -177, -21),
    actor("bram", "Meester Bram", 600, 0),
  ]);
  assert.equal(relativePlace(s, "ouders"), "Ouders staat nu links van Daan, in de grens Thuis.");
  assert.equal(relativePlace(s, "bram"), "Meester Bram staat nu rechts van Daan, buiten elke grens.");
  assert.equal(relativePlace(s, "g"), "Grens Thuis omvat nu Daan en Ouders.");
  assert.equal(relativePlace(scene([actor("a", "Alleen", 0, 0)]), "a"), "Alleen staat alleen op het tekenvlak.");
  assert.doesNotMatch(relativePlace(s, "ouders"), /\d/);
});
