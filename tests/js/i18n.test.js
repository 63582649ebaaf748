import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { mergeDictionaries, pickLanguage, translator, loadDictionaries } from "../../static/i18n.js";

const dir = new URL("../../static/i18n/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".js"));

for (const file of files) {
  test(`${file}: every English key has a Korean text and the other way round`, async () => {
    const dict = (await import(new URL(file, dir))).default;
    const en = Object.keys(dict.en).sort();
    const ko = Object.keys(dict.ko).sort();
    assert.deepEqual(en.filter((k) => !ko.includes(k)), [], "missing in ko");
    assert.deepEqual(ko.filter((k) => !en.includes(k)), [], "missing in en");
    for (const k of en) {
      assert.ok(dict.ko[k].trim(), `${k} is empty in ko`);
      const ph = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
      assert.equal(ph(dict.ko[k]), ph(dict.en[k]), `${k}: placeholders differ`);
    }
  });
}

test("the merged dictionary holds every panel file's keys", async () => {
  const merged = await loadDictionaries();
  for (const file of files) {
    const dict = (await import(new URL(file, dir))).default;
    for (const k of Object.keys(dict.en)) assert.ok(k in merged.en, `${file}: ${k} not merged`);
  }
  assert.ok(Object.keys(merged.ko).length > 50);
});

test("Korean text really is Korean", async () => {
  const merged = await loadDictionaries();
  assert.match(merged.ko["build.lr"], /[가-힣]/);
  assert.match(merged.ko["status.msg.diverged"], /학습률/);
});

test("language: stored choice first, then the browser's, else English", () => {
  assert.equal(pickLanguage("ko", ["en-US"]), "ko");
  assert.equal(pickLanguage(null, ["ko-KR", "en"]), "ko");
  assert.equal(pickLanguage(null, ["fr-FR", "en-GB"]), "en");
  assert.equal(pickLanguage("xx", ["de"]), "en");
});

test("translator fills placeholders and falls back to English, then the key", () => {
  const t = translator(mergeDictionaries([{ en: { a: "hi {name}", b: "only en" }, ko: { a: "안녕 {name}" } }]), "ko");
  assert.equal(t("a", { name: "민수" }), "안녕 민수");
  assert.equal(t("b"), "only en");
  assert.equal(t("nope"), "nope");
});
