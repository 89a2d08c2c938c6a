// The identities of one scale-out run, generated fresh: the seed file every instance loads with --seed (docs/server.md
// "Seed file") and a demo.env-style file for the load driver (bench/load/target.mjs reads it). Both mode 0600, in
// the run folder; nothing is printed.
//
//   node bench/scale-out/identities.mjs ISSUER SEED_FILE TARGET_ENV_FILE
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [issuer, seedFile, envFile] = process.argv.slice(2);
if (!issuer || !seedFile || !envFile) throw new Error('usage: identities.mjs ISSUER SEED_FILE TARGET_ENV_FILE');

const secret = () => randomBytes(32).toString('base64url');
const clientId = 'ai-agent';
const clientSecret = secret();
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-1', alg: 'ES256', use: 'sig' };
const { d, ...publicJwk } = privateJwk;

const seed = {
  scopes: [
    { name: 'openid', description: 'Confirm to the app that it is you' },
    { name: 'prices', description: 'See prices and current deals', resource: 'shoestore-api', access_token_lifetime: 3600 },
    { name: 'payment', description: 'Place an order and pay with your saved payment method', resource: 'shoestore-api', access_token_lifetime: 300 },
  ],
  users: [{
    subject: '7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17', username: 'end.user', password: secret(),
    name: 'End User', email: 'end.user@example.com', enabled: true,
  }],
  clients: [{
    client_id: clientId, display_name: 'Shoe Store Assistant', client_secret: clientSecret,
    jwks: { keys: [publicJwk] },
    grant_types: ['client_credentials', 'urn:openid:params:grant-type:ciba'],
    scopes: ['openid', 'prices', 'payment'],
    backchannel_token_delivery_mode: 'poll',
    backchannel_client_notification_endpoint: null,
    backchannel_authentication_request_signing_alg: 'ES256',
    backchannel_user_code_parameter: false,
  }],
};

const env = [
  ['PINGONE_TOKEN_ENDPOINT', `${issuer}/access_token`],
  ['PINGONE_CLIENT_ID', clientId],
  ['PINGONE_CLIENT_SECRET', clientSecret],
  ['PINGONE_CIBA_ENDPOINT', `${issuer}/bc-authorize`],
  ['PINGONE_CIBA_AUDIENCE', issuer],
  ['PINGONE_CIBA_ISSUER', clientId],
  ['PINGONE_CIBA_ACR_VALUES', 'push'],
  ['PINGONE_CIBA_JWK', `'${JSON.stringify(privateJwk)}'`],
  ['DEMO_USERNAME', 'end.user'],
  ['DEMO_PASSWORD', seed.users[0].password],
];

writeFileSync(seedFile, `${JSON.stringify(seed, null, 2)}\n`, { mode: 0o600 });
writeFileSync(envFile, `${env.map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
