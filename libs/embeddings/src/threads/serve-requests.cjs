// The worker side of ThreadPool's protocol, shared by the worker scripts (plain JavaScript:
// workers start from files Node runs as is, in source and in builds).
const { parentPort } = require('node:worker_threads');

/**
 * Answers the pool's `{ id, request }` messages with `handle(request)`, which resolves to
 * `{ result, transfer? }`. The pool may hand a worker its next request early: requests run one
 * at a time, in order, so two model calls never share this thread's core.
 */
function serveRequests(handle) {
  let previous = Promise.resolve();
  parentPort.on('message', ({ id, request }) => {
    previous = previous.then(async () => {
      try {
        const { result, transfer = [] } = await handle(request);
        parentPort.postMessage({ id, ok: true, result }, transfer);
      } catch (error) {
        parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

module.exports = { serveRequests };
