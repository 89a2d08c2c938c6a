// Drives Mandate.Server with 1 and then 2 instances behind one address (nginx), alternating A/B/A/B, with the same
// load generator as bench/compare.sh (autocannon, in this process), and prints ok/s, p50/p99 and the ratio 2 ÷ 1.
// Started by bench/scale-out/run.sh, which starts and stops the servers and the proxy.
//
//   node drive.mjs --env FILE --switch EXECUTABLE       # EXECUTABLE 1|2 points the proxy at 1 or 2 instances
//   node drive.mjs --env FILE --direct URL1,URL2        # no proxy: 2 instances = connections split across them
//   … --cpu "instances=PID,PID;nginx=PID;postgres=PID"  # also print the cores each used, and the machine's
//
// Settings (environment): BENCH_CONNECTIONS (16), BENCH_DURATION seconds per run (10), BENCH_ROUNDS (3),
// BENCH_WARMUP seconds per target and scenario, not counted (5), BENCH_SCENARIOS (cc,ciba), BENCH_POLLS_PER_FLOW (3).
// Only answers of the expected kind count: a 200 token; a 200 auth_req_id; a pending poll's 400 authorization_pending
// or slow_down. Anything else is listed and does not count.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadTarget, readEnvFile } from '../load/target.mjs';
import { int, median, ms, pad, padLeft, ratio } from '../load/report.mjs';

