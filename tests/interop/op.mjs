// OpenID Provider fixture for the Mandate.Client interop tests: npm oidc-provider 9.x (a certified OP nobody here wrote)
// with client_credentials, CIBA (poll and ping), signed request objects, RFC 8707 resource indicators (ES256 JWT
// access tokens) and RFC 9396 authorization_details. TEST ONLY: it keeps everything in memory, binds 127.0.0.1 and
// adds the test-only routes under /test/ (see README.md).
//
//   node tests/interop/op.mjs config.json      or      OP_CONFIG='{"clients":[…]}' node tests/interop/op.mjs
//
// Prints one JSON line on stdout when listening; everything else goes to stderr. Exits on SIGTERM/SIGINT and when
// stdin (a pipe) reaches end-of-file, so a killed test run leaves no orphan.
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import Provider, { errors } from 'oidc-provider';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { listenOnLoopback, shoePurchaseDetails } from './peer-common.mjs';

// oidc-provider writes notices with console.info (stdout); stdout carries only the ready line.
console.info = console.log = (...args) => console.error(...args);

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Our contract (Mandate.Server's BindingMessageValidator): at most 100 visible characters. Not visible: controls,
// format characters (bidi, zero-width, tags), private-use, unassigned, surrogates, line/paragraph separators, spaces
// other than U+0020, enclosing marks, default-ignorable code points (fillers, variation selectors, U+034F …),
// U+2800 Braille blank and the combining overlays (canonical combining class 1).
const BINDING_MESSAGE_MAX = 100;
const NOT_VISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Me}\p{Default_Ignorable_Code_Point}\u2800\u0334-\u0338\u1CD4\u1CE2-\u1CE8\u20D2\u20D3\u20D8-\u20DA\u20E5\u20E6\u20EA\u20EB\u{10A39}\u{16AF0}-\u{16AF4}\u{1BC9E}\u{1D167}-\u{1D169}]|[^\P{Zs} ]/u;

function readConfig() {
  if (process.argv[2]) return JSON.parse(readFileSync(process.argv[2], 'utf8'));
  if (process.env.OP_CONFIG) return JSON.parse(process.env.OP_CONFIG);
  throw new Error('usage: node op.mjs <config.json>   (or set OP_CONFIG to the config JSON)');
}

const config = readConfig();
const resource = {
  indicator: 'urn:shoestore-api',
  audience: 'shoestore-api',
  scope: 'prices address payment',
  accessTokenTTL: 3600,
  ...config.resource,
};
const cibaConfig = { interval: undefined, expiresIn: 600, ...config.ciba };
const users = config.users ?? [];
const claimsByScope = { address: ['address'], email: ['email', 'email_verified'], profile: ['name'] };
const oidcScopes = new Set(['openid', 'offline_access', ...Object.keys(claimsByScope)]);

// CIBA Core §4 requires an https notification endpoint and oidc-provider enforces it; it also refuses to connect to
// special-use addresses (SSRF protection). For a loopback test the fixture registers the https form of an
// http://127.0.0.1 endpoint and maps it back in the documented `fetch` hook (FIXTURE behaviour, not the peer's).
const loopbackNotificationEndpoints = new Map(); // registered https href -> configured http href
const records = new Map(); // auth_req_id -> what the client sent, and what happened since
const changes = new EventEmitter().setMaxListeners(0);

function toClientMetadata(client) {
  const metadata = {
    grant_types: ['client_credentials', CIBA_GRANT],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
    scope: 'openid prices address payment',
    ...client,
  };
  if (metadata.grant_types.includes(CIBA_GRANT)) {
    metadata.backchannel_token_delivery_mode ??= 'poll';
    // signed request objects are mandatory unless the config sets the alg to null
    const alg = client.backchannel_authentication_request_signing_alg;
    if (alg === null) delete metadata.backchannel_authentication_request_signing_alg;
    else metadata.backchannel_authentication_request_signing_alg = alg ?? 'ES256';
  }
  const endpoint = metadata.backchannel_client_notification_endpoint;
  if (endpoint) {
    const url = new URL(endpoint);
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
      const registered = new URL(url.href.replace(/^http:/, 'https:')).href;
      loopbackNotificationEndpoints.set(registered, url.href);
      metadata.backchannel_client_notification_endpoint = registered;
    }
  }
  return metadata;
}

function findUser(hint) {
  return users.find((u) => u.username === hint || u.sub === hint);
}

