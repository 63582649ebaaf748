/**
 * The computation graph on the page: nodes as boxes (name, value, gradient), edges as curves
 * that light up as a step passes them: left to right forward, right to left backward, where
 * each input shows the downstream gradient arriving ("← 0.223"). It scrolls inside its own box
 * when wider than the screen.
 */
import { h } from "../../dom.js";
import { layoutGraph, SIZES } from "./graphlayout.js";
import { fmt } from "./arith.js";
import { math } from "../../tex.js";

const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs = {}) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};
const SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const layerMark = (layer) => (layer ? `⁽${String(layer).split("").map((d) => SUPER[d]).join("")}⁾` : "");

function arrowMarker(id, cls) {
  const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", class: cls });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z" }));
  return marker;
}

/** mountGraph(root, {t, onPick(id)}) -> {show(trace), update(state)}. */
export function mountGraph(root, { t, onPick }) {
  const scroller = h("div", { class: "bp-graph", "data-testid": "bp-graph", tabindex: "0", role: "group" });
  const legend = h("p", { class: "hint bp-legend", "data-testid": "bp-legend" });
  root.append(scroller, legend);
  let nodes = {};     // id -> {el, value, grad}
  let edges = {};     // edge id -> {path, label}
  let graph = null;

  /** Draw the graph of a new trace (its structure); values appear through update(). */
  function show(trace) {
    graph = trace.graph;
    const lay = layoutGraph(graph);
    const plane = h("div", { class: "bp-plane", style: { width: `${lay.width}px`, height: `${lay.height}px` } });
    const art = svg("svg", { width: lay.width, height: lay.height, class: "bp-edges", "aria-hidden": "true" });
    const defs = svg("defs");
    defs.append(arrowMarker("bp-arrow-f", "bp-arrow forward"), arrowMarker("bp-arrow-b", "bp-arrow backward"));
    art.append(defs);
    if (lay.fusedBox) {
      const b = lay.fusedBox;
      art.append(svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 10, class: "bp-fused-box", "data-testid": "bp-fused-box" }));
    }
    edges = {};
    for (const e of lay.edges) {
      edges[e.id] = svg("path", { d: e.path, class: `bp-edge${e.fused ? " fused" : ""}`, "data-edge": e.id });
      art.append(edges[e.id]);
    }
    const heads = lay.columns.map((c) => h("span", { class: "bp-col-head", style: { left: `${c.x}px`, width: `${SIZES.nodeW}px` } },
      `${t(`bp.stage.${c.stage}`)}${layerMark(c.layer)}`));
    nodes = {};
    const boxes = graph.nodes.map((n) => nodeBox(n, lay.boxes[n.id]));
    plane.append(art, ...heads, ...boxes);
    scroller.replaceChildren(plane);
    scroller.setAttribute("aria-label", t("bp.graph.label"));
    legend.replaceChildren(...legendParts(trace));
  }

  function nodeBox(node, box) {
    const value = h("span", { class: "bp-value", "data-testid": "bp-value" });
    const grad = h("span", { class: "bp-grad", "data-testid": "bp-grad" });
    const el = h("button", { type: "button", class: `bp-node kind-${node.kind}`, "data-testid": "bp-node", "data-id": node.id,
      style: { left: `${box.x}px`, top: `${box.y}px`, width: `${box.w}px`, height: `${box.h}px` },
      onClick: () => onPick(node.id) }, math(node.tex, { cls: "bp-label" }), value, grad);
    nodes[node.id] = { el, value, grad, node };
    return el;
  }

  function legendParts(trace) {
    const parts = [t("bp.legend")];
    const loss = trace.graph.nodes.find((n) => n.fused && typeof n.fused === "object");
    if (loss) parts.push(" ", h("strong", {}, t("bp.legend.fused", { output: t(`bp.fn.${loss.fused.output}`), loss: t(`bp.loss.${loss.fused.loss}`) })));
    return parts;
  }

  /**
   * state = {visible: {id: {value, grad}}, edges: {edgeId: state}, current: {dir, id} | null,
   * picked, values: {id: number} (what each node holds now: weights move at the update), moved: Set of ids}.
   */
  function update(state) {
    if (!graph) return;
    const arriving = arrivals(graph, state.current);
    for (const [id, { el, value, grad, node }] of Object.entries(nodes)) {
      const vis = state.visible[id] || {};
      const v = state.values[id] ?? node.value;
      value.textContent = vis.value ? fmt(v, 3) : "?";
      value.title = vis.value ? String(v) : "";
      // A gradient arriving shows as "← part" until the node has all its parts, then as its total "∇ sum".
      const comes = arriving[id];
      grad.textContent = vis.grad ? `∇ ${fmt(node.upstream, 3)}` : (comes !== undefined ? `← ${fmt(comes, 3)}` : "");
      grad.title = vis.grad ? `∂L/∂${node.label} = ${node.upstream}` : "";
      grad.classList.toggle("arriving", comes !== undefined);
      const here = state.current && state.current.id === id;
      el.dataset.state = here ? state.current.dir : (vis.value ? "known" : "pending");
      el.classList.toggle("picked", state.picked === id);
      el.classList.toggle("moved", state.moved.has(id));
      el.setAttribute("aria-label", `${node.label}: ${vis.value ? fmt(v) : "?"}${vis.grad ? `, ∂L/∂${node.label} = ${fmt(node.upstream)}` : ""}`);
    }
    for (const [id, path] of Object.entries(edges)) {
      const s = state.edges[id] || "";
      path.dataset.state = s;
      path.setAttribute("marker-end", s === "forward" ? "url(#bp-arrow-f)" : "");
      path.setAttribute("marker-start", s === "backward" ? "url(#bp-arrow-b)" : "");
    }
    const cur = state.current && nodes[state.current.id];
    if (cur) keepInView(scroller, cur.el);
  }

  return { show, update };
}

/** {input id: downstream gradient} the node just differentiated sends to each of its inputs. */
export function arrivals(graph, current) {
  if (!current || current.dir !== "backward") return {};
  const node = graph.nodes.find((n) => n.id === current.id);
  return Object.fromEntries((node.inputs || []).filter((e) => e.downstream !== null).map((e) => [e.from, e.downstream]));
}

/** Scroll the graph's own box (never the page) so the node just reached is in view, centred when it was not. */
function keepInView(box, el) {
  const left = el.offsetLeft;
  const right = left + el.offsetWidth;
  if (left >= box.scrollLeft + 24 && right <= box.scrollLeft + box.clientWidth - 24) return;
  box.scrollLeft = Math.max(0, (left + right) / 2 - box.clientWidth / 2);
}
