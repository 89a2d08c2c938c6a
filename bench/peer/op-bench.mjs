// The benchmark peer: npm oidc-provider 9.x configured like Mandate.Server's demo (client_credentials, CIBA poll with
// a mandatory ES256 signed request object, RFC 9396 `shoe_purchase` authorization details, ES256 JWT access tokens
// for the `shoestore-api` audience). Unlike tests/interop/op.mjs it has no test-only routes and records nothing per
// request, so what is measured is the peer. BENCHMARK ONLY: in memory, binds 127.0.0.1, keys generated at start.
//
//   node bench/peer/op-bench.mjs ENV_FILE [PORT]
//
// Like Mandate.Server's first start, it generates the client `ai-agent` (a random secret and an ES256 request-signing
// key) and writes the tutorial's variables to ENV_FILE (mode 0600, KEY=value lines, the same names as Mandate's
// demo.env: PINGONE_TOKEN_ENDPOINT, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET, PINGONE_CIBA_ENDPOINT,
// PINGONE_CIBA_AUDIENCE, PINGONE_CIBA_ISSUER, PINGONE_CIBA_ACR_VALUES, PINGONE_CIBA_JWK). Then it prints one JSON line
// on stdout ({"issuer","port","token_endpoint","backchannel_authentication_endpoint"}); everything else goes to
// stderr. Binds 127.0.0.1 on PORT (default 0: a free port). Stops on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { listenOnLoopback, shoePurchaseDetails } from '../../tests/interop/peer-common.mjs';

// oidc-provider writes notices with console.info (stdout); stdout carries only the ready line.
console.info = console.log = (...args) => console.error(...args);

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
const BIDI_OR_CONTROL = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const RESOURCE = { indicator: 'urn:shoestore-api', audience: 'shoestore-api', scope: 'prices address payment' };
// The demo users of the contract (docs/server.md); login_hint may be the username or the subject.
const USERS = [
  { username: 'end.user', sub: '7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17' },
  { username: 'app.owner', sub: '1d4f6b8a-0c2e-4a9b-8d7f-5e3c1a9b7d20' },
];

const [envFile, portArgument = '0'] = process.argv.slice(2);
if (!envFile) throw new Error('usage: node op-bench.mjs ENV_FILE [PORT]');
const clientKeys = await generateKeyPair('ES256', { extractable: true });
const clientPublicJwk = { ...(await exportJWK(clientKeys.publicKey)), kid: 'agent-1', alg: 'ES256', use: 'sig' };
const clientPrivateJwk = { ...(await exportJWK(clientKeys.privateKey)), kid: 'agent-1', alg: 'ES256', use: 'sig' };
const config = { client_id: 'ai-agent', client_secret: randomBytes(32).toString('base64url'), jwk: clientPublicJwk };

function configuration(keys) {
  return {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials', CIBA_GRANT],
      response_types: [],
      redirect_uris: [],
      scope: 'openid prices address payment',
      id_token_signed_response_alg: 'ES256',
      backchannel_token_delivery_mode: 'poll',
      backchannel_authentication_request_signing_alg: 'ES256', // signed request objects are mandatory
      jwks: { keys: [config.jwk] },
      authorization_details_types: ['shoe_purchase'],
    }],
    jwks: { keys },
    findAccount(_ctx, id) {
      const user = USERS.find((u) => u.sub === id);
      return user && { accountId: user.sub, claims: () => ({ sub: user.sub }) };
    },
    claims: { openid: ['sub'], address: ['address'], email: ['email', 'email_verified'], profile: ['name'] },
    acrValues: ['push'],
    scopes: ['openid', 'address', 'email', 'profile', ...RESOURCE.scope.split(' ')],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      requestObjects: { enabled: true },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: (_ctx, hint) => USERS.find((u) => u.username === hint || u.sub === hint)?.sub,
        validateBindingMessage(_ctx, message) {
          if (message !== undefined && ([...message].length > 64 || BIDI_OR_CONTROL.test(message))) {
            throw new errors.InvalidBindingMessage('binding_message must be at most 64 printable characters');
          }
        },
        validateRequestContext() {},
        verifyUserCode() {},
        triggerAuthenticationDevice() {}, // a real OP would notify the device here; Mandate stores the request
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE.indicator,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== RESOURCE.indicator) throw new errors.InvalidTarget();
          return {
            scope: RESOURCE.scope,
            audience: RESOURCE.audience,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
      richAuthorizationRequests: shoePurchaseDetails(errors),
    },
    ttl: {
      AccessToken: 3600,
      ClientCredentials: 3600,
      IdToken: 3600,
      Grant: 3600,
      BackchannelAuthenticationRequest(ctx) {
        const requested = Number(ctx?.oidc?.params.requested_expiry);
        return requested > 0 ? Math.min(requested, 1800) : 300; // Mandate's defaults: 300 s, at most 1800 s
      },
    },
  };
}

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: 'op-es256' };

const { port, issuer, serve } = await listenOnLoopback(portArgument);
const provider = new Provider(issuer, configuration([signingKey]));
provider.on('server_error', (_ctx, err) => console.error('server_error', err));
await provider.Client.find(config.client_id); // bad client metadata fails here, before the ready line
serve(provider.callback());

writeFileSync(envFile, [
  '# Generated by bench/peer/op-bench.mjs for one benchmark run. Secrets: keep private, never commit.',
  `PINGONE_TOKEN_ENDPOINT=${issuer}/token`,
  `PINGONE_CLIENT_ID=${config.client_id}`,
  `PINGONE_CLIENT_SECRET=${config.client_secret}`,
  `PINGONE_CIBA_ENDPOINT=${issuer}/backchannel`,
  `PINGONE_CIBA_AUDIENCE=${issuer}`,
  `PINGONE_CIBA_ISSUER=${config.client_id}`,
  'PINGONE_CIBA_ACR_VALUES=push',
  `PINGONE_CIBA_JWK='${JSON.stringify(clientPrivateJwk)}'`,
  '',
].join('\n'), { mode: 0o600 });

process.stdout.write(`${JSON.stringify({
  issuer,
  port,
  token_endpoint: `${issuer}/token`,
  backchannel_authentication_endpoint: `${issuer}/backchannel`,
})}\n`);