function describe(record) {
  const expired = record.status === 'pending' && Date.now() >= Date.parse(record.expires_at);
  return { ...record, status: expired ? 'expired' : record.status };
}

function recordRequest(ctx, request, account, client) {
  const { params } = request;
  const raw = ctx.oidc.body?.request;
  const now = Date.now();
  records.set(request.jti, {
    auth_req_id: request.jti,
    client_id: client.clientId,
    account_id: account.accountId,
    login_hint: params.login_hint ?? null,
    scope: request.scope,
    binding_message: params.binding_message ?? null,
    authorization_details: params.authorization_details ? JSON.parse(params.authorization_details) : null,
    requested_expiry: params.requested_expiry !== undefined ? Number(params.requested_expiry) : null,
    acr_values: params.acr_values ?? null,
    resource: request.resource ?? null,
    request_object: raw ? { header: decodeProtectedHeader(raw), claims: decodeJwt(raw) } : null,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + request.expiration * 1000).toISOString(),
    expires_in: request.expiration,
    status: 'pending',
    slow_down_pending: 0,
    polls: [],
    pings: [],
  });
  changes.emit('change');
}

async function notificationFetch(url, options) {
  const href = String(url);
  const mapped = loopbackNotificationEndpoints.get(href);
  if (!mapped) return globalThis.fetch(url, options);
  delete options.dispatcher; // the loopback endpoint is the test's own listener
  const record = records.get(JSON.parse(options.body).auth_req_id);
  try {
    const response = await globalThis.fetch(mapped, options);
    record?.pings.push({ at: new Date().toISOString(), status: response.status });
    return response;
  } catch (err) {
    record?.pings.push({ at: new Date().toISOString(), error: String(err.cause?.message ?? err.message) });
    throw err;
  }
}

function configuration(keys) {
  return {
    clients: (config.clients ?? []).map(toClientMetadata),
    jwks: { keys },
    findAccount(_ctx, id) {
      const user = users.find((u) => u.sub === id);
      if (!user) return undefined;
      return { accountId: user.sub, claims: () => ({ ...user.claims, sub: user.sub }) };
    },
    claims: { ...claimsByScope, openid: ['sub'] },
    acrValues: config.acrValues ?? ['push'],
    scopes: [...oidcScopes, ...resource.scope.split(' ')],
    fetch: notificationFetch,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      requestObjects: { enabled: true },
      ciba: {
        enabled: true,
        deliveryModes: ['poll', 'ping'],
        processLoginHint: (_ctx, hint) => findUser(hint)?.sub,
        validateBindingMessage(_ctx, message) {
          if (message === undefined) return;
          if ([...message].length > BINDING_MESSAGE_MAX || NOT_VISIBLE.test(message)) {
            throw new errors.InvalidBindingMessage(`binding_message must be at most ${BINDING_MESSAGE_MAX} visible characters`);
          }
        },
        validateRequestContext() {},
        verifyUserCode() {},
        triggerAuthenticationDevice: recordRequest,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource.indicator,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== resource.indicator) throw new errors.InvalidTarget();
          return {
            scope: resource.scope,
            audience: resource.audience,
            accessTokenTTL: resource.accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
      richAuthorizationRequests: {
        ...shoePurchaseDetails(errors),
        authorizationDetailsForIntrospection: (_ctx, token) => token.rar,
      },
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 600,
      IdToken: 3600,
      Grant: 3600,
      BackchannelAuthenticationRequest(ctx) {
        const requested = Number(ctx?.oidc?.params.requested_expiry);
        return requested > 0 ? Math.min(requested, cibaConfig.expiresIn) : cibaConfig.expiresIn;
      },
    },
  };
}

// FIXTURE middleware around the peer (the peer itself sends neither `interval` nor `slow_down`).
async function fixtureMiddleware(ctx, next) {
  await next();
  const route = ctx.oidc?.route;
  if (route === 'backchannel_authentication' && ctx.status === 200 && cibaConfig.interval !== undefined) {
    ctx.body = { ...ctx.body, interval: cibaConfig.interval };
  }
  if (route === 'token' && ctx.oidc.params?.grant_type === CIBA_GRANT) {
    const record = records.get(ctx.oidc.params.auth_req_id);
    if (!record) return;
    let answer = ctx.status === 200 ? 'token' : ctx.body?.error;
    if (answer === 'authorization_pending' && record.slow_down_pending > 0) {
      record.slow_down_pending -= 1;
      ctx.status = 400;
      ctx.body = { error: 'slow_down', error_description: 'test fixture: polling too quickly, add 5 seconds to the interval' };
      answer = 'slow_down';
    }
    record.polls.push({ at: new Date().toISOString(), answer });
  }
}

