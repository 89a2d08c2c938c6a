// Polls a large set of pending CIBA requests on Mandate.Server and reports the server's memory (VmRSS) and poll
// answers/s at that size. Started by bench/capacity.sh, which starts the server, seeds the requests and stops it.
//
//   node bench/load/capacity.mjs --env FILE --ids FILE --pid PID [--json FILE]
//
// Phase 1 polls every request once (the server then tracks each one's last poll); phase 2 polls them round-robin for
// BENCH_DURATION seconds (default 20) with BENCH_CONNECTIONS (16). Only a pending answer counts (400
// authorization_pending or slow_down). Bounded: phase 1 makes exactly one request per id, with a 300 s cap.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadTarget } from './target.mjs';

const { values: args } = parseArgs({
  options: { env: { type: 'string' }, ids: { type: 'string' }, pid: { type: 'string' }, json: { type: 'string' } },
});
if (!args.env || !args.ids || !/^\d+$/.test(args.pid ?? '')) throw new Error('--env FILE --ids FILE --pid PID are required');
const setting = (name, fallback, max) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer 1..${max}`);
  return value;
};
const connections = setting('BENCH_CONNECTIONS', 16, 256);
const duration = setting('BENCH_DURATION', 20, 300);

const target = loadTarget('Mandate', args.env);
const ids = readFileSync(args.ids, 'utf8').split('\n').filter((line) => line.length > 0);
if (ids.length === 0) throw new Error(`${args.ids} holds no auth_req_id`);

const rssMiB = () => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${args.pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
};
const errorCode = (body) => /"error"\s*:\s*"([^"]+)"/.exec(body ?? '')?.[1];

async function polls({ amount, seconds }) {
  let next = 0;
  let ok = 0;
  const answers = new Map();
  const result = await autocannon({
    url: target.tokenUrl.origin,
    connections,
    ...(amount ? { amount, duration: 300 } : { duration: seconds }),
    timeout: 10,
    requests: [{
      method: 'POST',
      path: target.tokenUrl.pathname,
      headers: target.headers,
      setupRequest: (req) => ({ ...req, body: target.pollBody(ids[next++ % ids.length]) }),
      onResponse(status, body) {
        const error = status === 200 ? undefined : errorCode(body);
        if (status === 400 && (error === 'authorization_pending' || error === 'slow_down')) ok += 1;
        const key = error ? `${status} ${error}` : String(status);
        answers.set(key, (answers.get(key) ?? 0) + 1);
      },
    }],
  });
  return {
    okPerSecond: ok / result.duration, ok, p50: result.latency.p50, p99: result.latency.p99,
    seconds: result.duration, answers: Object.fromEntries(answers), errors: result.errors, timeouts: result.timeouts,
  };
}

const figures = { pending: ids.length, connections, rssAfterSeedMiB: rssMiB() };
console.log(`pending requests: ${ids.length.toLocaleString('en-US')}; server RSS after seeding: ${figures.rssAfterSeedMiB.toFixed(0)} MiB`);

const first = await polls({ amount: ids.length });
figures.everyRequestPolledOnce = first;
figures.rssAfterFirstPassMiB = rssMiB();
console.log(`phase 1, every request polled once: ${Math.round(first.okPerSecond)} pending answers/s ` +
  `(p50 ${first.p50} ms, p99 ${first.p99} ms, ${first.seconds.toFixed(0)} s) ${JSON.stringify(first.answers)}; ` +
  `RSS ${figures.rssAfterFirstPassMiB.toFixed(0)} MiB`);

const steady = await polls({ seconds: duration });
figures.roundRobin = steady;
figures.rssAfterMiB = rssMiB();
console.log(`phase 2, ${duration} s round-robin over all of them: ${Math.round(steady.okPerSecond)} pending answers/s ` +
  `(p50 ${steady.p50} ms, p99 ${steady.p99} ms) ${JSON.stringify(steady.answers)}; RSS ${figures.rssAfterMiB.toFixed(0)} MiB`);

if (args.json) writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
