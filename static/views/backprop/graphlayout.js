/**
 * Where each node of a traced computation graph sits: one column per stage (x, W, s, b, z, a,
 * …, y, t, L), each column centred vertically; edges as horizontal-tangent curves from an
 * input's right side to its operation's left side. Pure: numbers in, boxes and paths out.
 */

export const SIZES = { nodeW: 68, nodeH: 50, colGap: 10, rowGap: 8, pad: 8, header: 22 };
/** Rows for a tall column (more than five boxes): a little tighter, so 2-4-1 and the card fit one screen. */
export const COMPACT = { ...SIZES, nodeH: 46, rowGap: 5 };

/** How far below the fused box the loss edge to z passes, under y and t. */
const FUSED_DIP = 14;

/** The sources an operation reads, in the endpoint's order: [{from, local, downstream, fused?, index}]. */
export const inputsOf = (node) => (node.inputs || []).map((e, index) => ({ ...e, index }));

/**
 * layoutGraph(graph, sizes) -> {width, height, boxes: {id: {x, y, w, h}}, columns: [{x, stage, layer}],
 * edges: [{id, from, to, index, path, fused}], fusedBox: {x, y, w, h} | null}.
 */
export function layoutGraph(graph, sizes = Math.max(...graph.columns.map((c) => c.size)) > 5 ? COMPACT : SIZES) {
  const { nodeW, nodeH, colGap, rowGap, pad, header } = sizes;
  const step = nodeH + rowGap;
  const tallest = Math.max(1, ...graph.columns.map((c) => c.size));
  const body = tallest * step - rowGap;
  const boxes = {};
  for (const node of graph.nodes) {
    const size = graph.columns[node.column].size;
    const top = pad + header + (body - (size * step - rowGap)) / 2;
    boxes[node.id] = { x: pad + node.column * (nodeW + colGap), y: top + node.row * step, w: nodeW, h: nodeH };
  }
  const columns = graph.columns.map((c, i) => ({ x: pad + i * (nodeW + colGap), stage: c.stage, layer: c.layer }));
  const fused = graph.nodes.find((n) => n.fused && typeof n.fused === "object");
  const around = fused ? fusedBox(graph, boxes, fused, pad / 2) : null;
  const bend = around ? around.y + around.h + FUSED_DIP : 0;
  const height = Math.max(pad * 2 + header + body, bend + pad);
  const edges = [];
  for (const node of graph.nodes) {
    for (const e of inputsOf(node)) {
      const a = boxes[e.from];
      const b = boxes[node.id];
      const { path } = curve(a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2, e.fused ? bend : null);
      edges.push({ id: `${e.from}>${node.id}`, from: e.from, to: node.id, index: e.index, path, fused: !!e.fused });
    }
  }
  return { width: pad * 2 + graph.columns.length * (nodeW + colGap) - colGap, height, boxes, columns, edges, fusedBox: around };
}

/** A cubic curve leaving and arriving horizontally; with `bend` it dips to that height on the way. */
export function curve(x1, y1, x2, y2, bend = null) {
  const r = (v) => Math.round(v * 10) / 10;
  if (bend === null) {
    const c = (x2 - x1) / 2;
    return { path: `M${r(x1)},${r(y1)} C${r(x1 + c)},${r(y1)} ${r(x2 - c)},${r(y2)} ${r(x2)},${r(y2)}` };
  }
  const mx = (x1 + x2) / 2;
  return { path: `M${r(x1)},${r(y1)} C${r(x1 + 24)},${r(y1)} ${r(x1 + 24)},${r(bend)} ${r(mx)},${r(bend)} `
    + `S${r(x2 - 24)},${r(y2)} ${r(x2)},${r(y2)}` };
}

/** The box drawn around an output activation and the loss computed with it in one formula. */
function fusedBox(graph, boxes, loss, margin) {
  const ids = [...loss.fused.skips, loss.id, ...graph.nodes.filter((n) => n.kind === "target").map((n) => n.id)];
  const xs = ids.map((id) => boxes[id]);
  const left = Math.min(...xs.map((b) => b.x)) - margin;
  const top = Math.min(...xs.map((b) => b.y)) - margin;
  const right = Math.max(...xs.map((b) => b.x + b.w)) + margin;
  const bottom = Math.max(...xs.map((b) => b.y + b.h)) + margin;
  return { x: left, y: top, w: right - left, h: bottom - top };
}
