/** The Runs panel: every saved run with its settings and final numbers; open one, download it, delete it, draw with it. */
import { h, tx } from "../../dom.js";
import { ENDED } from "../../runstates.js";
import { mountTable } from "./table.js";
import { mountDetail } from "./detail.js";

/** mount(root, {store, api, t}) -> {refresh()}; "drawWith" in the store names the saved run the pad asks. */
export function mount(root, ctx) {
  const { store, api, t } = ctx;
  const note = h("p", { class: "hint", "data-testid": "runs-note", "aria-live": "polite" });
  const refresh = h("button", { type: "button", class: "btn small", "data-testid": "runs-refresh" }, t("runs.refresh"));
  const tableBox = h("div", { class: "runs-list" });
  const detailBox = h("div");
  root.replaceChildren(h("div", { class: "runs" }, tx(t, "runs.help", "p", { class: "hint" }), h("div", { class: "run-buttons" }, refresh, note),
    tableBox, detailBox));
  let runs = [];
  let openId = null;

  async function load() {
    try {
      runs = await api("/api/runs");
      note.textContent = "";
    } catch (err) {
      note.textContent = err.message;
    }
    table.update(runs, openId);
  }

  async function open(id) {
    openId = id;
    table.update(runs, openId);
    try {
      const run = await api(`/api/runs/${id}`);
      const weights = run.has_weights ? await api(`/api/model/weights?run=${id}`).catch(() => null) : null;
      if (openId === id) detail.show(run, weights);
    } catch (err) {
      note.textContent = err.message;
    }
  }

  async function remove(id) {
    try {
      await api(`/api/runs/${id}`, { method: "DELETE" });
      if (openId === id) { openId = null; detail.close(); }
      if (store.get("drawWith") === id) store.set("drawWith", null);
      note.textContent = t("runs.deleted");
    } catch (err) {
      note.textContent = err.message;
    }
    load();
  }

  const table = mountTable(tableBox, { t, onOpen: open, onDelete: remove });
  const detail = mountDetail(detailBox, { t, onDrawWith: (id) => store.set("drawWith", id) });
  refresh.addEventListener("click", load);
  // A run that ends is saved: the list is read again then (and whenever the language changes, to relabel it).
  let last = null;
  store.subscribe(["status"], () => {
    const state = (store.get("status") || {}).state;
    if (ENDED.includes(state) && state !== last) load();
    last = state;
  });
  store.subscribe(["lang"], () => { refresh.textContent = t("runs.refresh"); table.update(runs, openId); if (openId) open(openId); });
  load();
  return { refresh: load };
}
