/** The network diagram: neurons coloured by the probe digit's activations, links by weight; a click picks a link's weight. */
import { h, fitCanvas } from "../../dom.js";
import { sequential, diverging, maxAbs, css } from "../../colors.js";
import { sampleIndices, strongestInputs } from "./series.js";
import { nodeXY, linkSegments, pickSegment, nearestLink, clickPoints } from "./netlayout.js";
import { PICK_COLOURS, addPick, describePicks } from "./picks.js";

const MAX_NODES = 20;
const MAX_LINKS = 160;
const HEIGHT = 280;

/** The probe digit's answer on the canvas (data-probe-prediction, data-probe-sum of layer 1), for tests and tools. */
function describeProbe(canvas, acts) {
  const out = acts.length ? acts[acts.length - 1] : null;
  canvas.dataset.probePrediction = out ? String(out.indexOf(Math.max(...out))) : "";
  canvas.dataset.probeSum = acts.length ? Array.from(acts[0]).reduce((a, b) => a + b, 0).toFixed(4) : "";
}

function drawLinks(g, segments) {
  const m = maxAbs(segments.map((s) => s.w));
  for (const s of [...segments].reverse()) {
    g.strokeStyle = css(diverging(s.w / m), 0.25 + 0.75 * Math.abs(s.w / m));
    g.lineWidth = 0.5 + 2 * Math.abs(s.w / m);
    g.beginPath(); g.moveTo(s.x1, s.y1); g.lineTo(s.x2, s.y2); g.stroke();
  }
}

/** Picked links: thick, in the pick colours over a dark halo, numbered 1 and 2; the keyboard cursor dashed. */
function drawPicks(g, picked, cursor) {
  picked.forEach((s, n) => {
    if (!s) return;
    for (const [style, width] of [["#222", 6], [PICK_COLOURS[n], 3.5]]) {
      g.strokeStyle = style; g.lineWidth = width;
      g.beginPath(); g.moveTo(s.x1, s.y1); g.lineTo(s.x2, s.y2); g.stroke();
    }
    const [mx, my] = [(s.x1 + s.x2) / 2, (s.y1 + s.y2) / 2];
    g.fillStyle = PICK_COLOURS[n]; g.beginPath(); g.arc(mx, my, 8, 0, 2 * Math.PI); g.fill();
    g.fillStyle = "#fff"; g.font = "bold 11px system-ui, sans-serif"; g.textAlign = "center";
    g.fillText(String(n + 1), mx, my + 4);
  });
  if (!cursor) return;
  g.setLineDash([5, 3]); g.strokeStyle = "#000"; g.lineWidth = 2.5;
  g.beginPath(); g.moveTo(cursor.x1, cursor.y1); g.lineTo(cursor.x2, cursor.y2); g.stroke();
  g.setLineDash([]);
}

function drawNodes(g, shown, sizes, acts, width, trained, t) {
  const counts = shown.map((s) => s.length);
  shown.forEach((idx, l) => {
    const act = trained && l > 0 ? acts[l - 1] : null;
    const hiAct = act ? Math.max(1e-9, ...Array.from(act).map(Math.abs)) : 1;
    const r = Math.max(3, Math.min(9, (HEIGHT - 48) / idx.length / 2.4));
    idx.forEach((i, k) => {
      const [x, y] = nodeXY(l, k, counts, width, HEIGHT);
      g.fillStyle = act ? css(sequential(Math.abs(act[i]) / hiAct)) : "#d9d9d9";
      g.strokeStyle = "#333"; g.lineWidth = 1;
      g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI); g.fill(); g.stroke();
      if (l === sizes.length - 1 && sizes[l] === 10) {
        g.fillStyle = "#222"; g.font = "12px system-ui, sans-serif"; g.textAlign = "left";
        g.fillText(String(i), x + r + 4, y + 4);
      }
    });
    g.fillStyle = "#222"; g.font = "12px system-ui, sans-serif";
    const key = l === 0 && trained ? "watch.network.inputs" : "watch.network.shown";
    g.textAlign = l === 0 ? "left" : "center";
    g.fillText(sizes[l] > idx.length ? t(key, { n: idx.length, total: sizes[l] }) : String(sizes[l]), l === 0 ? 4 : nodeXY(l, 0, counts, width, HEIGHT)[0], 14);
  });
}

