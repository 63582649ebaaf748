/** Weights picked in the Watch panel for the Roll-downhill plane: at most two {layer, index: [i, j]} of one layer. Pure. */

/** Okabe-Ito purple and green: apart from each other and from the blue/orange weight colours. */
export const PICK_COLOURS = ["#CC79A7", "#009E73"];

export const samePick = (a, b) => !!a && !!b && a.layer === b.layer && a.index[0] === b.index[0] && a.index[1] === b.index[1];

/** picks + a new pick -> the new list: the newest replaces the oldest; a pick in another layer starts a new pair. */
export function addPick(picks, pick) {
  const prev = (picks || []).filter((p) => p.layer === pick.layer);
  return [...prev.slice(-1), { layer: pick.layer, index: [pick.index[0], pick.index[1]] }];
}

/** Which pick (0 first, 1 second, -1 none) W_layer[i, j] is. */
export function pickOrder(picks, layer, i, j) {
  return (picks || []).findIndex((p) => samePick(p, { layer, index: [i, j] }));
}

/** Pixel index (row-major, side × side) under (x, y) in an element drawn w × h CSS px; -1 outside. */
export function pixelIndex(x, y, w, h, side = 28) {
  const col = Math.floor((x / w) * side), row = Math.floor((y / h) * side);
  return col < 0 || row < 0 || col >= side || row >= side ? -1 : row * side + col;
}

/** The caption under the diagram: "Picked: layer 1, w[406→0] and w[408→1]" in the page's language. */
export function describePicks(picks, t) {
  const list = picks || [];
  if (!list.length) return t("watch.pick.none");
  const w = (p) => `w[${p.index[0]}→${p.index[1]}]`;
  const l = list[0].layer + 1;
  if (list.length === 1) return t("watch.pick.one", { l, a: w(list[0]) });
  return t(samePick(list[0], list[1]) ? "watch.pick.same" : "watch.pick.two", { l, a: w(list[0]), b: w(list[1]) });
}
