"""Shares of a Mandate.Server bc-authorize profile by component, from `perf script` text on stdin.

Each sample is charged to the innermost frame that names a component (the first pattern below that matches, searching
from the leaf outwards), so time in a library is charged to the caller's component only when no deeper frame names
one. JIT-compiler samples are left out (they fade after warm-up and differ between runs). OpenSSL has no frame pointers
here, so its callers are unknown: "crypto" is the ES256 verification plus the few hashes and random ids per request.
    python3 bench/profile/components.py < perf-script.txt
"""
import collections
import re
import sys

COMPONENTS = [
    ('crypto (OpenSSL)', r'^libcrypto:|System\.Security\.Cryptography'),
    ('console logging', r'Logging\.Console|ConsoleLogger'),
    ('logging (Logger.Log)', r'Microsoft\.Extensions\.Logging|Mandate\.Server\.Logging'),
    ('JWT: IdentityModel validation', r'Microsoft\.IdentityModel'),
    ('JWT: JwsCompact parse', r'JwsCompact'),
    ('request object claims checks', r'RequestObjectValidator|ClientJwtVerifier'),
    ('authorization_details', r'AuthorizationDetails'),
    ('binding message', r'BindingMessage'),
    ('scope policy', r'ScopePolicy|ScopeCatalog'),
    ('BackchannelParameters', r'BackchannelParameters'),
    ('user lookup', r'UserDirectory|LoginHint'),
    ('client auth', r'ClientAuthenticator|ClientDirectory|ClientRegistry|OpenIddict|ReadClientCredentials'),
    ('audit', r'Mandate\.Server\.Audit'),
    ('auth_req_id, ids', r'AuthReqId|JwtUse'),
    ('write: SQLite (native, WAL system calls)', r'^sqlite:|pwrite|fsync|fdatasync|pread'),
    ('write: managed (queue, ADO.NET, EF Core)', r'BackchannelWriteQueue|EntityInsert|Microsoft\.Data\.Sqlite|SQLitePCL|EntityFrameworkCore|WriteTransaction|System\.Data\.Common'),
    ('device events, push', r'DeviceEventHub|Mandate\.Server\.Push|DeviceEvent'),
    ('recorder', r'BackchannelRequestRecorder'),
    ('validator', r'BackchannelRequestValidator'),
    ('form parsing', r'FormFeature|FormReader|FormPipeReader|ReadOAuthForm|WebUtilities'),
    ('response JSON', r'JsonHttpResult|WriteAsJson|HttpResults|JsonSerializer|JsonTypeInfo|BackchannelResponse'),
    ('dependency injection', r'DependencyInjection|ResolveService'),
    ('handler', r'BackchannelAuthenticationHandler|ClientRequestReader'),
    ('telemetry (Activity)', r'System\.Diagnostics\.Activity|DiagnosticListener|MandateServerTelemetry|HostingApplicationDiagnostics'),
    ('middleware: Mandate', r'MalformedInput|DatabaseUnavailable|DeviceApiNoStore|OpenIddictRequestGate'),
    ('middleware: authentication, routing, hosting', r'AspNetCore\.Authentication|AspNetCore\.Routing|AspNetCore\.Hosting|RequestDelegateFactory|lambda_method'),
    ('Kestrel, sockets', r'Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|sendto|__send|recvfrom|epoll|tcp_|ip_'),
    ('thread pool, scheduling', r'ThreadPool|LowLevel|sched_yield|futex|schedule|Channels|TaskCompletionSource|Task::RunContinuations|Monitor'),
]
TAGS = (('e_sqlite3', 'sqlite:'), ('libcrypto', 'libcrypto:'), ('libcoreclr', 'coreclr:'), ('libclrjit', 'jit:'))


def samples(lines):
    """Yields each sample's frames, leaf first, each 'symbol' tagged with its native library where that matters."""
    stack = []
    for line in lines:
        line = line.rstrip('\n')
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        if line[0] not in ' \t':
            stack = []
            continue
        match = re.match(r'[0-9a-f]+ (.*) \((.*)\)$', line.strip())
        if match:
            symbol, dso = re.sub(r'\+0x[0-9a-f]+$', '', match.group(1)), match.group(2)
            tag = next((t for lib, t in TAGS if lib in dso), '')
            stack.append(tag + symbol)
    if stack:
        yield stack


def main():
    counts = collections.Counter()
    total = jit = 0
    for stack in samples(sys.stdin):
        if any(f.startswith('jit:') for f in stack):
            jit += 1
            continue
        total += 1
        label = 'other (runtime, allocator, unattributed)'
        for frame in stack:
            hit = next((name for name, pattern in COMPONENTS if re.search(pattern, frame)), None)
            if hit:
                label = hit
                break
        counts[label] += 1
    print(f'samples {total} (JIT compiler samples left out: {jit})')
    for label, n in counts.most_common():
        print(f'{100 * n / total:6.2f}%  {label}')


if __name__ == '__main__':
    main()
