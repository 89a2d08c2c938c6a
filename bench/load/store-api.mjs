// The store API's cost of authorization: authorized GET /deals (a Bearer access token with scope `prices`, minted
// once by client_credentials from the authorization server in ENV_FILE) against anonymous GET /products, with the
// same load generator and concurrency, alternating A/B/C/A/B/C. Prints both figures and the ratio deals ÷ products.
// A third case, anonymous /products sent with the same token, isolates the token's validation cost (same query and
// answer). Started by bench/store-api.sh.
//
//   node bench/load/store-api.mjs --env FILE --store URL [--issuer-name NAME]
//
// Settings (environment): BENCH_CONNECTIONS (16), BENCH_DURATION (10), BENCH_ROUNDS (2), BENCH_WARMUP (10: the store API's JIT needs longer than the servers').
// Only 200 answers count.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadTarget } from './target.mjs';
import { int, median, ms } from './report.mjs';

const { values: args } = parseArgs({
  options: { env: { type: 'string' }, store: { type: 'string' }, 'issuer-name': { type: 'string', default: 'the server' } },
});
if (!args.env || !args.store) throw new Error('usage: store-api.mjs --env FILE --store URL');
const setting = (name, fallback, max = 600) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer 1..${max}`);
  return value;
};
const connections = setting('BENCH_CONNECTIONS', 16);
const duration = setting('BENCH_DURATION', 10);
const rounds = setting('BENCH_ROUNDS', 2, 5);
const warmup = setting('BENCH_WARMUP', 10);

const server = loadTarget(args['issuer-name'], args.env);
const minted = await server.post(server.tokenUrl, server.clientCredentialsBody('prices'));
if (minted.status !== 200 || !minted.body?.access_token) throw new Error(`token endpoint answered ${minted.status} ${minted.body?.error ?? ''}`);
const bearer = `Bearer ${minted.body.access_token}`;
const store = new URL(args.store);

const cases = [
  { name: 'anonymous /products', path: '/products', headers: {} },
  { name: 'authorized /deals', path: '/deals', headers: { authorization: bearer } },
  // the control: the same query and answer as anonymous /products, plus the token, which the API's authentication
  // middleware (JwtBearer is the default scheme) validates on every request. This ratio is the cost of the token alone.
  { name: 'token + /products', path: '/products', headers: { authorization: bearer } },
];

// checks: /deals refuses no token, accepts ours; /products answers anonymously and with the token
for (const [what, path, headers, expected] of [
  ['GET /deals without a token', '/deals', {}, 401],
  ['GET /deals with the token', '/deals', { authorization: bearer }, 200],
  ['GET /products anonymously', '/products', {}, 200],
  ['GET /products with the token', '/products', { authorization: bearer }, 200],
]) {
  const response = await fetch(new URL(path, store), { headers });
  const body = await response.text();
  if (response.status !== expected) throw new Error(`${what}: ${response.status}, expected ${expected}`);
  console.log(`  check ${what}: ${response.status}${response.status === 200 ? ` (${body.length} bytes, ${JSON.parse(body).length} items)` : ''}`);
}

async function run(c, seconds) {
  let ok = 0;
  const statuses = {};
  const result = await autocannon({
    url: store.origin, connections, duration: seconds, timeout: 10,
    requests: [{
      method: 'GET', path: c.path, headers: { accept: 'application/json', ...c.headers },
      onResponse(status) {
        if (status === 200) ok += 1;
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
    }],
  });
  return { okPerSecond: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors };
}

console.log(`load: autocannon 9.0.0, ${connections} connections, ${rounds} rounds × ${duration} s per case, A/B/C/A/B/C, ` +
  `${warmup} s warm-up per case; token from ${args['issuer-name']} (${server.issuer})`);
for (const c of cases) await run(c, warmup);
const runs = new Map(cases.map((c) => [c.name, []]));
console.log(`  ${'round'.padEnd(7)}${'case'.padEnd(22)}${'ok/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  answers`);
for (let round = 1; round <= rounds; round += 1) {
  for (const c of cases) {
    const r = await run(c, duration);
    runs.get(c.name).push(r);
    console.log(`  ${String(round).padEnd(7)}${c.name.padEnd(22)}${int(r.okPerSecond).padStart(9)}${ms(r.p50).padStart(9)}` +
      `${ms(r.p99).padStart(9)}  ${JSON.stringify(r.statuses)}${r.errors ? ` errors=${r.errors}` : ''}`);
  }
}
const figures = {};
for (const [name, list] of runs) {
  figures[name] = { okPerSecond: median(list.map((r) => r.okPerSecond)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) };
  const f = figures[name];
  console.log(`  ${'median'.padEnd(7)}${name.padEnd(22)}${int(f.okPerSecond).padStart(9)}${ms(f.p50).padStart(9)}${ms(f.p99).padStart(9)}`);
}
const deals = figures['authorized /deals'];
const products = figures['anonymous /products'];
console.log(`\n| case | ok/s (p50 / p99 ms) |\n| --- | --- |`);
for (const [name, f] of Object.entries(figures)) console.log(`| ${name} | ${int(f.okPerSecond)} (${ms(f.p50)} / ${ms(f.p99)}) |`);
const control = figures['token + /products'];
console.log(`| ratio authorized /deals ÷ anonymous /products | ${(deals.okPerSecond / products.okPerSecond).toFixed(2)}× |`);
console.log(`| ratio token + /products ÷ anonymous /products (same work; the token's cost alone) | ${(control.okPerSecond / products.okPerSecond).toFixed(2)}× |`);
