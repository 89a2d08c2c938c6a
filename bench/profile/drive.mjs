// bc-authorize load for the CPU-per-request measurements (bench/profile/ab.sh, perf.sh) and bench/floor.sh: 16
// connections, each request a fresh ES256 signed request object, as bench/compare.sh's bc scenario (signed before the
// run unless BENCH_SIGNING=live; see ../load/signed-bodies.mjs). Prints {rps, p50, p99, non2xx, signedLive}.
//   node bench/profile/drive.mjs DEMO_ENV SECONDS
import autocannon from 'autocannon';
import { loadTarget } from '../load/target.mjs';
import { signedBodies } from '../load/signed-bodies.mjs';

const t = loadTarget('Mandate', process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const bodies = signedBodies(t, seconds, Number(process.env.BENCH_SIGN_RATE ?? 12_000));
const r = await autocannon({
  url: t.cibaUrl.origin, connections: Number(process.env.BENCH_CONNECTIONS ?? 16), duration: seconds, timeout: 10,
  requests: [{ method: 'POST', path: t.cibaUrl.pathname, headers: t.headers, body: bodies.next(),
    setupRequest: (req) => ({ ...req, body: bodies.next() }) }],
});
console.log(JSON.stringify({
  rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, signedLive: bodies.signedLive(),
}));
