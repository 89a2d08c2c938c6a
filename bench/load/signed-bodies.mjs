// bc-authorize request bodies for a measured run, each with a fresh ES256 request object (its own jti).
//
// By default they are signed before the run starts, so that the load generator's own ES256 signing (about 60 µs of
// CPU per body in node on this machine) does not compete for the cores with the server it measures: an agent signs
// on its own machine, not on the authorization server's. BENCH_SIGNING=live signs each body when it is sent instead
// (the method of every figure before 2026-12-07 in docs/benchmarks.md).
//
// The supply is sized from the target's expected rate; when a run outpaces it, the rest is signed live and counted,
// so a figure never rests on a replayed jti and the report says how many bodies were signed during the run.

const mode = process.env.BENCH_SIGNING ?? 'ahead';
if (mode !== 'ahead' && mode !== 'live') throw new Error('BENCH_SIGNING must be "ahead" or "live"');

/** How bodies are signed in this run: "ahead" or "live". */
export const signing = mode;

/**
 * Bodies for one run of `seconds` at up to `perSecond` requests/s against target `t` (from target.mjs).
 * Returns { next(), signedLive() }: `next` hands out a pre-signed body, or signs one when the supply is used up.
 */
export function signedBodies(t, seconds, perSecond, requestedExpiry = 300) {
  const bodies = [];
  if (mode === 'ahead') {
    const count = Math.ceil(seconds * perSecond);
    for (let i = 0; i < count; i += 1) bodies.push(t.backchannelBody(requestedExpiry));
  }
  let next = 0;
  let live = 0;
  return {
    next() {
      if (next < bodies.length) {
        const body = bodies[next];
        bodies[next] = undefined;
        next += 1;
        return body;
      }
      live += 1;
      return t.backchannelBody(requestedExpiry);
    },
    signedLive: () => (mode === 'ahead' ? live : undefined),
  };
}
