/**
 * Parts of the panels that the first screen shows too (the pad, the answer, the loss chart, the
 * 3-D view): one element, two places. It sits in the first screen while that is in view and in
 * its own panel otherwise, so the panel a student scrolled to is complete; an empty place keeps
 * its size, so nothing below it moves.
 */

/** createSlots(story, {observe}) -> {place(node, storySlot, homeSlot)}; a "slotmove" event tells the node it moved. */
export function createSlots(story, { observe = (el, fn) => new IntersectionObserver(fn, { rootMargin: "-60px 0px 0px 0px" }).observe(el) } = {}) {
  const parts = [];
  let inStory = true;

  function settle() {
    for (const { node, storySlot, homeSlot } of parts) {
      const target = inStory ? storySlot : homeSlot;
      if (node.parentElement === target) continue;
      target.append(node);
      target.classList.add("filled");
      (inStory ? homeSlot : storySlot).classList.remove("filled");
      node.dispatchEvent(new CustomEvent("slotmove", { detail: { inStory } }));
    }
  }

  observe(story, (entries) => {
    inStory = entries[entries.length - 1].isIntersecting;
    settle();
  });

  return {
    /** Show `node` in storySlot while the first screen is in view, else in homeSlot. */
    place(node, storySlot, homeSlot) {
      parts.push({ node, storySlot, homeSlot });
      settle();
    },
    get inStory() { return inStory; },
  };
}
