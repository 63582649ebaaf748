import { test } from "node:test";
import assert from "node:assert/strict";
import { sequential, diverging, maxAbs, toRGBA, CATEGORICAL } from "../../static/colors.js";

const lum = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

test("sequential scale gets steadily lighter (readable without hue)", () => {
  let prev = -1;
  for (let i = 0; i <= 20; i++) {
    const l = lum(sequential(i / 20));
    assert.ok(l > prev, `lightness must increase at ${i / 20}`);
    prev = l;
  }
});

test("diverging scale: light at zero, darker at both ends, blue negative and orange positive", () => {
  const zero = lum(diverging(0));
  assert.ok(zero > lum(diverging(-1)) + 80 && zero > lum(diverging(1)) + 80);
  const [rn, , bn] = diverging(-1);
  const [rp, , bp] = diverging(1);
  assert.ok(bn > rn && rp > bp);
});

test("out-of-range values clamp and NaN is a neutral grey", () => {
  assert.deepEqual(diverging(-5), diverging(-1));
  assert.deepEqual(sequential(2), sequential(1));
  assert.deepEqual(diverging(NaN), [128, 128, 128]);
});

test("maxAbs ignores non-finite values; toRGBA writes opaque pixels", () => {
  assert.equal(maxAbs([1, -3, NaN, Infinity]), 3);
  const px = toRGBA([0, 1], sequential, (v) => v);
  assert.equal(px.length, 8);
  assert.equal(px[3], 255);
  assert.deepEqual(Array.from(px.slice(4, 7)), sequential(1));
  assert.equal(new Set(CATEGORICAL).size, CATEGORICAL.length);
});
