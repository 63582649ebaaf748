/** A throttle for redraws and requests that may be asked for many times a second. Pure. */

/** createThrottle(fn, ms) -> {soon(), now(), cancel()}: soon() runs fn at most once per ms (a call inside the window runs once at its end). */
export function createThrottle(fn, ms, { clock = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let last = -Infinity;
  let timer = null;
  const run = () => { timer = null; last = clock(); fn(); };
  const cancel = () => { if (timer !== null) clearTimer(timer); timer = null; };
  return {
    soon() {
      if (timer !== null) return;
      const wait = last + ms - clock();
      if (wait <= 0) run();
      else timer = setTimer(run, wait);
    },
    now() { cancel(); run(); },
    cancel,
  };
}
