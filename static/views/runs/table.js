/** The list of saved runs: settings and final numbers, one row each, with open / download / delete. */
import { h, tOr } from "../../dom.js";

const pct = (v) => (typeof v === "number" ? `${(100 * v).toFixed(1)}%` : "—");
const num = (v) => (typeof v === "number" ? v.toPrecision(3) : "—");

/** A run's settings in one short line: "784-16-16-10 sigmoid · SGD lr 0.5 · batch 32 · 10 epochs". */
export function settingsLine(config, t) {
  const c = config || {};
  const act = [].concat(c.activation || []).map((a) => tOr(t, `act.${a}`, a)).join(", ");
  const opt = tOr(t, `downhill.opt.${c.optimizer}`, c.optimizer);
  return t("runs.settings", { layers: (c.layers || []).join("-"), act, opt, lr: typeof c.lr === "number" ? Number(c.lr.toPrecision(3)) : c.lr, batch: c.batch_size, epochs: c.epochs });
}

/** A run's start time in the page's language. */
export const when = (run, t) => new Date(run.created * 1000).toLocaleString(t("app.locale"));

/** mountTable(root, {t, onOpen(id), onDelete(id), onCompare(id, on)}) -> {update(runs, openId, compared)}; compared: a Set of ids. */
export function mountTable(root, { t, onOpen, onDelete, onCompare = () => {} }) {
  const table = h("table", { class: "runs-table", "data-testid": "runs-table" });
  const empty = h("p", { class: "hint runs-empty", "data-testid": "runs-empty" });
  root.append(empty, table);
  return {
    update(runs, openId, compared = new Set()) {
      empty.textContent = runs.length ? "" : t("runs.empty");
      table.hidden = !runs.length;
      const head = h("tr", {}, ["runs.compare", "runs.when", "runs.data", "runs.setup", "runs.state", "runs.acc", "runs.loss", "runs.actions"]
        .map((k) => h("th", { scope: "col" }, t(k))));
      const rows = runs.map((r) => h("tr", { dataset: { run: r.id }, class: r.id === openId ? "open" : "" },
        h("td", {}, h("input", { type: "checkbox", "data-testid": "run-compare", checked: compared.has(r.id),
          "aria-label": t("runs.compare.aria", { when: when(r, t) }), onChange: (e) => onCompare(r.id, e.target.checked) })),
        h("td", {}, when(r, t)),
        h("td", {}, r.config ? t(`dataset.${r.config.dataset}`) : "—"),
        h("td", { class: "runs-setup" }, settingsLine(r.config, t),
          // a sweep's cell says so: it trained a few epochs as one of many
          r.sweep ? h("span", { class: "sweep-tag", "data-testid": "run-sweep-tag" }, ` · ${t("runs.sweepCell", { cell: (r.cell ?? 0) + 1 })}`) : null),
        h("td", {}, t(`status.${r.status}`)),
        h("td", { class: "num" }, pct(r.final && r.final.val_accuracy)),
        h("td", { class: "num" }, num(r.final && r.final.val_loss)),
        h("td", { class: "runs-actions" },
          h("button", { type: "button", class: "btn small", "data-testid": "run-open", onClick: () => onOpen(r.id) }, t("runs.open")),
          h("button", { type: "button", class: "btn small", "data-testid": "run-delete", disabled: r.status === "training",
            title: r.status === "training" ? t("runs.delete.busy") : undefined, onClick: () => onDelete(r.id) }, t("runs.delete")))));
      table.replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
    },
  };
}
