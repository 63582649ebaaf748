/** The race's legend: each racer's colour and name, its learning rate (and ε or weight decay where they matter), and its fate. */
import { h, tOr } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";
import { EXTRAS } from "./race.js";

/** A racer's label when it says more than the optimizer's name ("lr 0.005", "(4, 4)"), else "". Pure. */
export function extraLabel(racer) {
  const plain = (s) => String(s || "").toLowerCase().replace(/[^a-z0-9]/g, "");
  return racer.label && plain(racer.label) !== plain(racer.name) ? racer.label : "";
}

/** mountLegend(ul, {t, options, onChange()}) -> {update(racers, paths)}: editing a number changes the racer and calls onChange. */
export function mountLegend(ul, { t, options, onChange }) {
  const name = (r) => tOr(t, `downhill.opt.${r.name}`, r.name);
  const hp = (r, key) => (((options.optimizers || {})[r.name] || {})[key] || {});
  const numberIn = (value, testid, aria, onValue) => h("input", { type: "number", step: "any", min: "0", value, class: "lr-in",
    "data-testid": testid, "aria-label": aria, onChange: (e) => { const v = Number(e.target.value); if (v > 0 || (v === 0 && testid.includes("weight_decay"))) onValue(v); } });
  return {
    update(racers, paths) {
      const seen = new Set();
      ul.replaceChildren(...racers.map((r, k) => {
        // The first racer of an optimizer keeps the plain test id; a race of one optimizer numbers the rest.
        const id = seen.has(r.name) ? `${r.name}-${k}` : r.name;
        seen.add(r.name);
        const lr = numberIn(r.lr, `race-lr-${id}`, t("downhill.lr.aria", { name: name(r) }), (v) => { r.lr = v; onChange(); });
        const extras = (EXTRAS[r.name] || []).map((key) => [h("span", { class: "lr-label" }, t(`downhill.hp.${key}`)),
          numberIn((r.extra || {})[key] ?? hp(r, key).default, `race-${key}-${id}`, t(`downhill.hp.${key}.aria`, { name: name(r) }),
            (v) => { r.extra = { ...(r.extra || {}), [key]: v }; onChange(); })]);
        const path = paths[k];
        const fate = path && path.diverged ? t("downhill.diverged") : "";
        return h("li", { dataset: { optimizer: r.name, racer: String(k) } }, h("span", { class: "swatch", style: { background: CATEGORICAL[k % CATEGORICAL.length] } }),
          h("span", { class: "racer-name" }, name(r), extraLabel(r) ? h("small", { class: "racer-label" }, ` ${extraLabel(r)}`) : null),
          h("span", { class: "lr-label" }, t("downhill.lr.short")), lr, h("span", { class: "fate" }, fate),
          // ε or weight decay on a line of their own, under the learning rate
          extras.length ? h("span", { class: "racer-more" }, extras) : null);
      }));
    },
  };
}
