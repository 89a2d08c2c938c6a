// What the peers share: the oidc-provider interop fixture (tests/interop/op.mjs), the benchmark peer
// (bench/peer/op-bench.mjs) and, for listenOnLoopback, the push service (tests/interop/push-service.mjs). No package
// imports: each peer passes in oidc-provider's `errors` from its own node_modules (tests/interop/ and bench/ install
// their dependencies separately).
import http from 'node:http';

/**
 * oidc-provider's `richAuthorizationRequests` feature for the contract's RFC 9396 type `shoe_purchase`
 * (docs/architecture.md, "Contracts in one place"), with the same checks as Mandate.Server's validator.
 */
export function shoePurchaseDetails(errors) {
  const validate = (_ctx, detail) => {
    const invalid = (what) => { throw new errors.InvalidAuthorizationDetails(`shoe_purchase: ${what}`); };
    if (typeof detail.product_id !== 'string' || !detail.product_id) invalid('product_id must be a non-empty string');
    if (typeof detail.size !== 'number' || !(detail.size > 0) || !Number.isInteger(detail.size * 2)) invalid('size must be a positive JSON number in half sizes');
    if (!Number.isInteger(detail.quantity) || detail.quantity < 1) invalid('quantity must be an integer >= 1');
    const amount = detail.max_amount;
    if (typeof amount !== 'object' || amount === null) invalid('max_amount must be an object');
    if (!/^[A-Z]{3}$/.test(amount.currency ?? '')) invalid('max_amount.currency must be an ISO 4217 code');
    if (typeof amount.value !== 'string' || !/^\d+(\.\d+)?$/.test(amount.value)) invalid('max_amount.value must be a decimal string');
  };
  return {
    enabled: true,
    types: { shoe_purchase: { validate } },
    authorizationDetailsForGrantSource: (_ctx, source) => source.rar,
    authorizationDetailsForAccessToken: (_ctx, _token, source) => source?.rar,
  };
}

/**
 * An HTTP server on 127.0.0.1:`port` (0: a free one) that answers 503 until `serve(handler)` is called, and stops the
 * process on SIGTERM or SIGINT (or `shutdown()`). Returns the bound port and the issuer URL on it.
 */
export async function listenOnLoopback(port) {
  let handler = (_req, res) => { res.writeHead(503); res.end(); };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port ?? 0), '127.0.0.1', resolve);
  });
  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const bound = server.address().port;
  return { port: bound, issuer: `http://127.0.0.1:${bound}`, serve: (next) => { handler = next; }, shutdown };
}
