// The PingOne Advanced Identity Cloud tutorial's own agent code, transcribed to a runnable script, to run against
// Mandate.Server exactly as a reader of the tutorial would run it against a tenant.
//
// Source: "Authorize an AI Agent to Perform Tasks on Your Behalf", Identity for AI tutorials,
// https://developer.pingidentity.com/identity-for-ai/tutorials/idai-authorizing-agents-aic.html and the series'
// pages "Authorize autonomous actions with the Client Credentials flow", "Authorize on-behalf-of actions with CIBA"
// and "Integrate the flows".
//
// What it does, as the tutorial does: a Client Credentials token for `prices`; then getCibaToken(scope, loginHint,
// productName) = createBindingMessage + createCibaRequestJWT + initiateCibaFlow + pollForCibaToken. The request object
// is signed (ES256, jose) with the claims aud iss exp iat nbf login_hint scope binding_message acr_values,
// exp = iat + 600 and no jti; all settings come from the tutorial's PINGONE_* variables.
//
// Only the tutorial's typos are fixed (each marked "fixed:"), nothing else. Its `nbf` is used but never defined: a
// reader either defines it or deletes the line, so both variants are here (createCibaRequestJWT below, chosen by the
// first argument). This is not Mandate.Client and shares no code with it.
//
// Provenance: the tutorial pages' code could not be read when this was written (only the series' introduction was at
// hand); the requests follow issue 13's description of them (claims, exp = iat + 600, no jti, the PINGONE_* variables)
// and the tutorial bugs recorded in tests/Mandate.Client.Tests/Ciba/TutorialSampleBugTests.cs (undefined nbf and
// interval, un-awaited signing, a deadline that gave up after one poll, an undefined access token). Details the
// description does not fix are marked "assumed:"; compare them with the tutorial when it changes.
//
// Usage: node tests/interop/tutorial-agent.mjs <nbf-defined|nbf-deleted> "<product name>"
// Prints one JSON line per token with the token's decoded claims (never the token itself), or an error line; exit 0
// when both tokens were issued, 1 otherwise, 2 on bad usage.
import * as jose from 'jose';

const [variant, productName] = process.argv.slice(2);
if (!['nbf-defined', 'nbf-deleted'].includes(variant) || !productName) {
  console.error('usage: node tutorial-agent.mjs <nbf-defined|nbf-deleted> "<product name>"');
  process.exit(2);
}

// ---- The tutorial's code -------------------------------------------------------------------------------------------

