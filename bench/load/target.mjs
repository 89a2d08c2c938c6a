// One authorization server under test, read from a demo.env-style file (Mandate.Server's .mandate/demo.env, or the one
// bench/peer/op-bench.mjs writes): KEY=value lines, optional single or double quotes around a value, # comments.
// Secrets stay in memory: nothing here prints them.
import { readFileSync } from 'node:fs';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** The tutorial's purchase, as RFC 9396 authorization details (the contract's `shoe_purchase` example). */
export const SHOE_PURCHASE = [{
  type: 'shoe_purchase', product_id: 'nike-pegasus-41', size: 10.5, quantity: 1,
  max_amount: { currency: 'USD', value: '140.00' },
}];

export function readEnvFile(path) {
  const values = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) value = value.slice(1, -1);
    values[match[1]] = value;
  }
  return values;
}

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * Reads a target's endpoints and credentials. `name` labels it in the output.
 * Returns helpers that build the exact requests every scenario sends.
 */
export function loadTarget(name, envFile) {
  const env = readEnvFile(envFile);
  const required = ['PINGONE_TOKEN_ENDPOINT', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET', 'PINGONE_CIBA_ENDPOINT',
    'PINGONE_CIBA_AUDIENCE', 'PINGONE_CIBA_JWK'];
  const missing = required.filter((key) => !env[key]);
  if (missing.length) throw new Error(`${name}: ${envFile} lacks ${missing.join(', ')}`);
  const jwk = JSON.parse(env.PINGONE_CIBA_JWK);
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const clientId = env.PINGONE_CLIENT_ID;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(env.PINGONE_CLIENT_SECRET)}`).toString('base64')}`;
  const header = base64url({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' });

  /** A CIBA §7.1.1 signed authentication request (ES256), with a fresh jti each call. Synchronous: usable in setupRequest. */
  function requestObject(requestedExpiry = 300) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: env.PINGONE_CIBA_ISSUER || clientId, aud: env.PINGONE_CIBA_AUDIENCE, iat: now, nbf: now, exp: now + 300,
      jti: randomUUID(), scope: 'openid payment', login_hint: 'end.user', acr_values: env.PINGONE_CIBA_ACR_VALUES || 'push',
      binding_message: 'Buy Nike Pegasus 41, size 10.5, for $140', authorization_details: SHOE_PURCHASE,
      requested_expiry: requestedExpiry,
    };
    const input = `${header}.${base64url(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  }

  const tokenUrl = new URL(env.PINGONE_TOKEN_ENDPOINT);
  const cibaUrl = new URL(env.PINGONE_CIBA_ENDPOINT);
  const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: basic, accept: 'application/json' };

  return {
    name,
    issuer: env.PINGONE_CIBA_AUDIENCE,
    tokenUrl,
    cibaUrl,
    headers: form,
    requestObject,
    clientCredentialsBody: (scope = 'prices') => new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    pollBody: (authReqId) => new URLSearchParams({ grant_type: CIBA_GRANT, auth_req_id: authReqId }).toString(),
    backchannelBody: (requestedExpiry) => new URLSearchParams({ request: requestObject(requestedExpiry) }).toString(),

    /** One request with fetch, outside any measurement; returns { status, body }. */
    async post(url, body) {
      const response = await fetch(url, { method: 'POST', headers: form, body });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
  };
}
