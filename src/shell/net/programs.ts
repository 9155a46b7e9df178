/**
 * curl, wget, nslookup and ping on the learner's machine. The machine sits on the k3d Docker network: node IPs
 * (and so NodePorts and LoadBalancer ports published on them) answer; ClusterIPs and pod IPs do not route from
 * outside the cluster; names are resolved by the machine's own resolver (127.0.0.53), not CoreDNS, and the
 * simulated machine has no Internet. `localhost:PORT` reaches `kubectl port-forward` / `kubectl proxy`.
 *
 * Texts: curl 8.5 (lib/strerror.c, lib/cf-socket.c: `curl: (7) Failed to connect to HOST port N after T ms:
 * Couldn't connect to server`, `curl: (6) Could not resolve host: X`, `curl: (28) … Connection timed out`);
 * GNU Wget 1.21; bind9's nslookup; iputils ping.
 */
import { Cancelled, type CommandContext, type HostHttpResponse, type Program } from '../types';
import { httpRequest, parseUrl, ping as netPing, type HttpFailure, type HttpResponse } from '../../sim/network/index';
import type { HostNetwork } from './index';
import type { K3dRuntime } from '../../sim/k3d/runtime';
import { strftime } from '../commands/misc';
import { abs, fsMessage, stdoutIsTTY } from '../commands/util';
import { byteLength } from '../vfs';


type Result = HttpResponse | HttpFailure | { ok: true; local: true; res: HostHttpResponse; address: string };

const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h);

/** One request from the host: loopback listeners first, then whichever cluster network routes the IP. */
function hostRequest(world: Partial<HostNetwork>, ctx: CommandContext, url: string, method: string, headers: Record<string, string>): Result | { ok: false; failure: 'url' } {
  const u = parseUrl(url);
  if (!u) return { ok: false, failure: 'url' };
  if (u.host === 'localhost' || u.host === '127.0.0.1' || u.host === '0.0.0.0' || u.host === '::1') {
    const res = ctx.host.localRequest?.(u.port, { method, path: u.path, headers: { host: `${u.host}:${u.port}`, ...headers } });
    if (res) return { ok: true, local: true, res, address: `127.0.0.1:${u.port}` };
    // A port k3d published (`--port 8080:80@loadbalancer`): docker's proxy hands the connection to the serverlb's
    // nginx, which opens one to the node's port; when that is refused nginx closes the accepted connection.
    const published = (world as { k3d?: Partial<Pick<K3dRuntime, 'hostPortTarget'>> }).k3d?.hostPortTarget?.(u.port);
    if (published?.cluster.network) {
      const hostHeader: Record<string, string> = Object.keys(headers).some((k) => k.toLowerCase() === 'host') ? {} : { Host: u.port === 80 ? u.host : `${u.host}:${u.port}` };
      const r = httpRequest(published.cluster.network, { kind: 'host' }, `http://${published.nodeIP}:${published.containerPort}${u.path}`, { method, headers: { ...hostHeader, ...headers }, userAgent: 'curl/8.5.0' });
      if (r.ok) return { ...r, address: `127.0.0.1:${u.port}` };
      return { ok: false, failure: 'empty', host: u.host, ip: '127.0.0.1', port: u.port, waitMs: 0 };
    }
    return { ok: false, failure: 'refused', host: u.host, ip: '127.0.0.1', port: u.port, waitMs: 0 };
  }
  if (!isIP(u.host)) return { ok: false, failure: 'dns', host: u.host, port: u.port, waitMs: 0 };
  const nets = world.networks?.() ?? [];
  let last: HttpResponse | HttpFailure | undefined;
  for (const net of nets) {
    const r = httpRequest(net, { kind: 'host' }, url, { method, headers, userAgent: 'curl/8.5.0' });
    if (r.ok) return r;
    // a refusal from the network that owns the address wins over "no route" from the others
    if (!last || (!last.ok && last.failure === 'no-route' && r.failure !== 'no-route')) last = r;
  }
  return last ?? { ok: false, failure: 'timeout', host: u.host, ip: u.host, port: u.port, waitMs: 130_000 };
}

function fmtMs(ms: number): string {
  return String(Math.round(ms));
}

