/** The Runs panel: every saved run with its settings and final numbers; open one, download it, delete it, draw with it. */
import { h, tx } from "../../dom.js";
import { ENDED } from "../../runstates.js";
import { mountTable } from "./table.js";
import { mountDetail } from "./detail.js";
import { regionsFromAnswer } from "../../regions.js";
import { pointsOf } from "../../toypoints.js";
import { mountCompare } from "./compare.js";

const WATCHED_RUNS = 12;       // runs of this page whose every update is kept for overlaying
const WATCHED_ROWS = 6000;

/** mount(root, {store, api, t}) -> {refresh()}; "drawWith" in the store names the saved run the pad asks. */
export function mount(root, ctx) {
  const { store, api, t } = ctx;
  const note = h("p", { class: "hint", "data-testid": "runs-note", "aria-live": "polite" });
  const refresh = h("button", { type: "button", class: "btn small", "data-testid": "runs-refresh" }, t("runs.refresh"));
  const tableBox = h("div", { class: "runs-list" });
  const detailBox = h("div");
  const compareBox = h("div");
  root.replaceChildren(h("div", { class: "runs" }, tx(t, "runs.help", "p", { class: "hint" }), h("div", { class: "run-buttons" }, refresh, note),
    tableBox, compareBox, detailBox));
  let runs = [];
  let openId = null;
  let compared = new Set();
  const details = new Map();   // id -> a finished run's GET /api/runs/{id}
  const watched = new Map();   // run id -> [{epoch, train_loss}] of every update this page saw

  async function load() {
    try {
      runs = await api("/api/runs");
      note.textContent = "";
    } catch (err) {
      note.textContent = err.message;
    }
    table.update(runs, openId, compared);
  }

  /** The runs ticked for comparison, overlaid (two or more). */
  async function drawCompare() {
    const ids = [...compared];
    try {
      const chosen = await Promise.all(ids.map(async (id) => {
        const run = details.get(id) || await api(`/api/runs/${id}`);
        if (run.status !== "training") details.set(id, run);
        return { ...run, steps: watched.get(id) };
      }));
      if (ids.join() === [...compared].join()) compare.show(chosen);
    } catch (err) {
      note.textContent = err.message;
    }
  }

  function tick(id, on) {
    if (on) compared.add(id); else compared.delete(id);
    table.update(runs, openId, compared);
    drawCompare();
  }

  async function open(id) {
    openId = id;
    table.update(runs, openId, compared);
    try {
      const run = await api(`/api/runs/${id}`);
      const weights = run.has_weights ? await api(`/api/model/weights?run=${id}`).catch(() => null) : null;
      const toy = run.has_weights ? await toyPlane(run).catch(() => null) : null;
      if (openId === id) detail.show(run, weights, toy);
    } catch (err) {
      note.textContent = err.message;
    }
  }

  /** A two-input toy run's regions and its data points, or null. */
  async function toyPlane(run) {
    const ds = ((store.get("options") || {}).datasets || []).find((d) => d.name === run.config.dataset);
    if (!ds || ds.kind !== "toy" || ds.n_in !== 2) return null;
    const [answer, points] = await Promise.all([api(`/api/runs/${run.id}/regions`), pointsOf(api, ds.name, run.config.seed ?? 0)]);
    return { regions: regionsFromAnswer(answer.regions), points, view: ds.view, classes: Math.max(2, ds.n_out) };
  }

  async function remove(id) {
    try {
      await api(`/api/runs/${id}`, { method: "DELETE" });
      if (openId === id) { openId = null; detail.close(); }
    if (compared.delete(id)) drawCompare();
      if (store.get("drawWith") === id) store.set("drawWith", null);
      note.textContent = t("runs.deleted");
    } catch (err) {
      note.textContent = err.message;
    }
    load();
  }

  const table = mountTable(tableBox, { t, onOpen: open, onDelete: remove, onCompare: tick });
  const compare = mountCompare(compareBox, { t });
  const detail = mountDetail(detailBox, { t, onDrawWith: (id) => store.set("drawWith", id) });
  refresh.addEventListener("click", load);
  // A run that ends is saved: the list is read again then (and whenever the language changes, to relabel it).
  let last = null;
  store.subscribe(["status"], () => {
    const state = (store.get("status") || {}).state;
    if (ENDED.includes(state) && state !== last) load();
    last = state;
  });
  store.subscribe(["lang"], () => { refresh.textContent = t("runs.refresh"); table.update(runs, openId, compared); if (openId) open(openId); drawCompare(); });
  // A lesson asks for its runs overlaid.
  store.subscribe(["compareRuns"], async () => {
    compared = new Set(store.get("compareRuns") || []);
    await load();
    drawCompare();
  });
  // Every update of the runs this page trains, for overlays finer than the saved epochs.
  let lastMetric = null;
  store.subscribe(["metrics"], () => {
    const list = store.get("metrics") || [];
    const m = list[list.length - 1];
    if (!m || m === lastMetric || m.kind !== "step" || !m.run_id) return;
    lastMetric = m;
    if (!watched.has(m.run_id)) {
      watched.set(m.run_id, []);
      if (watched.size > WATCHED_RUNS) watched.delete(watched.keys().next().value);
    }
    const rows = watched.get(m.run_id);
    if (rows.length < WATCHED_ROWS) rows.push({ epoch: m.epoch, train_loss: m.train_loss });
  });
  load();
  return { refresh: load };
}
