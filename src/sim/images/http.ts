/**
 * How a container answers HTTP, by the catalog's behaviour kind. The network module calls answerHttp when a
 * request reaches a pod port the container listens on; nginx also appends its access-log line.
 */
import { formatDate } from './strftime';
import type { HttpBehaviour } from './types';

export interface HttpRequestLike {
  method: string;
  path: string;
  host: string;
  /** Source address as the pod sees it (a pod IP, or the node's cni0 gateway 10.42.N.1 for host traffic). */
  clientIP: string;
  userAgent?: string;
  headers?: Record<string, string>;
}

export interface HttpAnswerContext {
  hostname: string;
  podIP: string;
  now: number;
  /** Container start time (ms); agnhost liveness flips to failing 10 s after it. */
  startedAt: number;
  /** nginx/httpd version for headers and error pages. */
  version: string;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** A line for the container's log (nginx, httpd access logs), if the server writes one. */
  accessLog?: string;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export const NGINX_WELCOME =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n' +
  'font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n' +
  '<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n' +
  '<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n' +
  '<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

function nginxError(status: number, version: string): string {
  const line = `${status} ${STATUS_TEXT[status]}`;
  return `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const httpDate = (ms: number) => formatDate(ms, '%a, %d %b %Y %H:%M:%S GMT');

/** nginx's default `combined`-style log_format main: `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`. */
function nginxLog(req: HttpRequestLike, status: number, bytes: number, now: number): string {
  return `${req.clientIP} - - [${formatDate(now, '%d/%b/%Y:%H:%M:%S +0000')}] "${req.method} ${req.path} HTTP/1.1" ${status} ${bytes} "-" "${req.userAgent ?? '-'}" "-"`;
}

/**
 * `files` lets a container's own files (e.g. a ConfigMap mounted over /usr/share/nginx/html) replace the default
 * page; keys are absolute paths in the container.
 */
export function answerHttp(b: HttpBehaviour, req: HttpRequestLike, ctx: HttpAnswerContext, files?: Map<string, string>): HttpAnswer {
  const ok = (body: string, contentType = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): HttpAnswer => ({
    status: 200, statusText: 'OK', body, headers: { 'Content-Type': contentType, 'Content-Length': String(body.length), Date: httpDate(ctx.now), ...extra },
  });
  const path = req.path.split('?')[0];
  switch (b.kind) {
    case 'static':
      return ok(b.body, b.contentType ?? 'text/plain; charset=utf-8');
    case 'nginx': {
      const docroot = '/usr/share/nginx/html';
      const file = path.endsWith('/') ? `${docroot}${path}index.html` : `${docroot}${path}`;
      // A volume mounted over the docroot hides the image's own pages: an empty emptyDir serves no welcome page,
      // and a directory without index.html is 403 (ngx_http_index_module: "directory index ... is forbidden").
      const mounted = !!(files as { mountAt?: (p: string) => unknown } | undefined)?.mountAt?.(docroot);
      const body = files?.get(file) ?? (mounted ? undefined : file === `${docroot}/index.html` ? NGINX_WELCOME : file === `${docroot}/50x.html` ? '' : undefined);
      const server = { Server: `nginx/${ctx.version}` };
      if (body === undefined) {
        const code = mounted && path.endsWith('/') ? 403 : 404;
        const e = nginxError(code, ctx.version);
        return { status: code, statusText: code === 403 ? 'Forbidden' : 'Not Found', body: e, headers: { ...server, Date: httpDate(ctx.now), 'Content-Type': 'text/html', 'Content-Length': String(e.length) }, accessLog: nginxLog(req, code, e.length, ctx.now) };
      }
      const a = ok(body, 'text/html', server);
      a.accessLog = nginxLog(req, 200, body.length, ctx.now);
      return a;
    }
    case 'httpd': {
      const body = files?.get(`/usr/local/apache2/htdocs${path === '/' ? '/index.html' : path}`) ?? (path === '/' || path === '/index.html' ? '<html><body><h1>It works!</h1></body></html>\n' : undefined);
      if (body === undefined) {
        const e = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
        return { status: 404, statusText: 'Not Found', body: e, headers: { 'Content-Type': 'text/html; charset=iso-8859-1', 'Content-Length': String(e.length) }, accessLog: `${req.clientIP} - - [${formatDate(ctx.now, '%d/%b/%Y:%H:%M:%S +0000')}] "${req.method} ${req.path} HTTP/1.1" 404 ${e.length}` };
      }
      const a = ok(body, 'text/html');
      a.accessLog = `${req.clientIP} - - [${formatDate(ctx.now, '%d/%b/%Y:%H:%M:%S +0000')}] "${req.method} ${req.path} HTTP/1.1" 200 ${body.length}`;
      return a;
    }
    case 'bootcamp':
      // kubernetes-bootcamp's server.js answers every path the same way; v2 images say v=2.
      return ok(`Hello Kubernetes bootcamp! | Running on: ${ctx.hostname} | v=${ctx.version.replace(/^v/, '').split('.')[0]}\n`);
    case 'hello-app':
      return ok(`Hello, world!\nVersion: ${ctx.version.split('.').slice(0, 2).join('.')}.0\nHostname: ${ctx.hostname}\n`);
    case 'whoami':
      return ok(`Hostname: ${ctx.hostname}\nIP: 127.0.0.1\nIP: ::1\nIP: ${ctx.podIP}\nRemoteAddr: ${req.clientIP}:${40000 + (ctx.now % 20000)}\n${req.method} ${req.path} HTTP/1.1\nHost: ${req.host}\nUser-Agent: ${req.userAgent ?? ''}\nAccept: */*\n\n`);
    case 'http-echo':
      return ok('hello-world\n');
    case 'echoserver':
      return ok(
        `\n\nHostname: ${ctx.hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n` +
          `Request Information:\n\tclient_address=${req.clientIP}\n\tmethod=${req.method}\n\treal path=${path}\n\tquery=${req.path.split('?')[1] ?? ''}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${req.host}:8080${req.path}\n\n` +
          `Request Headers:\n\taccept=*/*  \n\thost=${req.host}  \n\tuser-agent=${req.userAgent ?? ''}  \n\nRequest Body:\n\t-no body in request-\n\n`,
      );
    case 'agnhost': {
      if (path === '/hostname' || path === '/') return ok(ctx.hostname);
      if (path === '/healthz') {
        const failing = ctx.now - ctx.startedAt > 10_000;
        return failing ? { status: 500, statusText: 'Internal Server Error', headers: {}, body: `error: ${Math.floor((ctx.now - ctx.startedAt) / 1000)}s` } : ok('ok');
      }
      if (path === '/clientip') return ok(`${req.clientIP}:${40000 + (ctx.now % 20000)}`);
      if (path.startsWith('/echo')) return ok(decodeURIComponent(/msg=([^&]*)/.exec(req.path)?.[1] ?? ''));
      return { status: 404, statusText: 'Not Found', headers: {}, body: '404 page not found\n' };
    }
    case 'serve-hostname':
      // serve_hostname.go: every path answers the bare hostname, no newline (kubernetes/kubernetes test/images/serve-hostname).
      return ok(ctx.hostname);
    case 'health': {
      const body = b.paths[path];
      return body !== undefined ? ok(body) : { status: 404, statusText: 'Not Found', headers: {}, body: '404 page not found\n' };
    }
  }
}
