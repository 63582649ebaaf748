import { test } from "node:test";
import assert from "node:assert/strict";
import katex from "katex";
import { fmt, fmtError, tex, forwardTex, definition, lossDefinition, upstreamOf, downstreamRows, productTex, gradSymbol } from "../../../../static/views/backprop/arith.js";
import { trace, node, CASES } from "./fixture.js";

const renders = (source) => katex.renderToString(source, { throwOnError: true, strict: "error" });

test("numbers in four significant digits with a real minus; tiny and huge ones with an exponent", () => {
  assert.equal(fmt(0.4528471989539067), "0.4528");
  assert.equal(fmt(-0.13613908553877083), "−0.1361");
  assert.equal(fmt(-0.09341224466100138, 3), "−0.0934");
  assert.equal(fmt(1), "1");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(2.4043898716580732e-11), "2.4e−11");
  assert.equal(fmt(-1.2345e-5), "−1.23e−5");
  assert.equal(fmt(123456789), "1.23e8");
  assert.equal(fmt(null), "—");
  assert.equal(fmt(Infinity), "∞");
  assert.equal(fmtError(2.4043898716580732e-11), "2e−11");
  assert.equal(fmtError(0), "0");
  assert.equal(tex(-0.0934122, true), "(-0.09341)");
  assert.equal(tex(2.5e-7), "2.5\\times10^{-7}");
});

test("forward: each operation's formula with its inputs' values put in, ending in the endpoint's value", () => {
  const answer = trace("xor_2_2_1");
  const eq = (id) => forwardTex(node(answer, id), answer.graph, answer.network);
  // s = x1·w11 + x2·w21 with x = (1, 1)
  assert.equal(eq("s1.0"), "s^{(1)}_{1}=x_{1}\\,w^{(1)}_{1,1}+x_{2}\\,w^{(1)}_{2,1}=1\\cdot0.0889+1\\cdot0.4528=0.5418");
  assert.equal(eq("z1.0"), "z^{(1)}_{1}=s^{(1)}_{1}+b^{(1)}_{1}=0.5418+0=0.5418");
  assert.equal(eq("a1.0"), "a^{(1)}_{1}=\\tanh(z^{(1)}_{1})=\\tanh(0.5418)=0.4943");
  assert.equal(eq("y.0"), "y_{1}=\\sigma(z^{(2)}_{1})=\\sigma(-0.1922)=0.4521");
  assert.ok(eq("L").endsWith("=-[0\\cdot\\ln 0.4521+(1-0)\\cdot\\ln(1-0.4521)]=0.6017"), eq("L"));
});

test("every forward formula, definition and backward line of every case typesets with KaTeX", () => {
  let count = 0;
  for (const name of CASES) {
    const answer = trace(name);
    for (const id of answer.graph.forward) {
      const n = node(answer, id);
      renders(forwardTex(n, answer.graph, answer.network));
      if (n.function) renders(definition(n.function) || "x");
      count += 1;
    }
    renders(lossDefinition(answer.network.loss));
    for (const id of answer.graph.backward) {
      const n = node(answer, id);
      renders(`${upstreamOf(n, answer.graph).symbol}=1`);
      if (n.local_tex) renders(n.local_tex);
      for (const row of downstreamRows(n, answer.graph)) renders(`${row.symbol}=${tex(row.local)}\\quad${productTex(row)}`);
      count += 1;
    }
  }
  assert.ok(count > 60, `only ${count} steps`);
});

test("a unit-level network (no weight boxes) still names each weight in its sum", () => {
  const answer = trace("units");
  const eq = forwardTex(node(answer, "s2.0"), answer.graph, answer.network);
  assert.ok(eq.startsWith("s^{(2)}_{1}=a^{(1)}_{1}\\,w^{(2)}_{1,1}+a^{(1)}_{2}\\,w^{(2)}_{2,1}+a^{(1)}_{3}\\,w^{(2)}_{3,1}+\\cdots+"), eq);
  assert.ok(eq.includes("a^{(1)}_{8}\\,w^{(2)}_{8,1}="), "the last of the eight terms after the dots");
});

test("backward: upstream is the sum of what the readers sent, and each downstream is local × upstream", () => {
  for (const name of CASES) {
    const answer = trace(name);
    for (const n of answer.graph.nodes) {
      const up = upstreamOf(n, answer.graph);
      if (n.id === "L" || n.upstream === null) continue;
      const sum = up.parts.reduce((s, p) => s + p.value, 0);
      assert.ok(Math.abs(sum - n.upstream) <= 1e-12 * Math.max(1, Math.abs(n.upstream)), `${name} ${n.id}`);
    }
    for (const id of answer.graph.backward) {
      for (const row of downstreamRows(node(answer, id), answer.graph)) {
        assert.ok(Math.abs(row.local * row.upstream - row.downstream) <= 1e-15 + 1e-12 * Math.abs(row.downstream), `${name} ${id} ${row.id}`);
      }
    }
  }
  const answer = trace("xor_2_2_1");
  assert.deepEqual(upstreamOf(node(answer, "x.0"), answer.graph).parts.map((p) => p.id), ["s1.0", "s1.1"]);
  assert.equal(gradSymbol(node(answer, "L")), "\\frac{\\partial L}{\\partial L}");
  const jump = downstreamRows(node(answer, "L"), answer.graph);
  assert.deepEqual(jump.map((r) => [r.id, r.fused]), [["z2.0", true]], "fused: L sends straight to z, and nothing to t");
});
