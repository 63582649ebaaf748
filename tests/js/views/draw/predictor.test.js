import { test } from "node:test";
import assert from "node:assert/strict";
import { createPredictor } from "../../../../static/views/draw/predictor.js";

test("predictor keeps one request in flight and sends only the newest drawing next", async () => {
  const sent = [];
  const answers = [];
  let release;
  const send = (body) => { sent.push(body); return new Promise((r) => { release = () => r({ echo: body }); }); };
  const p = createPredictor(send, (a) => answers.push(a.echo), assert.fail);
  p.request(() => 1);
  p.request(() => 2);
  p.request(() => 3);
  assert.deepEqual(sent, [1]);
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(sent, [1, 3]);
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, [1, 3]);
  assert.equal(p.busy, false);
});

test("the end of a stroke goes out beside the request in flight, and the older answer is then dropped", async () => {
  const sent = [];
  const answers = [];
  const release = [];
  const send = (body) => { sent.push(body); return new Promise((r) => { release.push(() => r({ echo: body })); }); };
  const p = createPredictor(send, (a) => answers.push(a.echo), assert.fail);
  p.request(() => "move");
  p.request(() => "move 2");                  // waits behind the one in flight
  p.request(() => "end", { urgent: true });   // does not wait, and supersedes "move 2"
  assert.deepEqual(sent, ["move", "end"]);
  release[1]();
  await new Promise((r) => setTimeout(r, 0));
  release[0]();                               // the obsolete answer arrives last
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, ["end"]);
  assert.equal(p.busy, false);
  assert.deepEqual(sent, ["move", "end"], "nothing was left waiting");
});
