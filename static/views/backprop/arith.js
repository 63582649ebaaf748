/**
 * The numbers of a traced pass as a student reads them: short decimals, and each step's
 * arithmetic as TeX (forward: the node's formula with its inputs' values put in; backward:
 * upstream, local, downstream). Every number comes from the endpoint; nothing is computed
 * here but the layout of the sums. Pure.
 */

/** A value in 4 significant digits, with a real minus sign: 0.4528, −0.1361, 1.23e−5; null -> "—". */
export function fmt(v, digits = 4) {
  if (v === null || v === undefined) return "—";
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : (v > 0 ? "∞" : "−∞");
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a >= 1e5 || a < 1e-4 ? v.toExponential(Math.max(0, digits - 2)).replace(/\.?0+e/, "e").replace("e+", "e")
    : String(Number(v.toPrecision(digits)));
  return s.replace(/-/g, "−");
}

/** A relative error in two digits (2.4e−11); exactly 0 stays "0". */
export const fmtError = (v) => (v === 0 ? "0" : fmt(v, 2));

/** The same number for TeX: 1.23\times10^{-5}; negative numbers in brackets when `paren`. */
export function tex(v, paren = false) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "\\text{—}";
  const plain = fmt(v).replace(/−/g, "-");
  const [m, e] = plain.split("e");
  const body = e === undefined ? m : `${m}\\times10^{${Number(e)}}`;
  return paren && v < 0 ? `(${body})` : body;
}

const FUNCTIONS = {
  sigmoid: ["\\sigma", "\\sigma(z)=\\frac{1}{1+e^{-z}}"],
  tanh: ["\\tanh", "\\tanh z=\\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}"],
  relu: ["\\mathrm{ReLU}", "\\mathrm{ReLU}(z)=\\max(0,\\,z)"],
  leaky_relu: ["\\mathrm{LeakyReLU}", "\\mathrm{LeakyReLU}(z)=\\max(\\alpha z,\\,z)"],
  elu: ["\\mathrm{ELU}", "\\mathrm{ELU}(z)=z\\ (z>0),\\ \\alpha(e^{z}-1)\\ (z\\le 0)"],
  identity: ["", "f(z)=z"],
  softmax: ["\\mathrm{softmax}", "y_k=\\frac{e^{z_k}}{\\sum_j e^{z_j}}"],
};

/** The TeX definition of an activation (for the card's side note), "" if unknown. */
export const definition = (name) => (FUNCTIONS[name] || ["", ""])[1];

const LOSSES = {
  sse: "L=\\tfrac12\\sum_k (y_k-t_k)^2",
  mse: "L=\\tfrac1K\\sum_k (y_k-t_k)^2",
  cross_entropy: "L=-\\sum_k t_k\\ln y_k",
  kl_divergence: "L=\\sum_k t_k\\ln\\frac{t_k}{y_k}",
  binary_cross_entropy: "L=-\\tfrac1K\\sum_k\\,[\\,t_k\\ln y_k+(1-t_k)\\ln(1-y_k)\\,]",
};
export const lossDefinition = (name) => LOSSES[name] || "";

/** Terms of a long sum, shortened: the first three, ⋯, the last. */
function shorten(terms, keep = 4) {
  return terms.length <= keep ? terms.join("+") : `${terms.slice(0, keep - 1).join("+")}+\\cdots+${terms[terms.length - 1]}`;
}

const byId = (nodes) => Object.fromEntries(nodes.map((n) => [n.id, n]));
const unitOf = (id) => Number(id.split(".").pop());

/** The weight's TeX name on the edge from the i-th unit of the previous layer into sum node s. */
function weightTex(node, i, nodes) {
  const leaf = nodes[`W${node.layer}.${i}.${unitOf(node.id)}`];
  return leaf ? leaf.tex : `w^{(${node.layer})}_{${i + 1},${unitOf(node.id) + 1}}`;
}

