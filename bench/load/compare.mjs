// Drives oidc-provider (the peer) and Mandate.Server with the same load generator (autocannon, in this process),
// the same requests and the same concurrency, alternating A/B/A/B, and prints both figures and the ratio
// Mandate ÷ oidc-provider per scenario. Started by bench/compare.sh, which starts and stops the servers.
//
//   node bench/load/compare.mjs --peer-env FILE [--mandate-env FILE | --mandate-missing "why"] [--json FILE]
//
// Settings (environment): BENCH_CONNECTIONS (16), BENCH_DURATION seconds per run (10), BENCH_ROUNDS (2),
// BENCH_WARMUP seconds per target and scenario, not counted (10), BENCH_SCENARIOS (cc,poll,bc), BENCH_SIGNING (ahead:
// bc request objects are signed before each run, not by the generator while it measures; live: as each is sent).
// Only answers of the expected kind count: a 200 token, a pending poll's 400 authorization_pending or slow_down,
// a 200 auth_req_id. Anything else is listed and does not count.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadTarget } from './target.mjs';
import { signedBodies, signing } from './signed-bodies.mjs';
import { int, median, ms, pad, padLeft, ratio } from './report.mjs';

const { values: args } = parseArgs({
  options: {
    'peer-env': { type: 'string' },
    'mandate-env': { type: 'string' },
    'mandate-missing': { type: 'string' },
    json: { type: 'string' },
  },
});
const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 600) throw new Error(`${name} must be an integer 1..600`);
  return value;
};
const connections = setting('BENCH_CONNECTIONS', 16);
const duration = setting('BENCH_DURATION', 10);
const rounds = setting('BENCH_ROUNDS', 2);
const warmup = setting('BENCH_WARMUP', 10);
const wanted = (process.env.BENCH_SCENARIOS ?? 'cc,poll,bc').split(',').map((s) => s.trim());
if (rounds > 5) throw new Error('BENCH_ROUNDS must be at most 5');

if (!args['peer-env']) throw new Error('--peer-env FILE is required');
const targets = [loadTarget('oidc-provider', args['peer-env'])];
if (args['mandate-env']) targets.push(loadTarget('Mandate', args['mandate-env']));

const errorCode = (body) => /"error"\s*:\s*"([^"]+)"/.exec(body ?? '')?.[1];
const decodePart = (jwt, index) => JSON.parse(Buffer.from(jwt.split('.')[index], 'base64url').toString());

// ---- scenarios ------------------------------------------------------------------------------------------------------
// prepare(target, seconds, rate) → { url, body | setupBody(), isOk(status, error), note?() } ; check(target) → a sentence,
// or throws. `rate` is the most ok/s this target has answered in this scenario so far (undefined before its first run).
const scenarios = {
  cc: {
    title: 'client_credentials: tokens/s (scope prices, client_secret_basic, ES256 JWT access token)',
    async check(t) {
      const { status, body } = await t.post(t.tokenUrl, t.clientCredentialsBody());
      if (status !== 200 || !body?.access_token) throw new Error(`token endpoint answered ${status} ${body?.error ?? ''}`);
      const header = decodePart(body.access_token, 0);
      const claims = decodePart(body.access_token, 1);
      return `access token ${header.alg} typ=${header.typ} aud=${JSON.stringify(claims.aud)} scope=${claims.scope}`;
    },
    async prepare(t) {
      return { url: t.tokenUrl, body: t.clientCredentialsBody(), isOk: (status) => status === 200 };
    },
  },
  poll: {
    title: `CIBA polls answered while pending (one pending request per connection)`,
    async check(t) {
      const [id] = await pending(t, 1);
      const { status, body } = await t.post(t.tokenUrl, t.pollBody(id));
      if (status !== 400 || body?.error !== 'authorization_pending') throw new Error(`first poll answered ${status} ${body?.error ?? ''}`);
      return 'a pending request is polled: 400 authorization_pending';
    },
    async prepare(t) {
      const ids = await pending(t, connections);
      let next = 0;
      return {
        url: t.tokenUrl,
        setupBody: () => t.pollBody(ids[next++ % ids.length]),
        isOk: (status, error) => status === 400 && (error === 'authorization_pending' || error === 'slow_down'),
      };
    },
  },
  bc: {
    title: 'bc-authorize: requests/s, each a fresh ES256 signed request object (openid payment + shoe_purchase details)',
    async check(t) {
      const { status, body } = await t.post(t.cibaUrl, t.backchannelBody(300));
      if (status !== 200 || !body?.auth_req_id) throw new Error(`backchannel endpoint answered ${status} ${body?.error ?? ''}`);
      return `200 with auth_req_id, expires_in ${body.expires_in}, interval ${body.interval ?? '(none)'}`;
    },
    async prepare(t, seconds, rate) {
      // Bodies for 1.5× the best rate seen, and 10,000/s before the first run; the rest, if any, is signed live.
      const bodies = signedBodies(t, seconds, rate ? rate * 1.5 + 500 : 10_000);
      const note = () => (bodies.signedLive() ? ` signed-during-run=${bodies.signedLive()}` : '');
      return { url: t.cibaUrl, setupBody: () => bodies.next(), isOk: (status) => status === 200, note };
    },
  },
};

