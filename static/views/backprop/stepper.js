/**
 * The order a student walks a traced pass in: the operations of `graph.forward` one by one,
 * then those of `graph.backward` one by one (loss first), then the update. A position is
 * {f, b, updated}: how many forward and backward steps are shown. Pure.
 */

export const START = Object.freeze({ f: 0, b: 0, updated: false });

const counts = (graph) => [graph.forward.length, graph.backward.length];

/** The position after one more step (forward until done, then backward); unchanged at the end. */
export function next(pos, graph) {
  const [F, B] = counts(graph);
  if (pos.updated) return pos;
  if (pos.f < F) return { ...pos, f: pos.f + 1 };
  if (pos.b < B) return { ...pos, b: pos.b + 1 };
  return pos;
}

/** One step back (an update cannot be taken back: the weights have moved). */
export function prev(pos) {
  if (pos.updated) return pos;
  if (pos.b > 0) return { ...pos, b: pos.b - 1 };
  if (pos.f > 0) return { ...pos, f: pos.f - 1 };
  return pos;
}

/** Both passes shown at once. */
export function whole(pos, graph) {
  const [F, B] = counts(graph);
  return pos.updated ? pos : { ...pos, f: F, b: B };
}

/** "start" | "forward" | "backward" | "done" (both passes shown) | "updated". */
export function phase(pos, graph) {
  const [F, B] = counts(graph);
  if (pos.updated) return "updated";
  if (pos.f === 0) return "start";
  if (pos.f < F) return "forward";
  if (pos.b === 0) return "forward-done";
  return pos.b < B ? "backward" : "done";
}

export const canUpdate = (pos, graph) => phase(pos, graph) === "done";

/** The node the last step reached: {dir: "forward"|"backward", id}, or null before the first step. */
export function current(pos, graph) {
  if (pos.b > 0) return { dir: "backward", id: graph.backward[pos.b - 1] };
  if (pos.f > 0) return { dir: "forward", id: graph.forward[pos.f - 1] };
  return null;
}

/** id -> [{node, edge}]: the operations that read each node (its consumers), in graph order. */
export function consumers(graph) {
  const out = {};
  for (const node of graph.nodes) out[node.id] = [];
  for (const node of graph.nodes) for (const edge of node.inputs || []) out[edge.from].push({ node, edge });
  return out;
}

/**
 * What the page may show at `pos`, per node: {value, grad} booleans. Leaves (x, w, b, t) have
 * their values from the start; an operation's value once the forward pass reached it. An
 * operation's gradient once the backward pass reached it; a leaf's once every operation that
 * sends it a gradient has been reached (its upstream is then the sum of what they sent).
 */
export function visible(pos, graph) {
  const done = new Set(graph.forward.slice(0, pos.f));
  const back = new Set(graph.backward.slice(0, pos.b));
  const readers = consumers(graph);
  const out = {};
  for (const node of graph.nodes) {
    const leaf = !node.inputs;
    const senders = readers[node.id].filter(({ edge }) => edge.downstream !== null);
    const grad = node.upstream !== null && (leaf ? senders.length > 0 && senders.every(({ node: c }) => back.has(c.id)) : back.has(node.id));
    out[node.id] = { value: leaf || done.has(node.id), grad };
  }
  return out;
}

/** Per edge id "from>to": "forward" (into the node just computed), "backward" (out of the node just
 * differentiated), "done" (its gradient has passed), or "" (nothing yet). */
export function edgeStates(pos, graph) {
  const cur = current(pos, graph);
  const back = new Set(graph.backward.slice(0, pos.b));
  const out = {};
  for (const node of graph.nodes) {
    for (const edge of node.inputs || []) {
      const id = `${edge.from}>${node.id}`;
      if (cur && cur.id === node.id) out[id] = cur.dir;
      else out[id] = back.has(node.id) && edge.downstream !== null ? "done" : "";
    }
  }
  return out;
}

/** The key a student pressed -> the action it asks for, or null (keys shown on the page). */
export const KEYS = { ArrowRight: "next", ArrowLeft: "prev", p: "whole", u: "update", n: "nextExample", r: "train" };
export function keyAction(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return KEYS[event.key] || KEYS[String(event.key).toLowerCase()] || null;
}