// Client Credentials: a token for the agent itself (autonomous actions such as "Get Latest Prices").
// assumed: client_secret_basic, here and below.
async function getClientCredentialsToken(scope) {
  const credentials = Buffer.from(`${process.env.PINGONE_CLIENT_ID}:${process.env.PINGONE_CLIENT_SECRET}`).toString('base64');
  const response = await fetch(process.env.PINGONE_TOKEN_ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${credentials}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  if (!response.ok) {
    throw new Error(`Client credentials request failed: ${response.status} ${await response.text()}`);
  }
  const data = await response.json();
  return data.access_token;
}

// The message the person sees on their device.
function createBindingMessage(productName) {
  return `Allow agent to place order for ${productName}?`;
}

// The signed CIBA request. Variant "nbf defined": the reader defined the tutorial's missing `nbf`.
async function createCibaRequestJWTWithNbf(scope, loginHint, bindingMessage) {
  const privateKey = await jose.importJWK(JSON.parse(process.env.PINGONE_CIBA_JWK), 'ES256');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + 600;
  const nbf = iat; // fixed: the tutorial uses `nbf` without defining it
  const payload = {
    aud: process.env.PINGONE_CIBA_AUDIENCE,
    iss: process.env.PINGONE_CIBA_ISSUER,
    exp,
    iat,
    nbf,
    login_hint: loginHint,
    scope,
    binding_message: bindingMessage,
    acr_values: process.env.PINGONE_CIBA_ACR_VALUES,
  };
  return await new jose.SignJWT(payload).setProtectedHeader({ alg: 'ES256' }).sign(privateKey); // fixed: await; assumed: no kid
}

// The signed CIBA request. Variant "nbf deleted": the reader deleted the tutorial's `nbf` line instead.
async function createCibaRequestJWTWithoutNbf(scope, loginHint, bindingMessage) {
  const privateKey = await jose.importJWK(JSON.parse(process.env.PINGONE_CIBA_JWK), 'ES256');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + 600;
  const payload = {
    aud: process.env.PINGONE_CIBA_AUDIENCE,
    iss: process.env.PINGONE_CIBA_ISSUER,
    exp,
    iat,
    login_hint: loginHint,
    scope,
    binding_message: bindingMessage,
    acr_values: process.env.PINGONE_CIBA_ACR_VALUES,
  };
  return await new jose.SignJWT(payload).setProtectedHeader({ alg: 'ES256' }).sign(privateKey); // fixed: await; assumed: no kid
}

const createCibaRequestJWT = variant === 'nbf-defined' ? createCibaRequestJWTWithNbf : createCibaRequestJWTWithoutNbf;

// Starts the backchannel authentication: the person gets a push on their device.
async function initiateCibaFlow(requestJwt) {
  const credentials = Buffer.from(`${process.env.PINGONE_CLIENT_ID}:${process.env.PINGONE_CLIENT_SECRET}`).toString('base64');
  const response = await fetch(process.env.PINGONE_CIBA_ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${credentials}`,
    },
    body: new URLSearchParams({ request: requestJwt }),
  });
  if (!response.ok) {
    throw new Error(`CIBA request failed: ${response.status} ${await response.text()}`);
  }
  return await response.json(); // { auth_req_id, expires_in, interval }
}

// Polls the token endpoint until the person approves or denies, or the request expires.
async function pollForCibaToken(authReqId, interval, expiresIn) {
  const credentials = Buffer.from(`${process.env.PINGONE_CLIENT_ID}:${process.env.PINGONE_CLIENT_SECRET}`).toString('base64');
  const deadline = Date.now() + expiresIn * 1000;
  const waitSeconds = interval ?? 5; // fixed: the tutorial reads an undefined interval
  while (Date.now() < deadline) { // fixed: the tutorial's deadline check gave up after the first poll
    await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
    const response = await fetch(process.env.PINGONE_TOKEN_ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${credentials}`,
      },
      body: new URLSearchParams({ grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: authReqId }),
    });
    const data = await response.json();
    if (response.ok) {
      return data.access_token; // fixed: the tutorial returned an undefined access token
    }
    if (data.error !== 'authorization_pending' && data.error !== 'slow_down') {
      throw new Error(`CIBA token request failed: ${data.error} ${data.error_description ?? ''}`);
    }
  }
  throw new Error('CIBA request timed out');
}

// On-behalf-of actions: a token the person approved on their device.
async function getCibaToken(scope, loginHint, productName) {
  const bindingMessage = createBindingMessage(productName);
  const requestJwt = await createCibaRequestJWT(scope, loginHint, bindingMessage);
  const { auth_req_id, expires_in, interval } = await initiateCibaFlow(requestJwt);
  return await pollForCibaToken(auth_req_id, interval, expires_in);
}

// ---- The test's driver (not the tutorial's) ------------------------------------------------------------------------

const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

try {
  const pricesToken = await getClientCredentialsToken('prices');
  print({ event: 'token', step: 'prices', claims: jose.decodeJwt(pricesToken) });
  const paymentToken = await getCibaToken('payment', 'end.user', productName);
  print({ event: 'token', step: 'payment', claims: jose.decodeJwt(paymentToken) });
  process.exit(0);
} catch (error) {
  print({ event: 'error', message: String(error?.message ?? error) });
  process.exit(1);
}