/** Forward: "s = x₁w₁₁ + … = 0·0.0889 + … = 0.4528" as TeX for an operation node. */
export function forwardTex(node, graph, network) {
  const nodes = byId(graph.nodes);
  const result = tex(node.value);
  const ins = (node.inputs || []).filter((e) => nodes[e.from].kind !== "weight" && nodes[e.from].kind !== "target");
  switch (node.kind) {
    case "weighted_sum": {
      const sym = ins.map((e, i) => `${nodes[e.from].tex}\\,${weightTex(node, i, nodes)}`);
      const num = ins.map((e) => `${tex(nodes[e.from].value, true)}\\cdot${tex(e.local, true)}`);
      return `${node.tex}=${shorten(sym)}=${shorten(num)}=${result}`;
    }
    case "bias_add": {
      const [s, b] = node.inputs.map((e) => nodes[e.from]);
      return `${node.tex}=${s.tex}+${b.tex}=${tex(s.value)}+${tex(b.value, true)}=${result}`;
    }
    case "activation":
    case "output":
      return activationTex(node, nodes, result);
    case "loss":
      return lossTex(node, graph, network, result);
    default:
      return `${node.tex}=${result}`;
  }
}

function activationTex(node, nodes, result) {
  const [f] = FUNCTIONS[node.function] || [`\\mathrm{${node.function}}`];
  if (node.function === "softmax") {
    const k = unitOf(node.id);
    const zs = node.inputs.map((e) => nodes[e.from]);
    const denom = shorten(zs.map((z) => `e^{${tex(z.value)}}`));
    return `${node.tex}=\\frac{e^{${zs[k].tex}}}{\\sum_j e^{z_j}}=\\frac{e^{${tex(zs[k].value)}}}{${denom}}=${result}`;
  }
  const z = nodes[node.inputs[0].from];
  if (node.function === "identity") return `${node.tex}=${z.tex}=${result}`;
  return `${node.tex}=${f}(${z.tex})=${f}(${tex(z.value)})=${result}`;
}

function lossTex(node, graph, network, result) {
  const nodes = byId(graph.nodes);
  const ys = graph.nodes.filter((n) => n.kind === "output");
  const pairs = ys.map((y, k) => [tex(y.value), tex(nodes[`t.${k}`].value)]);
  const K = pairs.length;
  const terms = {
    sse: () => `\\tfrac12\\,[${shorten(pairs.map(([y, t]) => `(${y}-${t})^2`))}]`,
    mse: () => `\\tfrac1{${K}}\\,[${shorten(pairs.map(([y, t]) => `(${y}-${t})^2`))}]`,
    cross_entropy: () => `-(${shorten(pairs.map(([y, t]) => `${t}\\cdot\\ln ${y}`))})`,
    kl_divergence: () => shorten(pairs.map(([y, t]) => `${t}\\cdot\\ln\\frac{${t}}{${y}}`)),
    binary_cross_entropy: () => `-${K > 1 ? `\\tfrac1{${K}}` : ""}[${shorten(pairs.map(([y, t]) => `${t}\\cdot\\ln ${y}+(1-${t})\\cdot\\ln(1-${y})`), 2)}]`,
  }[network.loss];
  return `${lossDefinition(network.loss)}=${terms ? terms() : "\\cdots"}=${result}`;
}

/** ∂L/∂(node) as TeX. */
export const gradSymbol = (node) => (node.id === "L" ? "\\frac{\\partial L}{\\partial L}" : `\\frac{\\partial L}{\\partial ${node.tex}}`);

/**
 * The upstream gradient arriving at `node`: {symbol, parts: [{from (TeX of the sender), value}],
 * total}. A node read by several operations sums what each sent back.
 */
export function upstreamOf(node, graph) {
  const parts = [];
  for (const reader of graph.nodes) {
    for (const e of reader.inputs || []) {
      if (e.from === node.id && e.downstream !== null) parts.push({ from: reader.tex, id: reader.id, value: e.downstream });
    }
  }
  return { symbol: gradSymbol(node), parts, total: node.upstream };
}

/** Backward, per input of `node`: {input (TeX), id, local, upstream, downstream, symbol (∂node/∂input), fused}. */
export function downstreamRows(node, graph) {
  const nodes = byId(graph.nodes);
  return (node.inputs || []).filter((e) => e.local !== null).map((e) => ({
    id: e.from, input: nodes[e.from].tex, local: e.local, upstream: node.upstream, downstream: e.downstream, fused: !!e.fused,
    symbol: `\\frac{\\partial ${node.id === "L" ? "L" : node.tex}}{\\partial ${nodes[e.from].tex}}`,
  }));
}

/** "local × upstream = downstream" for one row, as TeX. */
export const productTex = (row) => `${tex(row.local)}\\times${tex(row.upstream, true)}=${tex(row.downstream)}`;
