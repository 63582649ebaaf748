/** The states a training run goes through, as the status pill and every panel name them. Pure. */

/** Every state the page shows: the server's (`status` messages) plus the page's own idle, requested, lost and badlink. */
export const RUN_STATES = ["idle", "requested", "queued", "training", "paused", "done", "diverged", "stopped", "error", "lost", "badlink"];

/** The server is doing a run for this page (it may be lost if the socket drops): settings are locked. */
export const ACTIVE = ["requested", "queued", "training", "paused"];

/** The run moves on by itself (not paused). */
export const MOVING = ["requested", "queued", "training"];

/** A run that has weights the server keeps: while it trains or is paused, and after it ended well. */
export const WITH_WEIGHTS = ["training", "paused", "done", "stopped"];

/** The run is over and its results are final. */
export const ENDED = ["done", "diverged", "stopped"];

/** A status message (or null) -> its state name ("idle" when there is none). */
export const runState = (status) => (status && status.state) || "idle";

/** A run the server was doing for this connection. */
export const isActive = (status) => ACTIVE.includes(runState(status));