// ---- test-only routes ------------------------------------------------------------------------------------------
async function decide(provider, record, approve) {
  const request = await provider.BackchannelAuthenticationRequest.find(record.auth_req_id, { ignoreExpiration: true });
  if (!request || request.isExpired) return [409, { error: 'expired', auth_req_id: record.auth_req_id }];
  if (request.grantId || request.error) return [409, { error: 'already_decided', auth_req_id: record.auth_req_id }];
  let result;
  const options = {};
  if (approve) {
    const scopes = request.scope.split(' ');
    result = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
    result.addOIDCScope(scopes.filter((s) => oidcScopes.has(s)).join(' '));
    for (const indicator of [request.resource ?? []].flat()) result.addResourceScope(indicator, request.scope);
    await result.save();
    options.rar = record.authorization_details ?? undefined;
    options.acr = request.params.acr_values?.split(' ')[0];
    options.authTime = Math.floor(Date.now() / 1000);
  } else {
    result = new errors.AccessDenied('the end-user denied the request');
  }
  record.status = approve ? 'approved' : 'denied';
  changes.emit('change');
  const body = { auth_req_id: record.auth_req_id, status: record.status };
  try {
    await provider.backchannelResult(request, result, options);
  } catch (err) { // ping delivery failed; the decision itself is saved
    body.ping_error = String(err.cause?.message ?? err.message);
  }
  return [200, body];
}

function matches(record, query) {
  return ['status', 'client_id', 'login_hint', 'binding_message'].every((key) => !query.has(key) || record[key] === query.get(key));
}

async function listRequests(query) {
  const waitMs = Math.min(Number(query.get('wait') ?? 0), 30) * 1000;
  const list = () => [...records.values()].map(describe).filter((r) => matches(r, query));
  if (list().length || !(waitMs > 0)) return list();
  await new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    function done() { clearTimeout(timer); changes.off('change', check); resolve(); }
    function check() { if (list().length) done(); }
    changes.on('change', check);
  });
  return list();
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

async function testRoutes(provider, req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const parts = url.pathname.split('/').filter(Boolean); // ['test', 'ciba', 'requests', id?, action?]
  let status = 404;
  let body = { error: 'not_found' };
  if (parts[1] === 'ciba' && parts[2] === 'requests') {
    const record = parts[3] ? records.get(decodeURIComponent(parts[3])) : undefined;
    if (req.method === 'GET' && parts.length === 3) [status, body] = [200, await listRequests(url.searchParams)];
    else if (parts[3] && !record) body = { error: 'unknown_auth_req_id' };
    else if (req.method === 'GET' && parts.length === 4) [status, body] = [200, describe(record)];
    else if (req.method === 'POST' && ['approve', 'deny'].includes(parts[4])) {
      [status, body] = await decide(provider, record, parts[4] === 'approve');
    } else if (req.method === 'POST' && parts[4] === 'slow-down') {
      const { count = 1 } = await readJson(req);
      if (!Number.isInteger(count) || count < 1) throw new Error('count must be an integer >= 1');
      record.slow_down_pending += count;
      [status, body] = [200, { auth_req_id: record.auth_req_id, slow_down_pending: record.slow_down_pending }];
    }
  }
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

// ---- start -----------------------------------------------------------------------------------------------------
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: 'op-es256' };

const { port, issuer, serve, shutdown } = await listenOnLoopback(config.port);
const provider = new Provider(issuer, configuration([signingKey]));
provider.use(fixtureMiddleware);
provider.on('server_error', (_ctx, err) => console.error('server_error', err));
for (const { client_id: id } of config.clients ?? []) await provider.Client.find(id); // bad client metadata fails here
const callback = provider.callback();
serve((req, res) => {
  if (req.url.startsWith('/test/')) {
    testRoutes(provider, req, res).catch((err) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_test_request', error_description: err.message }));
    });
  } else {
    callback(req, res);
  }
});
if (!process.stdin.isTTY) {
  process.stdin.on('end', shutdown).on('close', shutdown).resume();
}

process.stdout.write(`${JSON.stringify({
  issuer,
  port,
  token_endpoint: `${issuer}/token`,
  backchannel_authentication_endpoint: `${issuer}/backchannel`,
  jwks_uri: `${issuer}/jwks`,
})}\n`);
