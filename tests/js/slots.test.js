import { test } from "node:test";
import assert from "node:assert/strict";
import { createSlots } from "../../static/slots.js";

/** Just enough of a DOM element for slots.js: a parent, children, a class list, events. */
function node(name) {
  const el = { name, parentElement: null, children: [], events: [], classes: new Set() };
  el.append = (child) => {
    if (child.parentElement) child.parentElement.children = child.parentElement.children.filter((c) => c !== child);
    child.parentElement = el;
    el.children.push(child);
  };
  el.classList = { add: (c) => el.classes.add(c), remove: (c) => el.classes.delete(c) };
  el.dispatchEvent = (e) => el.events.push(e.type);
  return el;
}
globalThis.CustomEvent ??= class { constructor(type, init) { this.type = type; this.detail = init && init.detail; } };

test("a part sits on the first screen while it is in view and in its own panel otherwise", () => {
  let report = null;
  const slots = createSlots(node("story"), { observe: (_, fn) => { report = fn; } });
  const pad = node("pad");
  const storySlot = node("story-pad");
  const home = node("draw-home");
  home.append(pad);
  slots.place(pad, storySlot, home);
  assert.equal(pad.parentElement, storySlot, "the first screen is in view at the start");
  report([{ isIntersecting: false }]);
  assert.equal(pad.parentElement, home);
  assert.ok(home.classes.has("filled") && !storySlot.classes.has("filled"));
  report([{ isIntersecting: true }]);
  assert.equal(pad.parentElement, storySlot);
  assert.deepEqual(pad.events, ["slotmove", "slotmove", "slotmove"], "the part hears each move (charts resize)");
});
