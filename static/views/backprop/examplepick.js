/** The training example a step traces: one of the data (#1 …), or typed (inputs x and a label). */
import { h } from "../../dom.js";
import { parseNumbers, typedNumber } from "./netform.js";

function exampleText(t, i, e) {
  return e ? t("bp.example.row", { i: i + 1, x: e.x.join(", "), label: e.label }) : t("bp.example.index", { i: i + 1 });
}

/** mountExamplePick(root, {t, note(key), onExample(example)}) -> {draw({examples, example}), showExample(answerExample), typeOne()}. */
export function mountExamplePick(root, { t, note, onExample }) {
  const choice = h("select", { "data-testid": "bp-example", "data-field": "example.index", id: "bp-ex-choice", onChange: () => choose() });
  const x = h("input", { "data-testid": "bp-example-x", "data-field": "example.x", id: "bp-ex-x", autocomplete: "off", spellcheck: "false" });
  const label = h("input", { "data-testid": "bp-example-label", "data-field": "example.label", id: "bp-ex-label", type: "number", step: 1, min: 0 });
  const go = h("button", { type: "button", class: "btn small", "data-testid": "bp-example-go", onClick: () => choose() });
  const shown = h("p", { class: "bp-example-now", "data-testid": "bp-example-now" });
  const typed = h("div", { class: "bp-typed", hidden: true });
  const box = h("div", { class: "bp-example-box" });
  root.append(box);
  let typing = false;     // "type one" chosen: the typed fields stay open until an example of the data is chosen
  let last = null;

  function choose() {
    typing = choice.value === "typed";
    typed.hidden = !typing;
    if (!typing) onExample({ index: Number(choice.value) });
    else if (x.value.trim()) onExample({ x: parseNumbers(x.value), label: typedNumber(label.value.trim() || "0") });
  }

  return {
    /** examples: what is known of each example of the data ({x, label} or null); example: the one in use. */
    draw({ examples, example }) {
      // A new example of the data (n, or a run of updates) closes the typed fields.
      if (example && example !== last && example.index !== undefined) typing = false;
      last = example;
      const index = example && example.index;
      choice.replaceChildren(...examples.map((e, i) => h("option", { value: String(i) }, exampleText(t, i, e))),
        h("option", { value: "typed" }, t("bp.example.typed")));
      choice.value = typing || index === null || index === undefined ? "typed" : String(index);
      x.placeholder = t("bp.example.x.placeholder");
      go.textContent = t("bp.example.go");
      typed.replaceChildren(h("label", { for: x.id }, t("bp.example.x")), x, note("example.x"),
        h("label", { for: label.id }, t("bp.example.label")), label, note("example.label"), go);
      typed.hidden = choice.value !== "typed";
      box.replaceChildren(h("div", { class: "bp-example-pick" }, h("label", { for: choice.id }, t("bp.example")), choice,
        note("example.index")), typed, shown, note("example"));
    },
    /** Say which example is in use: "x = (0, 1), target t = 1". */
    showExample(example) {
      shown.textContent = t("bp.example.now", { x: example.x.map((v) => String(v)).join(", "), t: example.target.join(", ") });
    },
    /** Open the typed fields (an error names one of them). */
    typeOne() {
      typing = true;
      choice.value = "typed";
      typed.hidden = false;
    },
  };
}
