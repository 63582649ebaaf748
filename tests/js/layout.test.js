// The page's layering, checked on the source tree: each panel's views stay in their folder,
// only the controller talks to the server, and these tests mirror static/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative, dirname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const STATIC = normalize(join(here, "../../static"));
const VIEWS = join(STATIC, "views");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const sources = walk(STATIC).filter((f) => f.endsWith(".js"));
const views = sources.filter((f) => f.startsWith(VIEWS));
/** Relative imports of a module, static and dynamic, resolved to absolute paths. */
function imports(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"'$`]+)["']/g)].map((m) => normalize(join(dirname(file), m[1])));
}
const panelOf = (file) => relative(VIEWS, file).split("/")[0];

test("a view imports nothing from another panel's views, nor the controller or the actions", () => {
  const bad = [];
  for (const file of views) {
    for (const dep of imports(file)) {
      const crosses = dep.startsWith(VIEWS) && panelOf(dep) !== panelOf(file);
      const owner = ["controller.js", "actions.js"].includes(relative(STATIC, dep));
      if (crosses || owner) bad.push(`${relative(STATIC, file)} -> ${relative(STATIC, dep)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("views never send on the socket nor run timers that repeat", () => {
  const bad = views.filter((f) => /\.send\(|new WebSocket|setInterval|\bcontroller\b/.test(readFileSync(f, "utf8")));
  assert.deepEqual(bad.map((f) => relative(STATIC, f)), []);
});

test("only a panel's own <panel>.js reads the store: its parts get plain data", () => {
  const parts = views.filter((f) => f.split("/").pop() !== `${panelOf(f)}.js`);
  const bad = parts.filter((f) => /\bstore\b/.test(readFileSync(f, "utf8")));
  assert.deepEqual(bad.map((f) => relative(STATIC, f)), []);
});

test("client messages are built only by protocol.js", () => {
  const types = ["start", "pause", "resume", "stop", "step", "set_lr", "set_speed", "surface", "probe"];
  const literal = new RegExp(`type:\\s*["'](${types.join("|")})["']`);
  const bad = sources.filter((f) => !f.endsWith("protocol.js") && literal.test(readFileSync(f, "utf8")));
  assert.deepEqual(bad.map((f) => relative(STATIC, f)), []);
});

test("no two modules share a name, and each test file mirrors a module of static/", () => {
  const names = sources.map((f) => f.split("/").pop());
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  const tests = walk(here).filter((f) => f.endsWith(".test.js") && f !== fileURLToPath(import.meta.url));
  // X.test.js tests the module X.js, or the data folder X/ (static/lessons/ is read as data).
  const mirrored = (f) => { const base = join(STATIC, relative(here, f).replace(/\.test\.js$/, "")); return existsSync(`${base}.js`) || existsSync(base); };
  const orphans = tests.filter((f) => !mirrored(f));
  assert.deepEqual(orphans.map((f) => relative(here, f)), []);
});