const { values: args } = parseArgs({
  options: { env: { type: 'string' }, switch: { type: 'string' }, direct: { type: 'string' }, cpu: { type: 'string' } },
});
const setting = (name, fallback, max = 600) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer 1..${max}`);
  return value;
};
const connections = setting('BENCH_CONNECTIONS', 16, 256);
const duration = setting('BENCH_DURATION', 10, 60);
const rounds = setting('BENCH_ROUNDS', 3, 5);
const warmup = setting('BENCH_WARMUP', 5, 30);
const pollsPerFlow = setting('BENCH_POLLS_PER_FLOW', 3, 10);
const wanted = (process.env.BENCH_SCENARIOS ?? 'cc,ciba').split(',').map((s) => s.trim());
if (!args.env || (!args.switch && !args.direct)) throw new Error('usage: drive.mjs --env FILE (--switch EXECUTABLE | --direct URL1,URL2)');

const target = loadTarget('Mandate', args.env);
const user = readEnvFile(args.env);
const errorCode = (body) => /"error"\s*:\s*"([^"]+)"/.exec(body ?? '')?.[1];

// ---- the two set-ups ------------------------------------------------------------------------------------------------
// Each: name, instances, prepare() (switch the proxy), origins (where autocannon connects; the connections are split
// evenly across them).
const setups = args.direct
  ? (() => {
    const [one, two] = args.direct.split(',').map((u) => new URL(u).origin);
    return [
      { name: '1 instance', instances: 1, prepare() {}, origins: [one] },
      { name: '2 instances', instances: 2, prepare() {}, origins: [one, two] },
    ];
  })()
  : [1, 2].map((n) => ({
    name: n === 1 ? '1 instance' : '2 instances',
    instances: n,
    prepare() { execFileSync(args.switch, [String(n)], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 30_000 }); },
    origins: [target.tokenUrl.origin],
  }));

// ---- scenarios ------------------------------------------------------------------------------------------------------
// requests(counter) → autocannon request list; counter(kind, ok, key) records one answer.
const scenarios = {
  cc: {
    title: 'client_credentials: tokens/s (scope prices, client_secret_basic, ES256 JWT access token)',
    requests: (count) => [{
      method: 'POST', path: target.tokenUrl.pathname, headers: target.headers, body: target.clientCredentialsBody(),
      onResponse(status, body) {
        const error = status === 200 ? undefined : errorCode(body);
        count(status === 200, error ? `${status} ${error}` : String(status));
      },
    }],
  },
  ciba: {
    title: `CIBA flow mix: per flow 1 bc-authorize (fresh ES256 signed request object) + ${pollsPerFlow} polls of it while pending`,
    requests: (count, fallbackId) => [
      {
        method: 'POST', path: target.cibaUrl.pathname, headers: target.headers,
        setupRequest: (req, context) => {
          context.authReqId = undefined;
          return { ...req, body: target.backchannelBody(300) };
        },
        onResponse(status, body, context) {
          let id;
          if (status === 200) {
            try { id = JSON.parse(body).auth_req_id; } catch { id = undefined; }
          }
          context.authReqId = id;
          count(status === 200 && Boolean(id), `bc ${status === 200 ? '200' : `${status} ${errorCode(body)}`}`);
        },
      },
      ...Array.from({ length: pollsPerFlow }, () => ({
        method: 'POST', path: target.tokenUrl.pathname, headers: target.headers,
        setupRequest: (req, context) => ({ ...req, body: target.pollBody(context.authReqId ?? fallbackId) }),
        onResponse(status, body) {
          const error = status === 200 ? undefined : errorCode(body);
          count(status === 400 && (error === 'authorization_pending' || error === 'slow_down'), `poll ${status} ${error ?? ''}`.trim());
        },
      })),
    ],
  },
};

// ---- checks (outside any measurement) ------------------------------------------------------------------------------
const decodePart = (jwt, index) => JSON.parse(Buffer.from(jwt.split('.')[index], 'base64url').toString());

// A reload of the proxy closes the idle keep-alive connections fetch holds: a call that finds its connection closed
// is made once more on a new one (each call builds its body afresh, so a request object is never sent twice).
async function again(call) {
  try {
    return await call();
  } catch (err) {
    if (err?.cause?.code !== 'UND_ERR_SOCKET') throw err;
    return call();
  }
}
const post = (url, body) => again(() => target.post(url, body()));
const send = (url, init) => again(() => fetch(url, init));

async function checkTokens() {
  const { status, body } = await post(target.tokenUrl, () => target.clientCredentialsBody());
  if (status !== 200 || !body?.access_token) throw new Error(`token endpoint answered ${status} ${body?.error ?? ''}`);
  const claims = decodePart(body.access_token, 1);
  if (claims.iss !== target.issuer) throw new Error('the access token names another issuer');
  return `client_credentials 200, iss = the public issuer (${new URL(target.issuer).protocol.replace(':', '')})`;
}

/** One whole CIBA flow through the address: sign-in, event stream, bc-authorize, created event, approve, token. */
async function checkFlow() {
  const base = target.tokenUrl.origin;
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  const signIn = await send(`${base}/device/api/session`, {
    method: 'POST', headers: json, body: JSON.stringify({ username: user.DEMO_USERNAME, password: user.DEMO_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`device sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const withCookie = { ...json, cookie };

  const stream = new AbortController();
  const events = await send(`${base}/device/api/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: stream.signal });
  if (events.status !== 200) throw new Error(`event stream answered ${events.status}`);
  const created = (async () => {
    const reader = events.body.getReader();
    let text = '';
    for (let i = 0; i < 100; i += 1) {
      const { value, done } = await reader.read();
      if (done) return false;
      text += Buffer.from(value).toString();
      if (/"kind"\s*:\s*"created"/.test(text)) return true;
    }
    return false;
  })();

  try {
    const bc = await post(target.cibaUrl, () => target.backchannelBody(300));
    if (bc.status !== 200) throw new Error(`bc-authorize answered ${bc.status} ${bc.body?.error ?? ''}`);
    const seen = await Promise.race([created, new Promise((resolve) => { setTimeout(() => resolve(false), 10_000).unref(); })]);
    if (!seen) throw new Error('no "created" event on the stream within 10 s');

    const pending = await (await send(`${base}/device/api/requests`, { headers: withCookie })).json();
    const id = pending.at(-1)?.id;
    const approve = await send(`${base}/device/api/requests/${id}/approve`, { method: 'POST', headers: withCookie, body: '{}' });
    if (approve.status !== 200) throw new Error(`approve answered ${approve.status}`);
    const token = await post(target.tokenUrl, () => target.pollBody(bc.body.auth_req_id));
    if (token.status !== 200 || !token.body?.access_token) throw new Error(`redemption answered ${token.status} ${token.body?.error ?? ''}`);
    const second = await post(target.tokenUrl, () => target.pollBody(bc.body.auth_req_id));
    if (second.status !== 400) throw new Error(`a second redemption answered ${second.status}`);
    return 'device sign-in, event stream (created event), approve, one token, second redemption refused';
  } finally {
    stream.abort();
    await created.catch(() => false);
  }
}

// ---- where the CPU goes ---------------------------------------------------------------------------------------------
// --cpu "instances=PID,PID;nginx=PID;postgres=PID": CPU seconds of each process, its live descendants and its reaped
// children (from /proc), plus this process (the load generator), per run, shown as cores used (of the machine's).
const ticks = Number(process.env.BENCH_CLK_TCK ?? 100);
const MACHINE = 'machine';
const STEAL = 'steal';
const groups = (args.cpu ?? '').split(';').filter(Boolean).map((g) => {
  const [name, pids] = g.split('=');
  return { name, pids: pids.split(',').map(Number) };
});
function cpuSample() {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(entry), { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) });
    } catch { /* gone meanwhile */ }
  }
  const sample = {};
  for (const { name, pids } of groups) {
    let total = 0;
    const seen = new Set();
    const visit = (pid) => {
      const p = procs.get(pid);
      if (!p || seen.has(pid)) return;
      seen.add(pid);
      total += p.own + p.reaped;
      for (const [child, c] of procs) if (c.ppid === pid) visit(child);
    };
    for (const pid of pids) visit(pid);
    sample[name] = total / ticks;
  }
  const self = process.cpuUsage();
  sample['load generator'] = (self.user + self.system) / 1e6;
  // the whole machine (first line of /proc/stat: user nice system idle iowait irq softirq steal …, in ticks)
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  sample[MACHINE] = (all.reduce((n, x) => n + x, 0) - all[3] - all[4] - all[7]) / ticks;
  sample[STEAL] = all[7] / ticks;
  return sample;
}
const cores = (before, after, seconds) => Object.fromEntries(Object.keys(after)
  .map((k) => [k, (after[k] - before[k]) / seconds]));

// ---- one run --------------------------------------------------------------------------------------------------------
async function run(setup, scenario, seconds, fallbackId) {
  const answers = new Map();
  let ok = 0;
  const count = (good, key) => {
    if (good) ok += 1;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  };
  const share = Math.max(1, Math.floor(connections / setup.origins.length));
  const cpuBefore = cpuSample();
  const results = await Promise.all(setup.origins.map((origin) => autocannon({
    url: origin, connections: share, duration: seconds, requests: scenario.requests(count, fallbackId), timeout: 10,
  })));
  const elapsed = Math.max(...results.map((r) => r.duration));
  const cpu = cores(cpuBefore, cpuSample(), elapsed);
  return {
    cpu,
    okPerSecond: ok / elapsed,
    // with one origin these are autocannon's own percentiles; split across origins, the worse of the parts
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    answers: Object.fromEntries(answers),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  };
}

// ---- report ---------------------------------------------------------------------------------------------------------
const availableCores = Number(process.env.BENCH_CORES ?? 0) || 'n/a';

console.log(`load: autocannon 9.0.0, ${connections} connections, ${rounds} rounds × ${duration} s per set-up, A/B alternating, ` +
  `${warmup} s warm-up per set-up and scenario (not counted)`);
console.log(args.direct
  ? 'address: NO PROXY (nginx missing) — 1 instance gets all connections, 2 instances get half each'
  : `address: nginx at ${target.tokenUrl.origin} (config from docs/deploy.md), reloaded between set-ups`);

for (const setup of setups) {
  setup.prepare();
  console.log(`check ${pad(setup.name, 12)} ${await checkTokens()}`);
  console.log(`check ${pad(setup.name, 12)} ${await checkFlow()}`);
}

const summary = [];
for (const id of wanted) {
  const scenario = scenarios[id];
  if (!scenario) throw new Error(`unknown scenario ${id} (known: ${Object.keys(scenarios).join(', ')})`);
  console.log(`\n== ${id}: ${scenario.title}`);
  // a pending request a poll falls back to when its connection's bc-authorize failed
  const fallback = await post(target.cibaUrl, () => target.backchannelBody(1800));
  const fallbackId = fallback.body?.auth_req_id;
  for (const setup of setups) {
    setup.prepare();
    await run(setup, scenario, warmup, fallbackId);
  }
  const runs = new Map(setups.map((s) => [s.name, []]));
  console.log(`  ${pad('round', 7)}${pad('set-up', 13)}${padLeft('ok/s', 9)}${padLeft('p50 ms', 9)}${padLeft('p99 ms', 9)}  answers`);
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 ? setups : [...setups].reverse();
    for (const setup of order) {
      setup.prepare();
      const r = await run(setup, scenario, duration, fallbackId);
      runs.get(setup.name).push(r);
      const extra = (r.errors ? ` errors=${r.errors}` : '') + (r.timeouts ? ` timeouts=${r.timeouts}` : '');
      console.log(`  ${pad(round, 7)}${pad(setup.name, 13)}${padLeft(int(r.okPerSecond), 9)}${padLeft(ms(r.p50), 9)}` +
        `${padLeft(ms(r.p99), 9)}  ${JSON.stringify(r.answers)}${extra}`);
    }
  }
  for (const [name, list] of runs) {
    const keys = Object.keys(list[0].cpu).filter((k) => k !== MACHINE && k !== STEAL);
    const used = keys.map((k) => `${k} ${median(list.map((r) => r.cpu[k])).toFixed(2)}`);
    const sum = median(list.map((r) => keys.reduce((n, k) => n + r.cpu[k], 0)));
    const busy = median(list.map((r) => r.cpu[MACHINE]));
    const others = median(list.map((r) => r.cpu[MACHINE] - keys.reduce((n, k) => n + r.cpu[k], 0)));
    console.log(`  cpu    ${pad(name, 13)}cores used (medians): ${used.join(', ')}; together ${sum.toFixed(2)}; ` +
      `machine busy ${busy.toFixed(2)} of ${availableCores} (kernel and other processes ${others.toFixed(2)}), ` +
      `stolen by the hypervisor ${median(list.map((r) => r.cpu[STEAL])).toFixed(2)}`);
  }
  const figures = {};
  for (const [name, list] of runs) {
    figures[name] = {
      okPerSecond: median(list.map((r) => r.okPerSecond)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)),
    };
    const f = figures[name];
    console.log(`  ${pad('median', 7)}${pad(name, 13)}${padLeft(int(f.okPerSecond), 9)}${padLeft(ms(f.p50), 9)}${padLeft(ms(f.p99), 9)}`);
  }
  const [one, two] = [figures['1 instance'], figures['2 instances']];
  console.log(`  2 ÷ 1: throughput ${ratio(two.okPerSecond, one.okPerSecond)}, p50 ${ratio(two.p50, one.p50)}, p99 ${ratio(two.p99, one.p99)}`);
  summary.push({ id, one, two });
}

console.log('\nsummary (medians; markdown)');
console.log('| scenario | 1 instance ok/s (p50 / p99 ms) | 2 instances ok/s (p50 / p99 ms) | 2 ÷ 1 |');
console.log('| --- | --- | --- | --- |');
const cell = (f) => `${int(f.okPerSecond)} (${ms(f.p50)} / ${ms(f.p99)})`;
for (const { id, one, two } of summary) {
  console.log(`| ${id} | ${cell(one)} | ${cell(two)} | ${ratio(two.okPerSecond, one.okPerSecond)} |`);
}