/**
 * mount(root, t, {picks() -> [{layer, index}], onPick(picks)}) -> {update({weights: [{W, b}], acts: [Float32Array]}, plannedSizes),
 * redraw(), reset()}: a click or Enter on a link reports the new list of picked weights.
 */
export function mountNetwork(root, t, { picks = () => [], onPick = () => {} } = {}) {
  const canvas = h("canvas", { class: "network", "data-testid": "network-diagram", role: "application", tabindex: "0",
    "aria-describedby": "network-pick-help" });
  const note = h("p", { class: "hint" });
  const caption = h("p", { class: "pick-caption", "data-testid": "pick-caption", "aria-live": "polite" });
  const help = h("p", { class: "hint", id: "network-pick-help" });
  root.append(canvas, note, caption, help);
  let last = null;
  let plan = null;
  let segments = [];
  let cursor = -1;
  let width = 600;

  function draw() {
    width = Math.max(300, root.clientWidth || 600);
    canvas.style.height = `${HEIGHT}px`;
    const g = fitCanvas(canvas, width, HEIGHT);
    g.clearRect(0, 0, width, HEIGHT);
    canvas.setAttribute("aria-label", t("watch.network.aria"));
    help.textContent = t("watch.pick.help");
    const trained = last && last.weights.length;
    describeProbe(canvas, trained ? last.acts : []);
    const sizes = trained ? [last.weights[0].W.shape[0], ...last.weights.map((l) => l.W.shape[1])] : plan;
    segments = [];
    caption.textContent = describePicks(picks(), t);
    if (!sizes || sizes.length < 2) { note.textContent = t("watch.network.empty"); return; }
    const shown = sizes.map((n, l) => (l === 0 && trained ? strongestInputs(last.weights[0].W, MAX_NODES) : sampleIndices(n, MAX_NODES)));
    if (trained) {
      segments = linkSegments(last.weights, shown, width, HEIGHT, MAX_LINKS);
      drawLinks(g, segments);
      drawPicks(g, picks().map((p) => pickSegment(p, shown, width, HEIGHT)), segments[cursor]);
    }
    const c = segments[cursor];
    caption.textContent = (c ? `${t("watch.pick.cursor", { l: c.layer + 1, a: `w[${c.i}→${c.j}]` })} ` : "") + describePicks(picks(), t);
    canvas.dataset.clickPoints = JSON.stringify(clickPoints(segments, 2));
    drawNodes(g, shown, sizes, trained ? last.acts : [], width, trained, t);
    if (!trained) note.textContent = t("watch.network.empty");
    else note.textContent = t(last.acts.length ? "watch.network.legend" : "watch.network.legendNoProbe", { links: MAX_LINKS });
  }

  function pick(s) {
    if (s) onPick(addPick(picks(), { layer: s.layer, index: [s.i, s.j] }));
  }
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return nearestLink(segments, ((e.clientX - r.left) * width) / r.width, ((e.clientY - r.top) * HEIGHT) / r.height);
  };
  canvas.addEventListener("click", (e) => pick(at(e)));
  canvas.addEventListener("pointermove", (e) => { canvas.style.cursor = at(e) ? "pointer" : ""; });
  canvas.addEventListener("keydown", (e) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step && segments.length) {
      e.preventDefault();
      cursor = (Math.max(cursor, step > 0 ? -1 : 0) + step + segments.length) % segments.length;
      draw();
    } else if ((e.key === "Enter" || e.key === " ") && segments[cursor]) {
      e.preventDefault();
      pick(segments[cursor]);
    }
  });
  canvas.addEventListener("blur", () => { if (cursor >= 0) { cursor = -1; draw(); } });

  return {
    update(data, sizes) { last = data; plan = sizes; draw(); },
    redraw: draw,
    reset() { last = null; draw(); },
  };
}
