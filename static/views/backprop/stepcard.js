/**
 * What the step just did, in words and numbers: forward, the node's formula with its inputs'
 * values; backward, ① the upstream gradient arriving (a sum when several nodes sent one),
 * ② the local derivative, ③ downstream = local × upstream on each input edge.
 */
import { h } from "../../dom.js";
import { math } from "../../tex.js";
import { fmt, tex, forwardTex, definition, upstreamOf, downstreamRows, productTex } from "./arith.js";

/** mountStepCard(root, {t}) -> {update({trace, phase, current, picked, counts: {f, b, F, B}})}. */
export function mountStepCard(root, { t }) {
  const card = h("section", { class: "bp-card", "data-testid": "bp-card", "aria-live": "polite" });
  root.append(card);
  return {
    update(s) {
      if (!s.trace) { card.replaceChildren(); return; }
      const id = s.picked || (s.phase !== "updated" && s.current && s.current.id);
      const node = id && s.trace.graph.nodes.find((n) => n.id === id);
      const dir = s.picked ? (s.visible[id].grad && node.inputs ? "backward" : "forward") : s.current && s.current.dir;
      card.dataset.phase = s.phase;
      card.dataset.node = node ? node.id : "";
      // A box picked after the backward pass shows both: how its value was computed, then its gradient.
      const both = s.picked && dir === "backward" ? forward(t, node, s.trace).slice(0, 1) : [];
      if (node && node.inputs && dir === "backward") card.replaceChildren(title(t, s, "backward"), ...both, ...backward(t, node, s.trace));
      else if (node && node.inputs && s.visible[id].value) card.replaceChildren(title(t, s, "forward"), ...forward(t, node, s.trace));
      else if (node) card.replaceChildren(h("h3", {}, t("bp.card.leaf.title", { name: node.label })), leaf(t, node, s));
      else card.replaceChildren(h("h3", {}, t(`bp.card.${s.phase}.title`)), h("p", {}, t(`bp.card.${s.phase}`, {
        loss: fmt(s.trace.loss), F: s.counts.F, B: s.counts.B })));
    },
  };
}

function title(t, s, dir) {
  if (s.picked) return h("h3", {}, t(`bp.card.${dir}.picked`));
  const [k, n] = dir === "forward" ? [s.counts.f, s.counts.F] : [s.counts.b, s.counts.B];
  return h("h3", {}, t(`bp.card.${dir}.title`, { k, n }));
}

function forward(t, node, trace) {
  const parts = [h("p", { class: "bp-eq", "data-testid": "bp-forward-eq" }, math(forwardTex(node, trace.graph, trace.network), { display: true }))];
  if (node.function && node.kind !== "loss") parts.push(h("p", { class: "hint" }, t("bp.card.where"), " ", math(definition(node.function))));
  parts.push(h("p", { class: "hint" }, t(`bp.card.forward.${node.kind}`)));
  if (node.kind === "output" && node.fused) parts.push(h("p", { class: "hint bp-fused-note" }, t("bp.card.fusedOutput")));
  return parts;
}

function backward(t, node, trace) {
  const up = upstreamOf(node, trace.graph);
  const sum = up.parts.length > 1 ? `=${up.parts.map((p) => tex(p.value, true)).join("+")}` : "";
  const upstream = node.id === "L" ? `${up.symbol}=1` : `${up.symbol}${sum}=${tex(up.total)}`;
  const rows = downstreamRows(node, trace.graph);
  const senders = up.parts.length > 1 ? h("p", { class: "hint" }, t("bp.card.sum", { n: up.parts.length })) : null;
  return [
    h("div", { class: "bp-stage", "data-testid": "bp-upstream" }, h("span", { class: "bp-num" }, "①"),
      h("div", {}, h("strong", {}, t("bp.upstream")), " ", math(upstream), senders)),
    h("div", { class: "bp-stage", "data-testid": "bp-local" }, h("span", { class: "bp-num" }, "②"),
      h("div", {}, h("strong", {}, t("bp.local")), " ", node.local_tex ? math(node.local_tex) : null,
        node.fused ? h("p", { class: "hint bp-fused-note" }, t("bp.card.fusedLoss")) : null)),
    h("div", { class: "bp-stage", "data-testid": "bp-downstream" }, h("span", { class: "bp-num" }, "③"),
      h("div", {}, h("strong", {}, t("bp.downstream")), " ", h("span", { class: "hint" }, t("bp.card.product")),
        h("table", { class: "bp-rows" }, h("tbody", {}, rows.map((r) => h("tr", { "data-from": r.id },
          h("td", {}, math(`${r.symbol}=${tex(r.local)}`)),
          h("td", {}, math(`\\frac{\\partial L}{\\partial ${r.input}}=${productTex(r)}`)))))))),
  ];
}

function leaf(t, node, s) {
  const vis = s.visible[node.id];
  const lines = [h("p", {}, math(`${node.tex}=${tex(node.value)}`), " ", h("span", { class: "hint" }, t(`bp.card.leaf.${node.kind}`)))];
  if (vis.grad) {
    const up = upstreamOf(node, s.trace.graph);
    const sum = up.parts.length > 1 ? `=${up.parts.map((p) => tex(p.value, true)).join("+")}` : "";
    lines.push(h("p", {}, math(`${up.symbol}${sum}=${tex(up.total)}`)));
    if (up.parts.length > 1) lines.push(h("p", { class: "hint" }, t("bp.card.sum", { n: up.parts.length })));
  }
  return h("div", {}, ...lines);
}
