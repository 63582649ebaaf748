// Every formula in the lesson texts (static/lessons/en.json, ko.json) typesets with KaTeX.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import katex from "katex";

const texts = (lang) => JSON.parse(readFileSync(new URL(`../../static/lessons/${lang}.json`, import.meta.url), "utf8"));

/** Every string under the lessons, with where it is. */
function strings(node, where, out = []) {
  if (typeof node === "string") out.push([where, node]);
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) strings(v, `${where}.${k}`, out);
  return out;
}

/** The $…$ pieces of a text. */
const formulas = (text) => [...text.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);

for (const lang of ["en", "ko"]) {
  test(`${lang}: every lesson formula renders with KaTeX in strict mode`, () => {
    const all = strings(texts(lang).lessons, lang);
    let count = 0;
    for (const [where, text] of all) {
      assert.equal((text.match(/\$/g) || []).length % 2, 0, `${where}: unbalanced $`);
      for (const tex of formulas(text)) {
        assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: "error" }), `${where}: ${tex}`);
        count += 1;
      }
    }
    assert.ok(count > 60, `only ${count} formulas found`);
  });
}

test("both languages carry the same formulas, lesson by lesson", () => {
  const en = texts("en").lessons, ko = texts("ko").lessons;
  for (const id of Object.keys(en)) {
    const pick = (t) => t.body.flatMap(formulas).sort();
    assert.deepEqual(pick(ko[id]), pick(en[id]), id);
  }
});