async function pending(t, count) {
  const ids = [];
  for (let i = 0; i < count; i += 1) {
    const { status, body } = await t.post(t.cibaUrl, t.backchannelBody(1800));
    if (status !== 200 || !body?.auth_req_id) throw new Error(`backchannel endpoint answered ${status} ${body?.error ?? ''}`);
    ids.push(body.auth_req_id);
  }
  return ids;
}

// ---- one run --------------------------------------------------------------------------------------------------------
const bestRate = new Map();
async function run(t, scenario, seconds) {
  const key = `${t.name}/${scenario.title}`;
  const plan = await scenario.prepare(t, seconds, bestRate.get(key));
  const answers = new Map();
  let ok = 0;
  const request = {
    method: 'POST',
    path: plan.url.pathname,
    headers: t.headers,
    body: plan.body ?? plan.setupBody(),
    onResponse(status, body) {
      const error = status === 200 ? undefined : errorCode(body);
      if (plan.isOk(status, error)) ok += 1;
      const key = error ? `${status} ${error}` : String(status);
      answers.set(key, (answers.get(key) ?? 0) + 1);
    },
  };
  if (plan.setupBody) {
    request.setupRequest = (req) => ({ ...req, body: plan.setupBody() });
  }
  const result = await autocannon({
    url: plan.url.origin, connections, duration: seconds, requests: [request], timeout: 10,
  });
  bestRate.set(key, Math.max(bestRate.get(key) ?? 0, ok / result.duration));
  return {
    note: plan.note?.() ?? '',
    okPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    answers: Object.fromEntries(answers),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

// ---- report ---------------------------------------------------------------------------------------------------------

const started = new Date();
console.log(`load: autocannon 9.0.0, ${connections} connections, ${rounds} rounds × ${duration} s per target, A/B/A/B, ` +
  `${warmup} s warm-up per target and scenario (not counted); bc request objects signed ${signing === 'ahead' ? 'before each run' : 'as each is sent'}`);
console.log(`targets: ${targets.map((t) => `${t.name} (${t.issuer})`).join(', ')}`);
if (!args['mandate-env']) console.log(`Mandate.Server: MISSING — ${args['mandate-missing'] ?? 'no --mandate-env given'}; the peer's figures only`);

const summary = [];
for (const id of wanted) {
  const scenario = scenarios[id];
  if (!scenario) throw new Error(`unknown scenario ${id} (known: ${Object.keys(scenarios).join(', ')})`);
  console.log(`\n== ${id}: ${scenario.title}`);
  const live = [];
  for (const t of targets) {
    try {
      console.log(`  check ${pad(t.name, 13)} ${await scenario.check(t)}`);
      live.push(t);
    } catch (err) {
      console.log(`  check ${pad(t.name, 13)} FAILED: ${err.message} — not measured`);
    }
  }
  for (const t of live) await run(t, scenario, warmup);
  const runs = new Map(live.map((t) => [t.name, []]));
  console.log(`  ${pad('round', 7)}${pad('target', 15)}${padLeft('ok/s', 9)}${padLeft('p50 ms', 9)}${padLeft('p99 ms', 9)}  answers`);
  for (let round = 1; round <= rounds; round += 1) {
    for (const t of live) {
      const r = await run(t, scenario, duration);
      runs.get(t.name).push(r);
      const extra = (r.errors ? ` errors=${r.errors}` : '') + (r.timeouts ? ` timeouts=${r.timeouts}` : '') + r.note;
      console.log(`  ${pad(round, 7)}${pad(t.name, 15)}${padLeft(int(r.okPerSecond), 9)}${padLeft(ms(r.p50), 9)}` +
        `${padLeft(ms(r.p99), 9)}  ${JSON.stringify(r.answers)}${extra}`);
    }
  }
  const figures = {};
  for (const [name, list] of runs) {
    figures[name] = {
      okPerSecond: median(list.map((r) => r.okPerSecond)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      runs: list,
    };
    const f = figures[name];
    console.log(`  ${pad('median', 7)}${pad(name, 15)}${padLeft(int(f.okPerSecond), 9)}${padLeft(ms(f.p50), 9)}${padLeft(ms(f.p99), 9)}`);
  }
  const peer = figures['oidc-provider'];
  const ours = figures.Mandate;
  if (peer && ours) {
    console.log(`  Mandate ÷ oidc-provider: throughput ${ratio(ours.okPerSecond, peer.okPerSecond)}, ` +
      `p50 ${ratio(ours.p50, peer.p50)}, p99 ${ratio(ours.p99, peer.p99)}`);
  }
  summary.push({ id, title: scenario.title, figures });
}

console.log('\nsummary (medians; markdown)');
console.log('| scenario | oidc-provider ok/s (p50 / p99 ms) | Mandate ok/s (p50 / p99 ms) | Mandate ÷ oidc-provider |');
console.log('| --- | --- | --- | --- |');
for (const { id, figures } of summary) {
  const cell = (f) => (f ? `${int(f.okPerSecond)} (${ms(f.p50)} / ${ms(f.p99)})` : (args['mandate-env'] ? 'not measured' : 'missing'));
  const peer = figures['oidc-provider'];
  const ours = figures.Mandate;
  console.log(`| ${id} | ${cell(peer)} | ${cell(ours)} | ${peer && ours ? ratio(ours.okPerSecond, peer.okPerSecond) : 'n/a'} |`);
}

if (args.json) {
  writeFileSync(args.json, `${JSON.stringify({ started, connections, duration, rounds, warmup, summary }, null, 2)}\n`);
  console.log(`\nraw figures: ${args.json}`);
}
