// A Web Push service nobody here wrote, for the .NET interop tests: npm `web-push-testing` (a mock push service that
// subscribes, checks the VAPID token against the subscription's applicationServerKey and decrypts aes128gcm/aesgcm
// messages with npm `http_ece`), on 127.0.0.1 at a free port. See README.md, "push-service.mjs".
//
// Prints one JSON line on stdout when listening ({"url":"http://127.0.0.1:PORT"}); everything else goes to stderr.
// Exits on SIGTERM/SIGINT and when stdin (a pipe) reaches end-of-file, so a killed test run leaves no orphan.
import { createRequire } from 'node:module';
import { listenOnLoopback } from './peer-common.mjs';

console.info = console.log = (...args) => console.error(...args);
const require = createRequire(import.meta.url);
const WebPushTestingServer = require('web-push-testing/src/server.js');
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js');

// The peer, as its own CLI builds it (src/bin/server.js), but not started with its startServer(): that listens on every
// interface at a fixed port. Its Express app serves here on 127.0.0.1 instead, behind a recorder (fixture plumbing).
const model = new PushApiModel();
const peer = new WebPushTestingServer(model, 0);
peer.setRequestHandlers();

// What the peer does not keep: each push request's headers and the status the peer answered, per subscription.
const received = [];
const recordPush = (req, res) => {
  const match = /^\/notify\/([0-9a-f]+)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !match) return;
  const entry = {
    client_hash: match[1],
    at: new Date().toISOString(),
    ttl: req.headers['ttl'] ?? null,
    urgency: req.headers['urgency'] ?? null,
    topic: req.headers['topic'] ?? null,
    content_encoding: req.headers['content-encoding'] ?? null,
    content_type: req.headers['content-type'] ?? null,
    authorization: req.headers['authorization'] ?? null,
    status: null,
  };
  received.push(entry);
  res.on('finish', () => { entry.status = res.statusCode; });
};

// GET /test/received?client_hash=… → the recorded push requests of one subscription, oldest first.
const testRoutes = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/test/received') {
    const hash = url.searchParams.get('client_hash');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(received.filter((r) => hash === null || r.client_hash === hash)));
    return true;
  }
  return false;
};

// Bound first (it answers 503 until serve()), so that the peer's endpoints can name the port.
const { port, serve, shutdown } = await listenOnLoopback(0);
// The peer builds endpoints from its notifyUrl ("http://localhost:PORT/notify/" by default): use the bound address.
model.notifyUrl = `http://127.0.0.1:${port}/notify/`;
serve((req, res) => {
  if (testRoutes(req, res)) return;
  recordPush(req, res);
  peer._app(req, res);
});
if (!process.stdin.isTTY) {
  process.stdin.on('end', shutdown).on('close', shutdown).resume();
}

process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}` }) + '\n');
