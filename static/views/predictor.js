/** At most one prediction request in flight; the newest drawing is sent as soon as the previous answer arrives. Pure. */

/** createPredictor(send(body) -> Promise, onAnswer(answer, body), onError(err)) -> {request(makeBody), busy}. */
export function createPredictor(send, onAnswer, onError) {
  let inFlight = false;
  let queued = null;

  async function run(makeBody) {
    inFlight = true;
    const body = makeBody();
    try {
      if (body) onAnswer(await send(body), body);
    } catch (err) {
      onError(err);
    } finally {
      inFlight = false;
      if (queued) {
        const next = queued;
        queued = null;
        run(next);
      }
    }
  }

  return {
    /** Ask for a prediction; makeBody() is called only when the request actually goes out. */
    request(makeBody) {
      if (inFlight) queued = makeBody;
      else run(makeBody);
    },
    get busy() { return inFlight; },
  };
}
