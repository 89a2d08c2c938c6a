// Relying-party driver for the Mandate.Server interop tests: npm openid-client 6.x (a certified RP nobody here wrote)
// plus jose for the CIBA signed authentication request. Prints JSON lines on stdout; diagnostics go to stderr.
//
//   node rp.mjs client-credentials --issuer URL --client-id ID --client-secret S [--scope "prices"]
//   node rp.mjs ciba --issuer URL --client-id ID --client-secret S --jwk '<private JWK>' --login-hint end.user
//                    --scope "openid payment" [--binding-message M] [--authorization-details JSON] [--acr-values push]
//
// Secrets may come from the environment instead (RP_CLIENT_SECRET, RP_JWK); they are never written anywhere.
// Exit code: 0 = token issued, 1 = the server answered an error (or the flow failed), 2 = bad usage. See README.md.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as client from 'openid-client';
import { SignJWT, importJWK } from 'jose';

function parseCommandLine(spec) {
  try {
    return parseArgs(spec);
  } catch (err) {
    console.error(`${err.message}\n${usage}`);
    return process.exit(2);
  }
}

const usage = 'usage: node rp.mjs client-credentials|ciba --issuer URL --client-id ID [options] (see tests/interop/README.md)';

const { values: args, positionals } = parseCommandLine({
  allowPositionals: true,
  options: {
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'auth-method': { type: 'string', default: 'client_secret_basic' },
    jwk: { type: 'string' },
    scope: { type: 'string' },
    resource: { type: 'string' },
    'login-hint': { type: 'string' },
    'binding-message': { type: 'string' },
    'authorization-details': { type: 'string' },
    'acr-values': { type: 'string' },
    'requested-expiry': { type: 'string' },
    'request-object-lifetime': { type: 'string', default: '300' },
    'notification-endpoint': { type: 'string' },
    'poll-timeout': { type: 'string' },
  },
});

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// An OAuth error answer becomes {error, error_description, status}; anything else (network, invalid response) keeps
// openid-client's code and message.
function describeError(err) {
  if (err instanceof client.ResponseBodyError) {
    return { error: err.error, error_description: err.error_description, status: err.status };
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    const [challenge] = err.cause;
    return { error: challenge?.parameters.error ?? err.code, error_description: challenge?.parameters.error_description, status: err.status };
  }
  return { error: err.code ?? err.name, error_description: [err.message, err.cause?.message].filter(Boolean).join(': ') };
}

function required(name, envName) {
  const value = args[name] ?? (envName ? process.env[envName] : undefined);
  if (!value) {
    console.error(`missing --${name}${envName ? ` (or ${envName})` : ''}\n${usage}`);
    process.exit(2);
  }
  return value;
}

async function privateJwk() {
  const jwk = JSON.parse(required('jwk', 'RP_JWK'));
  return { jwk, key: await importJWK(jwk, jwk.alg ?? 'ES256') };
}

async function clientAuth() {
  switch (args['auth-method']) {
    case 'client_secret_basic': return client.ClientSecretBasic(required('client-secret', 'RP_CLIENT_SECRET'));
    case 'client_secret_post': return client.ClientSecretPost(required('client-secret', 'RP_CLIENT_SECRET'));
    case 'private_key_jwt': {
      const { jwk, key } = await privateJwk();
      return client.PrivateKeyJwt({ key, kid: jwk.kid });
    }
    default:
      console.error(`unsupported --auth-method ${args['auth-method']}\n${usage}`);
      return process.exit(2);
  }
}

async function discover() {
  const issuer = new URL(required('issuer'));
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  return client.discovery(issuer, required('client-id'), undefined, await clientAuth(), { execute });
}

async function clientCredentials() {
  const config = await discover();
  const parameters = {};
  if (args.scope) parameters.scope = args.scope;
  if (args.resource) parameters.resource = args.resource;
  print({ ...await client.clientCredentialsGrant(config, parameters) });
}

// CIBA Core §7.1.1: every authentication request parameter goes into a JWT signed with the client's key;
// aud = the OP's issuer, iss = the client id, and exp/iat/nbf/jti.
async function signedAuthenticationRequest(config, parameters) {
  const { jwk, key } = await privateJwk();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(parameters)
    .setProtectedHeader({ alg: jwk.alg ?? 'ES256', typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setIssuer(config.clientMetadata().client_id)
    .setAudience(config.serverMetadata().issuer)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + Number(args['request-object-lifetime']))
    .setJti(randomUUID())
    .sign(key);
}

// Ping mode (CIBA Core §10.2): listen on the registered http://127.0.0.1 notification endpoint, wait for the OP's
// POST {auth_req_id} with the client_notification_token as Bearer, answer 204. Listens before the request is sent.
async function listenForPing(endpoint, token) {
  const url = new URL(endpoint);
  let resolvePing;
  const ping = new Promise((resolve) => { resolvePing = resolve; });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const hit = req.url === url.pathname && req.method === 'POST';
      res.writeHead(hit ? 204 : 404).end();
      if (hit) resolvePing({ body: JSON.parse(body || '{}'), bearer_ok: req.headers.authorization === `Bearer ${token}` });
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(Number(url.port), url.hostname, resolve));
  return { ping, close: () => server.close() };
}

function untilAborted(promise, signal) {
  return Promise.race([promise, new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  })]);
}

async function ciba() {
  const config = await discover();
  const parameters = { scope: required('scope'), login_hint: required('login-hint') };
  if (args['binding-message']) parameters.binding_message = args['binding-message'];
  if (args['acr-values']) parameters.acr_values = args['acr-values'];
  if (args['requested-expiry']) parameters.requested_expiry = Number(args['requested-expiry']);
  if (args['authorization-details']) parameters.authorization_details = JSON.parse(args['authorization-details']);
  const notificationToken = args['notification-endpoint'] ? randomBytes(32).toString('base64url') : undefined;
  if (notificationToken) parameters.client_notification_token = notificationToken;
  const listener = notificationToken ? await listenForPing(args['notification-endpoint'], notificationToken) : undefined;

  try {
    const request = await signedAuthenticationRequest(config, parameters);
    let response = await client.initiateBackchannelAuthentication(config, { request });
    print({ event: 'requested', auth_req_id: response.auth_req_id, expires_in: response.expires_in, interval: response.interval ?? null });

    // openid-client stops polling at expires_in by default; a few seconds more let the server's own expired_token show.
    const interval = response.interval ?? 5;
    const signal = AbortSignal.timeout(Number(args['poll-timeout'] ?? response.expires_in + interval + 5) * 1000);
    if (listener) {
      const { body, bearer_ok: bearerOk } = await untilAborted(listener.ping, signal);
      print({ event: 'ping', auth_req_id: body.auth_req_id ?? null, bearer_ok: bearerOk });
      response = { ...response, interval: 1 }; // the result is ready: ask after 1 s rather than a full interval
    }
    const tokens = await client.pollBackchannelAuthenticationGrant(config, response, undefined, { signal });
    print({ event: 'token', ...tokens });
  } finally {
    listener?.close();
  }
}

const commands = { 'client-credentials': clientCredentials, ciba };
const command = commands[positionals[0]];
if (!command) {
  console.error(usage);
  process.exit(2);
}
try {
  await command();
} catch (err) {
  console.error(err);
  print(positionals[0] === 'ciba' ? { event: 'error', ...describeError(err) } : describeError(err));
  process.exitCode = 1;
}
