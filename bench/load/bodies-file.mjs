// Writes bc-authorize request bodies for wrk (bench/load/bc.lua), each with a fresh ES256 request object (its own
// jti), signed now, before the run: line 1 is the Authorization header (client_secret_basic), then one form body a
// line. Mode 0600: the file holds the client's credentials. Prints the bc-authorize URL.
//   node bench/load/bodies-file.mjs DEMO_ENV COUNT OUT_FILE
import { writeFileSync } from 'node:fs';
import { loadTarget } from './target.mjs';

const [envFile, countText, out] = process.argv.slice(2);
const count = Number(countText);
if (!out || !Number.isInteger(count) || count < 1 || count > 2_000_000) {
  throw new Error('usage: bodies-file.mjs DEMO_ENV COUNT (1..2,000,000) OUT_FILE');
}
const t = loadTarget('target', envFile);
const lines = [t.headers.authorization];
for (let i = 0; i < count; i += 1) lines.push(t.backchannelBody(300));
writeFileSync(out, `${lines.join('\n')}\n`, { mode: 0o600 });
console.log(t.cibaUrl.href);
