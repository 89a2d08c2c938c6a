// MCP client driver for the ShoeStore.Api interop tests: npm @modelcontextprotocol/sdk (the reference TypeScript
// client, nobody here wrote it) over Streamable HTTP. Prints exactly one JSON line on stdout, then exits.
//
//   MCP_TOKEN=<access token> node mcp-client.mjs --url http://127.0.0.1:PORT/mcp [--tool getProducts] [--arguments '{"query":"trail"}']
//
// The token comes from the environment only (never the command line) and is given to the SDK as an OAuth client
// provider's current token, so the SDK sends it (Authorization: Bearer) and handles 401/403 challenges itself.
// Without MCP_TOKEN the provider has no token: the SDK meets the 401, reads resource_metadata from the challenge and
// starts discovery (RFC 9728), which this script lets go no further than the loopback host.
//
// Output: {"event":"connected","server":{…},"tools":[…],"call":{…}|null,"requests":[…]}
//     or  {"event":"error","error":"UnauthorizedError","message":"…","requests":[…]}
// "requests" lists every HTTP request the SDK made: {method, url, status, www_authenticate}; tokens are never printed.
// Exit code: 0 connected (the tool result may still be an isError result), 1 the SDK failed, 2 bad usage.
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const usage = 'usage: MCP_TOKEN=… node mcp-client.mjs --url http://127.0.0.1:PORT/mcp [--tool NAME] [--arguments JSON]';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      url: { type: 'string' },
      tool: { type: 'string' },
      arguments: { type: 'string', default: '{}' },
    },
  }));
} catch (err) {
  console.error(`${err.message}\n${usage}`);
  process.exit(2);
}

if (!args.url) {
  console.error(usage);
  process.exit(2);
}

const serverUrl = new URL(args.url);
const token = process.env.MCP_TOKEN || undefined;
const requests = [];

// Every request the SDK makes goes through here: recorded, and kept on the server's own loopback host so that
// discovery of a test authorization server (e.g. https://mandate.test) never leaves the machine.
async function recordingFetch(input, init) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const entry = { method: init?.method ?? 'GET', url: url.href };
  requests.push(entry);
  if (url.host !== serverUrl.host) {
    entry.error = 'not fetched: off the test host';
    throw new TypeError(`fetch refused by the test driver: ${url.origin}`);
  }
  const response = await fetch(input, init);
  entry.status = response.status;
  const challenge = response.headers.get('www-authenticate');
  if (challenge) {
    entry.www_authenticate = challenge;
  }
  return response;
}

// An OAuth client provider that holds one token and cannot get another (no browser, no authorization server here):
// enough for the SDK to send the token and to run its challenge handling up to discovery.
const authProvider = {
  get redirectUrl() {
    return 'http://127.0.0.1/callback';
  },
  get clientMetadata() {
    return { client_name: 'mandate-interop', redirect_uris: ['http://127.0.0.1/callback'] };
  },
  clientInformation: () => ({ client_id: 'mandate-interop' }),
  tokens: () => (token ? { access_token: token, token_type: 'Bearer' } : undefined),
  saveTokens: () => {},
  redirectToAuthorization: () => {
    throw new Error('interactive authorization is not available in the test driver');
  },
  saveCodeVerifier: () => {},
  codeVerifier: () => 'unused',
};

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const client = new Client({ name: 'mandate-interop', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider, fetch: recordingFetch });

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  let call = null;
  if (args.tool) {
    call = await client.callTool({ name: args.tool, arguments: JSON.parse(args.arguments) });
  }
  print({
    event: 'connected',
    server: client.getServerVersion() ?? null,
    tools: tools.map((t) => ({ name: t.name, inputSchema: t.inputSchema, _meta: t._meta ?? null })),
    call,
    requests,
  });
  await client.close();
  process.exit(0);
} catch (err) {
  print({ event: 'error', error: err?.name ?? 'Error', message: String(err?.message ?? err), requests });
  process.exit(1);
}
