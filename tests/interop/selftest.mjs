// Proves the two fixtures against each other: rp.mjs (openid-client) against op.mjs (oidc-provider).
//   node --test tests/interop/selftest.mjs
// Keys and secrets are generated here at run time and passed by environment variable; nothing is written to disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';

const dir = new URL('.', import.meta.url).pathname;
const SUBJECT = '7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17';
const PURCHASE = [{ type: 'shoe_purchase', product_id: 'nike-pegasus-41', size: 10.5, quantity: 1, max_amount: { currency: 'USD', value: '140.00' } }];
// Generous: CI shares 2 cores with .NET builds and test hosts; every wait stays bounded.
const TIMEOUT = { timeout: 30000 };

// A child node process whose stdout is read one JSON line at a time.
function run(script, args, env) {
  const child = spawn(process.execPath, [dir + script, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exit = new Promise((resolve) => { child.on('exit', (code) => resolve(code)); });
  return {
    child,
    exit,
    stderr: () => stderr,
    async next() {
      const { value, done } = await lines.next();
      assert.ok(!done, `${script} ended without output; stderr:\n${stderr}`);
      return JSON.parse(value);
    },
  };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let op;
let issuer;
let jwks;
const secret = randomBytes(24).toString('base64url');
let privateJwk;
let pingEndpoint;

before(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'agent-1', alg: 'ES256', use: 'sig' };
  privateJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'agent-1', alg: 'ES256', use: 'sig' });
  pingEndpoint = `http://127.0.0.1:${await freePort()}/ciba/notify`;
  const agent = { client_secret: secret, jwks: { keys: [publicJwk] }, authorization_details_types: ['shoe_purchase'] };
  const config = {
    clients: [
      { client_id: 'ai-agent', ...agent },
      { client_id: 'ai-agent-post', ...agent, token_endpoint_auth_method: 'client_secret_post' },
      { client_id: 'ai-agent-jwt', ...agent, client_secret: undefined, token_endpoint_auth_method: 'private_key_jwt' },
      { client_id: 'ai-agent-ping', ...agent, backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: pingEndpoint },
    ],
    users: [{ username: 'end.user', sub: SUBJECT, claims: { name: 'End User', email: 'end.user@example.com' } }],
    ciba: { interval: 1 },
  };
  op = run('op.mjs', [], { OP_CONFIG: JSON.stringify(config) });
  ({ issuer } = await op.next());
  jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
});

after(async () => {
  op?.child.stdin.end(); // the fixture exits when its stdin closes
  await op?.exit;
});

const rpEnv = () => ({ RP_CLIENT_SECRET: secret, RP_JWK: privateJwk });
const ciba = (clientId, extra = []) => run('rp.mjs', ['ciba', '--issuer', issuer, '--client-id', clientId, '--login-hint', 'end.user', '--scope', 'openid payment', ...extra], rpEnv());
const testRoute = async (path, method = 'GET', body = undefined) => {
  const response = await fetch(`${issuer}/test/ciba/requests${path}`, { method, body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};

async function verifyAccessToken(token) {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience: 'shoestore-api', typ: 'at+jwt', algorithms: ['ES256'] });
  return { payload, protectedHeader };
}

test('client credentials: rp gets an ES256 at+jwt for shoestore-api with the requested scope', TIMEOUT, async () => {
  const rp = run('rp.mjs', ['client-credentials', '--issuer', issuer, '--client-id', 'ai-agent', '--scope', 'prices'], rpEnv());
  const response = await rp.next();
  assert.equal(await rp.exit, 0);
  const { payload } = await verifyAccessToken(response.access_token);
  assert.equal(payload.sub, 'ai-agent');
  assert.equal(payload.client_id, 'ai-agent');
  assert.equal(payload.scope, 'prices');
  assert.equal(response.scope, 'prices');
});

for (const [clientId, method] of [['ai-agent-post', 'client_secret_post'], ['ai-agent-jwt', 'private_key_jwt']]) {
  test(`client credentials with ${method} is accepted`, TIMEOUT, async () => {
    const rp = run('rp.mjs', ['client-credentials', '--issuer', issuer, '--client-id', clientId, '--auth-method', method, '--scope', 'prices'], rpEnv());
    const response = await rp.next();
    assert.equal(await rp.exit, 0);
    assert.equal((await verifyAccessToken(response.access_token)).payload.client_id, clientId);
  });
}

test('client credentials with a wrong secret: rp prints invalid_client and exits 1', TIMEOUT, async () => {
  const rp = run('rp.mjs', ['client-credentials', '--issuer', issuer, '--client-id', 'ai-agent', '--scope', 'prices'], { RP_CLIENT_SECRET: 'wrong' });
  const response = await rp.next();
  assert.equal(await rp.exit, 1);
  assert.equal(response.error, 'invalid_client');
  assert.equal(response.status, 401);
});