export function createNetPrograms(world: Partial<HostNetwork>): Record<string, Program> {
  return { curl: (ctx) => curl(world, ctx), wget: (ctx) => wget(world, ctx), nslookup, ping: (ctx) => pingCmd(world, ctx) };
}

async function wait(ctx: CommandContext, ms: number): Promise<boolean> {
  try {
    await ctx.sleep(ms);
    return true;
  } catch (e) {
    if (e instanceof Cancelled) return false;
    throw e;
  }
}

async function curl(world: Partial<HostNetwork>, ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let silent = false;
  let showErr = false;
  let include = false;
  let head = false;
  let fail = false;
  let verbose = false;
  let output: string | undefined;
  let writeOut: string | undefined;
  let method: string | undefined;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => args[++i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s);
      const v = () => inline ?? val();
      switch (name) {
        case 'silent':
          silent = true;
          break;
        case 'show-error':
          showErr = true;
          break;
        case 'include':
          include = true;
          break;
        case 'head':
          head = true;
          break;
        case 'fail':
          fail = true;
          break;
        case 'verbose':
          verbose = true;
          break;
        case 'location':
        case 'insecure':
        case 'compressed':
          break;
        case 'output':
          output = v();
          break;
        case 'write-out':
          writeOut = v();
          break;
        case 'request':
          method = v();
          break;
        case 'header': {
          const h = v() ?? '';
          const c = h.indexOf(':');
          if (c > 0) headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
          break;
        }
        case 'max-time':
          maxTime = Number(v());
          break;
        case 'connect-timeout':
          connectTimeout = Number(v());
          break;
        case 'data':
        case 'data-raw':
        case 'user-agent':
          v();
          if (name.startsWith('data')) method ??= 'POST';
          break;
        default:
          ctx.stderr(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const rest = a.slice(j + 1);
        const take = () => {
          const v = rest || val();
          j = a.length;
          return v;
        };
        switch (c) {
          case 's':
            silent = true;
            break;
          case 'S':
            showErr = true;
            break;
          case 'i':
            include = true;
            break;
          case 'I':
            head = true;
            break;
          case 'f':
            fail = true;
            break;
          case 'v':
            verbose = true;
            break;
          case 'L':
          case 'k':
            break;
          case 'o':
            output = take();
            break;
          case 'w':
            writeOut = take();
            break;
          case 'X':
            method = take();
            break;
          case 'm':
            maxTime = Number(take());
            break;
          case 'H': {
            const h = take() ?? '';
            const k = h.indexOf(':');
            if (k > 0) headers[h.slice(0, k).trim().toLowerCase()] = h.slice(k + 1).trim();
            break;
          }
          case 'd':
          case 'A':
            take();
            if (c === 'd') method ??= 'POST';
            break;
          default:
            ctx.stderr(`curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
            return 2;
        }
      }
      continue;
    }
    urls.push(a);
  }
  if (!urls.length) {
    ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const errOut = (code: number, msg: string) => {
    if (!silent || showErr) ctx.stderr(`curl: (${code}) ${msg}\n`);
    return code;
  };
  let status = 0;
  for (const url of urls) {
    const m = method ?? (head ? 'HEAD' : 'GET');
    const u = parseUrl(url);
    if (!u || !/^(https?)$/.test(u.scheme)) {
      status = u ? errOut(1, `Protocol "${u.scheme}" not supported`) : errOut(3, 'URL rejected: Malformed input to a URL function');
      continue;
    }
    if (verbose) ctx.stderr(`*   Trying ${isIP(u.host) ? u.host : u.host === 'localhost' ? '127.0.0.1' : u.host}:${u.port}...\n`);
    const r = hostRequest(world, ctx, url, m, headers);
    if (!r.ok) {
      if (r.failure === 'url') {
        status = errOut(3, 'URL rejected: Malformed input to a URL function');
        continue;
      }
      const f = r as HttpFailure;
      if (f.failure === 'dns') {
        status = errOut(6, `Could not resolve host: ${f.host}`);
        continue;
      }
      const limit = Math.min(connectTimeout ?? Infinity, maxTime ?? Infinity) * 1000;
      if (f.failure === 'timeout') {
        if (limit < f.waitMs) {
          if (!(await wait(ctx, limit))) return 130;
          status = errOut(28, `${connectTimeout !== undefined ? 'Failed to connect to ' + f.host + ' port ' + f.port + ' after ' + fmtMs(limit) + ' ms: Timeout was reached' : `Connection timed out after ${fmtMs(limit + 1)} milliseconds`}`);
          continue;
        }
        if (!(await wait(ctx, f.waitMs))) return 130;
        status = errOut(28, `Failed to connect to ${f.host} port ${f.port} after ${fmtMs(f.waitMs)} ms: Couldn't connect to server`);
        continue;
      }
      if (f.failure === 'empty') {
        status = errOut(52, 'Empty reply from server');
        continue;
      }
      status = errOut(7, `Failed to connect to ${f.host} port ${f.port} after 0 ms: Couldn't connect to server`);
      continue;
    }
    const res = 'local' in r ? { status: r.res.status, statusText: r.res.statusText ?? '', headers: r.res.headers, body: r.res.body } : r;
    if (fail && res.status >= 400) {
      status = errOut(22, `The requested URL returned error: ${res.status}`);
      continue;
    }
    const headText = `HTTP/1.1 ${res.status} ${res.statusText}`.trimEnd() + '\r\n' + Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
    const body = head ? '' : res.body;
    const shown = (include || head ? headText : '') + body;
    if (!silent && (output !== undefined || !stdoutIsTTY(ctx))) {
      // the progress meter goes to stderr when the body does not go to the terminal
      const n = byteLength(shown);
      ctx.stderr(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r100 ${String(n).padStart(5)}  100 ${String(n).padStart(5)}    0     0  ${String(n).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(n).padStart(5)}\n`);
    }
    if (output !== undefined && output !== '-') {
      try {
        ctx.fs.writeFile(abs(ctx, output), shown);
      } catch (e) {
        status = errOut(23, `Failure writing output to destination: ${fsMessage(e)}`);
        continue;
      }
    } else ctx.stdout(shown);
    if (writeOut !== undefined) ctx.stdout(writeOut.replace(/%\{http_code\}|%\{response_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
  }
  return status;
}

async function wget(world: Partial<HostNetwork>, ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let quiet = false;
  let out: string | undefined;
  const urls: string[] = [];
  let timeout: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O') out = args[++i];
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      out = a === '-qO-' ? '-' : args[++i];
    } else if (a.startsWith('-T') || a.startsWith('--timeout')) timeout = Number(a.replace(/^(-T|--timeout=?)/, '') || args[++i]);
    else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  if (!urls.length) {
    ctx.stderr("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const now = () => strftime('%Y-%m-%d %H:%M:%S', ctx.host.clock.now());
  let status = 0;
  for (const raw of urls) {
    const url = /^[a-z]+:\/\//i.test(raw) ? raw : 'http://' + raw;
    const u = parseUrl(url)!;
    const shown = `${u.scheme}://${u.host}${u.port === 80 ? '' : ':' + u.port}${u.path}`;
    const log = (t: string) => !quiet && ctx.stderr(t);
    log(`--${now()}--  ${shown}\n`);
    const r = hostRequest(world, ctx, url, 'GET', {});
    if (!r.ok) {
      const f = r as HttpFailure;
      if (f.failure === 'dns') {
        log(`Resolving ${f.host} (${f.host})... failed: Name or service not known.\n`);
        ctx.stderr(`wget: unable to resolve host address ‘${f.host}’\n`);
        status = 4;
        continue;
      }
      const target = `${f.ip ?? f.host}:${f.port}`;
      log(`Connecting to ${target}... `);
      if (f.failure === 'empty') {
        // wget retries a connection closed without a reply; one attempt is shown
        log('connected.\nHTTP request sent, awaiting response... No data received.\nRetrying.\n\n');
        status = 4;
        continue;
      }
      if (f.failure === 'timeout') {
        const ms = timeout !== undefined ? timeout * 1000 : 900_000;
        if (!(await wait(ctx, Math.min(ms, f.waitMs)))) return 130;
        log('failed: Connection timed out.\nRetrying.\n\n');
      } else log(`failed: ${f.failure === 'no-route' ? 'No route to host' : 'Connection refused'}.\n`);
      status = 4;
      continue;
    }
    const res = 'local' in r ? { status: r.res.status, statusText: r.res.statusText ?? '', headers: r.res.headers, body: r.res.body, address: r.address } : r;
    log(`Connecting to ${res.address}... connected.\nHTTP request sent, awaiting response... ${res.status} ${res.statusText}\n`);
    if (res.status >= 400) {
      log(`${now()} ERROR ${res.status}: ${res.statusText}.\n\n`);
      status = 8;
      continue;
    }
    const len = byteLength(res.body);
    const type = (res.headers['content-type'] ?? res.headers['Content-Type'] ?? 'text/html').split(';')[0];
    const file = out ?? (u.path.split('/').pop() || 'index.html');
    log(`Length: ${len} [${type}]\n`);
    if (file === '-') {
      log(`Saving to: ‘STDOUT’\n\n`);
      ctx.stdout(res.body);
      log(`\n${now()} (${len ? '1.00 MB/s' : '0.00 B/s'}) - written to stdout [${len}/${len}]\n\n`);
      continue;
    }
    let target = file;
    if (out === undefined) for (let k = 1; ctx.fs.exists(abs(ctx, target)); k++) target = `${file}.${k}`;
    log(`Saving to: ‘${target}’\n\n`);
    try {
      ctx.fs.writeFile(abs(ctx, target), res.body);
    } catch (e) {
      ctx.stderr(`${target}: ${fsMessage(e)}\n`);
      status = 3;
      continue;
    }
    log(`${target.padEnd(19).slice(0, 19)} 100%[===================>] ${String(len).padStart(7)}  --.-KB/s    in 0s      \n\n${now()} (1.00 MB/s) - ‘${target}’ saved [${len}/${len}]\n\n`);
  }
  return status;
}

/** The machine's resolver (systemd-resolved) knows no cluster names and has no upstream here. */
const nslookup: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) {
    ctx.stderr('nslookup: interactive mode is not supported here\n');
    return 1;
  }
  const server = args[1];
  if (server && server !== '127.0.0.53') {
    // from outside the cluster the kube-dns ClusterIP does not route: the query times out
    await ctx.sleep(15_000).catch(() => undefined);
    if (ctx.signal.aborted) return 130;
    ctx.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  if (isIP(name)) {
    ctx.stdout(`** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`);
    return 1;
  }
  if (name === 'localhost') {
    ctx.stdout('Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\tlocalhost\nAddress: 127.0.0.1\n\n');
    return 0;
  }
  ctx.stdout(`Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find ${name}: NXDOMAIN\n\n`);
  return 1;
};

async function pingCmd(world: Partial<HostNetwork>, ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let count = Infinity;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') count = Number(args[++i]);
    else if (args[i].startsWith('-c')) count = Number(args[i].slice(2));
    else if (args[i] === '-W' || args[i] === '-i' || args[i] === '-w') i++;
    else if (!args[i].startsWith('-')) host = args[i];
  }
  if (!host) {
    ctx.stderr('ping: usage error: Destination address required\n');
    return 1;
  }
  if (!Number.isFinite(count) && count !== Infinity) count = Infinity;
  let ip = host;
  let reachable = false;
  if (host === 'localhost' || host === '127.0.0.1') {
    ip = '127.0.0.1';
    reachable = true;
  } else if (!isIP(host)) {
    ctx.stderr(`ping: ${host}: Name or service not known\n`);
    return 2;
  } else {
    for (const net of world.networks?.() ?? []) if (netPing(net, { kind: 'host' }, host).reachable) reachable = true;
  }
  ctx.stdout(`PING ${host} (${ip}) 56(84) bytes of data.\n`);
  let sent = 0;
  let received = 0;
  const start = ctx.host.clock.now();
  for (;;) {
    sent++;
    if (reachable) {
      received++;
      ctx.stdout(`64 bytes from ${ip}: icmp_seq=${sent} ttl=64 time=0.0${50 + ((sent * 7) % 40)} ms\n`);
    }
    if (sent >= count) break;
    if (!(await wait(ctx, 1000))) break;
  }
  const elapsed = ctx.host.clock.now() - start;
  ctx.stdout(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} received, ${Math.round(((sent - received) / sent) * 100)}% packet loss, time ${elapsed}ms\n`);
  if (received) ctx.stdout('rtt min/avg/max/mdev = 0.050/0.068/0.089/0.012 ms\n');
  return received ? 0 : 1;
}
