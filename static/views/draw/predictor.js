/**
 * Prediction requests while the user draws. Pure.
 *
 * One request is in flight at a time and only the newest drawing waits behind it, so a fast
 * stroke never builds a backlog. The end of a stroke is urgent: it goes out at once, beside
 * the one in flight (whose drawing it supersedes), so the final answer does not wait for an
 * obsolete one. An answer older than one already shown is dropped.
 */

/** createPredictor(send(body) -> Promise, onAnswer(answer, body), onError(err)) -> {request(makeBody, {urgent}), busy}. */
export function createPredictor(send, onAnswer, onError) {
  let inFlight = 0;
  let queued = null;
  let issued = 0;
  let shown = 0;

  async function run(makeBody) {
    inFlight += 1;
    const seq = ++issued;
    try {
      const body = makeBody();
      if (body) {
        const answer = await send(body);
        if (seq > shown) { shown = seq; onAnswer(answer, body); }
      }
    } catch (err) {
      if (seq > shown) onError(err);
    } finally {
      inFlight -= 1;
      if (queued && !inFlight) {
        const next = queued;
        queued = null;
        run(next);
      }
    }
  }

  return {
    /** Ask for a prediction; makeBody() is called only when the request actually goes out. */
    request(makeBody, { urgent = false } = {}) {
      if (!inFlight || (urgent && inFlight < 2)) {
        queued = null;
        run(makeBody);
      } else queued = makeBody;
    },
    get busy() { return inFlight > 0; },
  };
}
