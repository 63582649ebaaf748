/** The network diagram: neurons coloured by the probe digit's activations, links by weight. */
import { h, fitCanvas } from "../../dom.js";
import { sequential, diverging, maxAbs, css } from "../../colors.js";
import { sampleIndices, strongestLinks, strongestInputs } from "./series.js";

const MAX_NODES = 20;
const MAX_LINKS = 160;
const HEIGHT = 280;

/** The probe digit's answer on the canvas (data-probe-prediction, data-probe-sum of layer 1), for tests and tools. */
function describeProbe(canvas, acts) {
  const out = acts.length ? acts[acts.length - 1] : null;
  canvas.dataset.probePrediction = out ? String(out.indexOf(Math.max(...out))) : "";
  canvas.dataset.probeSum = acts.length ? Array.from(acts[0]).reduce((a, b) => a + b, 0).toFixed(4) : "";
}

/** mount(root, t) -> {update({weights: [{W, b}], acts: [Float32Array]}, plannedSizes), reset()}. */
export function mountNetwork(root, t) {
  const canvas = h("canvas", { class: "network", "data-testid": "network-diagram", role: "img" });
  const note = h("p", { class: "hint" });
  root.append(canvas, note);
  let last = null;
  let plan = null;

  function draw() {
    const width = Math.max(300, root.clientWidth || 600);
    canvas.style.height = `${HEIGHT}px`;
    const g = fitCanvas(canvas, width, HEIGHT);
    g.clearRect(0, 0, width, HEIGHT);
    canvas.setAttribute("aria-label", t("watch.network.aria"));
    const trained = last && last.weights.length;
    describeProbe(canvas, trained ? last.acts : []);
    const sizes = trained ? [last.weights[0].W.shape[0], ...last.weights.map((l) => l.W.shape[1])] : plan;
    if (!sizes || sizes.length < 2) { note.textContent = t("watch.network.empty"); return; }
    const shown = sizes.map((n, l) => (l === 0 && trained ? strongestInputs(last.weights[0].W, MAX_NODES) : sampleIndices(n, MAX_NODES)));
    const x = (l) => 60 + (l * (width - 90)) / (sizes.length - 1);
    const y = (l, k) => 24 + ((k + 0.5) * (HEIGHT - 48)) / shown[l].length;
    if (trained) last.weights.forEach((layer, l) => {
      const links = strongestLinks(layer.W, shown[l], shown[l + 1], MAX_LINKS);
      const m = maxAbs(links.map((k) => k.w));
      for (const k of links.reverse()) {
        g.strokeStyle = css(diverging(k.w / m), 0.25 + 0.75 * Math.abs(k.w / m));
        g.lineWidth = 0.5 + 2 * Math.abs(k.w / m);
        g.beginPath(); g.moveTo(x(l), y(l, k.from)); g.lineTo(x(l + 1), y(l + 1, k.to)); g.stroke();
      }
    });
    shown.forEach((idx, l) => {
      const act = trained && l > 0 ? last.acts[l - 1] : null;
      const hiAct = act ? Math.max(1e-9, ...Array.from(act).map(Math.abs)) : 1;
      const r = Math.max(3, Math.min(9, (HEIGHT - 48) / idx.length / 2.4));
      idx.forEach((i, k) => {
        g.fillStyle = act ? css(sequential(Math.abs(act[i]) / hiAct)) : "#d9d9d9";
        g.strokeStyle = "#333"; g.lineWidth = 1;
        g.beginPath(); g.arc(x(l), y(l, k), r, 0, 2 * Math.PI); g.fill(); g.stroke();
        if (l === sizes.length - 1 && sizes[l] === 10) {
          g.fillStyle = "#222"; g.font = "12px system-ui, sans-serif"; g.textAlign = "left";
          g.fillText(String(i), x(l) + r + 4, y(l, k) + 4);
        }
      });
      g.fillStyle = "#222"; g.font = "12px system-ui, sans-serif"; g.textAlign = "center";
      const key = l === 0 && trained ? "watch.network.inputs" : "watch.network.shown";
      g.textAlign = l === 0 ? "left" : "center";
      g.fillText(sizes[l] > idx.length ? t(key, { n: idx.length, total: sizes[l] }) : String(sizes[l]), l === 0 ? 4 : x(l), 14);
    });
    if (!trained) note.textContent = t("watch.network.empty");
    else note.textContent = t(last.acts.length ? "watch.network.legend" : "watch.network.legendNoProbe", { links: MAX_LINKS });
  }

  return {
    update(data, sizes) { last = data; plan = sizes; draw(); },
    redraw: draw,
    reset() { last = null; draw(); },
  };
}