test('CIBA approved: the test route shows what the client sent, and the token carries sub and authorization_details', TIMEOUT, async () => {
  const rp = ciba('ai-agent', ['--binding-message', 'Buy Nike Pegasus 41 for $140', '--authorization-details', JSON.stringify(PURCHASE)]);
  const requested = await rp.next();
  assert.equal(requested.event, 'requested');
  assert.equal(requested.interval, 1);

  const { body: pending } = await testRoute(`/${requested.auth_req_id}`);
  assert.equal(pending.status, 'pending');
  assert.equal(pending.account_id, SUBJECT);
  assert.equal(pending.binding_message, 'Buy Nike Pegasus 41 for $140');
  assert.deepEqual(pending.authorization_details, PURCHASE);
  assert.equal(pending.request_object.claims.aud, issuer);
  assert.equal(pending.request_object.claims.iss, 'ai-agent');

  assert.equal((await testRoute(`/${requested.auth_req_id}/approve`, 'POST')).status, 200);
  const token = await rp.next();
  assert.equal(await rp.exit, 0);
  assert.equal(token.event, 'token');
  const { payload } = await verifyAccessToken(token.access_token);
  assert.equal(payload.sub, SUBJECT);
  assert.equal(payload.client_id, 'ai-agent');
  assert.equal(payload.scope, 'payment');
  assert.deepEqual(payload.authorization_details, PURCHASE);
});

test('CIBA denied: rp prints access_denied and exits 1', TIMEOUT, async () => {
  const rp = ciba('ai-agent');
  const requested = await rp.next();
  assert.equal((await testRoute(`/${requested.auth_req_id}/deny`, 'POST')).status, 200);
  const result = await rp.next();
  assert.equal(await rp.exit, 1);
  assert.deepEqual([result.event, result.error], ['error', 'access_denied']);
});

test('CIBA ping: the peer notifies the http://127.0.0.1 endpoint with the bearer token, then rp gets the token', TIMEOUT, async () => {
  const rp = ciba('ai-agent-ping', ['--notification-endpoint', pingEndpoint]);
  const requested = await rp.next();
  const approved = await testRoute(`/${requested.auth_req_id}/approve`, 'POST');
  assert.equal(approved.body.ping_error, undefined);
  const ping = await rp.next();
  assert.deepEqual(ping, { event: 'ping', auth_req_id: requested.auth_req_id, bearer_ok: true });
  assert.equal((await rp.next()).event, 'token');
  assert.equal(await rp.exit, 0);
});

test('CIBA requested_expiry 2: expires_in is 2 and rp ends with expired_token', TIMEOUT, async () => {
  const rp = ciba('ai-agent', ['--requested-expiry', '2']);
  const requested = await rp.next();
  assert.equal(requested.expires_in, 2);
  const result = await rp.next();
  assert.equal(await rp.exit, 1);
  assert.deepEqual([result.event, result.error], ['error', 'expired_token']);
  assert.equal((await testRoute(`/${requested.auth_req_id}`)).body.status, 'expired');
});

test('slow-down route: the next pending poll answers slow_down, the one after authorization_pending', TIMEOUT, async () => {
  const rp = ciba('ai-agent', ['--poll-timeout', '4']);
  const { auth_req_id: id } = await rp.next();
  await testRoute(`/${id}/slow-down`, 'POST', { count: 1 });
  const poll = () => fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`ai-agent:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: id }),
  }).then((r) => r.json());
  assert.equal((await poll()).error, 'slow_down');
  assert.equal((await poll()).error, 'authorization_pending');
  rp.child.kill();
  await rp.exit;
});

test('an unsigned backchannel request is refused (signed request objects are mandatory for ai-agent)', TIMEOUT, async () => {
  const response = await fetch(`${issuer}/backchannel`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`ai-agent:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ scope: 'openid payment', login_hint: 'end.user' }),
  });
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error, 'invalid_request');
});

test('test routes: listing waits for a request, a second decision is 409, an unknown id is 404', TIMEOUT, async () => {
  const listing = testRoute(`?${new URLSearchParams({ status: 'pending', binding_message: 'listing test', wait: '5' })}`);
  const rp = ciba('ai-agent', ['--binding-message', 'listing test']);
  const requested = await rp.next();
  const { body: list } = await listing;
  assert.ok(list.some((r) => r.auth_req_id === requested.auth_req_id));
  assert.equal((await testRoute(`/${requested.auth_req_id}/deny`, 'POST')).status, 200);
  assert.equal((await testRoute(`/${requested.auth_req_id}/approve`, 'POST')).status, 409);
  assert.equal((await testRoute('/no-such-id/approve', 'POST')).status, 404);
  await rp.exit;
});

test('op.mjs exits when its stdin closes', TIMEOUT, async () => {
  const other = run('op.mjs', [], { OP_CONFIG: JSON.stringify({ clients: [], users: [] }) });
  assert.ok((await other.next()).issuer.startsWith('http://127.0.0.1:'));
  other.child.stdin.end();
  assert.equal(await other.exit, 0);
});
