/**
 * The image catalog: every image the simulated registries hold, as data. Sizes are the compressed sizes
 * containerd reports in the kubelet's `Pulled` event; start-up lines are what each image's entrypoint prints
 * (nginx: docker-library/nginx docker-entrypoint.sh and entrypoint scripts; coredns: plugin/reload and the
 * startup banner; hello-app: GoogleCloudPlatform/kubernetes-engine-samples hello-app main.go).
 * Placeholders in log lines: {nginxTime} "2026/11/25 09:00:00", {goTime} the same, {iso} RFC 3339,
 * {hostname} the pod name, {version} the tag (or latestIs for `latest`), {kernel} the node kernel.
 * `usage` (idle CPU, working set, CPU per request) holds typical values of `kubectl top` on a small k3d cluster; they are
 * estimates, not measurements of the exact tags.
 */
import type { ImageEntry } from './types';

const SHELL_USERLAND = ['*'];
// coreutils, grep and findutils are essential packages in every Debian-based image.
const DEBIAN_USERLAND = ['sh', 'bash', 'sleep', 'echo', 'cat', 'env', 'printenv', 'date', 'hostname', 'true', 'false', 'ls', 'printf', 'test', '[', 'grep', 'id', 'touch', 'rm', 'mkdir', 'seq', 'wc', 'head', 'tail', 'tar'];

const NGINX_LOGS = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
  '{nginxTime} [notice] 1#1: using the "epoll" event method',
  '{nginxTime} [notice] 1#1: nginx/{version}',
  '{nginxTime} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
  '{nginxTime} [notice] 1#1: OS: Linux {kernel}',
  '{nginxTime} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
  '{nginxTime} [notice] 1#1: start worker processes',
  '{nginxTime} [notice] 1#1: start worker process 29',
  '{nginxTime} [notice] 1#1: start worker process 30',
  '{nginxTime} [notice] 1#1: start worker process 31',
  '{nginxTime} [notice] 1#1: start worker process 32',
];

const HTTPD_LOGS = [
  "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
  "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
  '[{httpdTime}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{version} (Unix) configured -- resuming normal operations',
  "[{httpdTime}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
];

// nginx releases by minor version → the last patch release (nginx.org/en/CHANGES; Docker Hub tags each release
// 1.N.M and 1.N, with -alpine, -perl, -alpine-perl and, from 1.23, -alpine-slim variants).
const NGINX_LAST_PATCH: Record<number, number> = {
  9: 15, 10: 3, 11: 13, 12: 2, 13: 12, 14: 2, 15: 12, 16: 1, 17: 10, 18: 0, 19: 10, 20: 2, 21: 6, 22: 1, 23: 4, 24: 0, 25: 5, 26: 3, 27: 5, 28: 0, 29: 3,
};

function nginxTag(tag: string): number | undefined {
  const m = /^1\.(\d+)(?:\.(\d+))?(-alpine-slim|-alpine-perl|-alpine|-perl)?$/.exec(tag);
  if (!m) return undefined;
  const minor = Number(m[1]);
  const last = NGINX_LAST_PATCH[minor];
  if (last === undefined || (m[2] !== undefined && Number(m[2]) > last)) return undefined;
  if (m[3] === '-alpine-slim' && minor < 23) return undefined;
  // sizes grow with the release, roughly as the listed tags do
  const debian = 42_000_000 + (minor - 14) * 2_200_000;
  const alpine = 7_000_000 + (minor - 14) * 1_000_000;
  return { '': debian, '-perl': debian + 9_000_000, '-alpine': alpine, '-alpine-perl': alpine + 14_000_000, '-alpine-slim': alpine - 3_000_000 }[m[3] ?? ''];
}

export const CATALOG: ImageEntry[] = [
  {
    repository: 'docker.io/library/nginx',
    tags: {
      latest: 72099410, '1.27': 72099410, '1.27.3': 72099410, '1.27-alpine': 20505913, alpine: 20505913, '1.26': 71011203,
      '1.26.2': 71011203, '1.26-alpine': 20161010, '1.25': 70545116, '1.25.5': 70545116, '1.25-alpine': 19412303,
      '1.24': 56877543, '1.23': 57002109, '1.21': 54216318, '1.21-alpine': 9712004, '1.20': 54153119, '1.19': 53591876, '1.17.3-alpine': 8746201,
      '1.16': 44626312, '1.14.2': 44710204, '1.29.0': 72225631, stable: 71011203, 'stable-alpine': 20161010, mainline: 72099410, perl: 81893310,
      'stable-perl': 80511432, '1.26.0': 71011203, '1.25.3': 70545116,
    },
    tagRule: nginxTag,
    latestIs: '1.27.3',
    binaries: DEBIAN_USERLAND.concat(['nginx', 'curl']),
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    process: { kind: 'server', logs: NGINX_LOGS, ports: [80], http: { kind: 'nginx' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.3, memoryMi: 3.2, requestCpuMs: 0.15 },
  },
  {
    repository: 'docker.io/library/httpd',
    tags: { latest: 58100362, '2.4': 58100362, '2.4.62': 58100362, trixie: 44118360, alpine: 22301200, '2.4-alpine': 22301200, '2.4.41-alpine': 37408316 },
    latestIs: '2.4.62',
    binaries: DEBIAN_USERLAND.concat(['httpd', 'httpd-foreground']),
    cmd: ['httpd-foreground'],
    process: { kind: 'server', logs: HTTPD_LOGS, ports: [80], http: { kind: 'httpd' } },
    sigterm: 'exit',
    usage: { cpuMilli: 1, memoryMi: 7.5, requestCpuMs: 0.3 },
  },
  {
    repository: 'docker.io/library/busybox',
    tags: {
      latest: 2166802, stable: 2166802, '1.37.0': 2166802, '1.36': 2166802, '1.36.1': 2166802, '1.35': 2151940, '1.31.0': 760770, '1.28': 727869,
      musl: 1442051, glibc: 2166802, uclibc: 1053030,
    },
    binaries: SHELL_USERLAND,
    cmd: ['sh'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.3 },
  },
  {
    repository: 'docker.io/library/alpine',
    tags: { latest: 3653068, '3.20': 3653068, '3.19': 3419706, '3.18': 3390126, '3': 3653068, edge: 3659801 },
    binaries: SHELL_USERLAND,
    cmd: ['/bin/sh'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.4 },
  },
  {
    // curlimages/curl: alpine with curl; its entrypoint runs curl unless the first argument names another program.
    repository: 'docker.io/curlimages/curl',
    tags: { latest: 10132436, '8.11.1': 10132436, '8.10.1': 10011210 },
    latestIs: '8.11.1',
    binaries: SHELL_USERLAND.concat(['curl']),
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    process: { kind: 'batch', ms: 50, exitCode: 2, logs: ["curl: try 'curl --help' or 'curl --manual' for more information"] },
    sigterm: 'exit',
    usage: { cpuMilli: 0, memoryMi: 0.6 },
  },
  {
    repository: 'docker.io/library/ubuntu',
    tags: { latest: 29754422, '24.04': 29754422, '22.04': 29538961, noble: 29754422, jammy: 29538961 },
    binaries: DEBIAN_USERLAND,
    cmd: ['/bin/bash'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.6 },
  },
  {
    repository: 'docker.io/library/debian',
    tags: { latest: 48477032, bookworm: 48477032, 'bookworm-slim': 28228502, '12': 48477032 },
    binaries: DEBIAN_USERLAND,
    cmd: ['bash'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.6 },
  },
  {
    repository: 'docker.io/library/redis',
    tags: { latest: 45112834, '7': 45112834, '7.4': 45112834, '7.2': 43809102, alpine: 17239810, '7-alpine': 17239810, '6': 40190221, '5': 35401213, '5.0': 35401213, '5.0.4': 34251108 },
    latestIs: '7.4.1',
    binaries: DEBIAN_USERLAND.concat(['redis-server', 'redis-cli']),
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    process: {
      kind: 'server',
      ports: [6379],
      logs: [
        '1:C {redisTime} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        "1:C {redisTime} * Redis version={version}, bits=64, commit=00000000, modified=0, pid=1, just started",
        '1:C {redisTime} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
        '1:M {redisTime} * monotonic clock: POSIX clock_gettime',
        '1:M {redisTime} * Running mode=standalone, port=6379.',
        '1:M {redisTime} * Server initialized',
        '1:M {redisTime} * Ready to accept connections tcp',
      ],
    },
    sigterm: 'exit',
    usage: { cpuMilli: 2.1, memoryMi: 3.1, requestCpuMs: 0.05 },
  },
  {
    repository: 'docker.io/library/postgres',
    tags: { latest: 158331450, '17': 158331450, '16': 157422760, '15': 155010331, alpine: 104519044, '16-alpine': 103908212, '13-alpine': 95114207 },
    latestIs: '17.2',
    binaries: DEBIAN_USERLAND.concat(['postgres', 'psql']),
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    process: {
      kind: 'server',
      ports: [5432],
      requiredEnv: {
        anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'],
        error: [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        ],
      },
      logs: [
        'PostgreSQL init process complete; ready for start up.',
        '',
        '{iso} [1] LOG:  starting PostgreSQL {version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit',
        '{iso} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432',
        '{iso} [1] LOG:  listening on IPv6 address "::", port 5432',
        '{iso} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
        '{iso} [1] LOG:  database system is ready to accept connections',
      ],
    },
    sigterm: 'exit',
    usage: { cpuMilli: 1.2, memoryMi: 21.5, requestCpuMs: 1 },
  },
  {
    repository: 'docker.io/library/mysql',
    tags: { latest: 172001263, '8.4': 172001263, '8.0': 168702123, '9': 176120033, '5.7': 137211001, '5.6': 88901427 },
    latestIs: '9.1.0',
    binaries: DEBIAN_USERLAND.concat(['mysqld', 'mysql']),
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    process: {
      kind: 'server',
      ports: [3306, 33060],
      requiredEnv: {
        anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
        error: [
          '{iso} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
          '    You need to specify one of the following as an environment variable:',
          '    - MYSQL_ROOT_PASSWORD',
          '    - MYSQL_ALLOW_EMPTY_PASSWORD',
          '    - MYSQL_RANDOM_ROOT_PASSWORD',
        ],
      },
      logs: ['{iso} [Note] [Entrypoint]: Entrypoint script for MySQL Server {version}-1.el9 started.', "{iso} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."],
    },
    sigterm: 'exit',
    usage: { cpuMilli: 3.4, memoryMi: 372, requestCpuMs: 1 },
  },
  {
    repository: 'docker.io/library/perl',
    tags: { latest: 344871231, '5.40': 344871231, '5.34.0': 330052913, '5.34': 330052913, slim: 51102133 },
    binaries: DEBIAN_USERLAND.concat(['perl']),
    cmd: ['perl', '-de0'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 1.5 },
  },
  {
    repository: 'docker.io/library/python',
    tags: { latest: 388118404, '3': 388118404, '3.13': 388118404, '3.12': 385119876, '3.12-slim': 43511092, slim: 43511092, alpine: 17788301 },
    binaries: DEBIAN_USERLAND.concat(['python', 'python3', 'pip']),
    cmd: ['python3'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 8 },
  },
  {
    repository: 'gcr.io/google-samples/kubernetes-bootcamp',
    tags: { v1: 82882113, v2: 82882123 },
    binaries: ['sh', 'node', 'echo', 'sleep', 'env', 'printenv', 'cat', 'hostname', 'date', 'ls', 'true', 'false'],
    cmd: ['/bin/sh', '-c', 'node server.js'],
    process: { kind: 'server', ports: [8080], logs: ['Kubernetes Bootcamp App Started At: {iso} | Running On:  {hostname} ', ''], http: { kind: 'bootcamp' } },
    sigterm: 'ignore',
    usage: { cpuMilli: 0.4, memoryMi: 9.5, requestCpuMs: 0.4 },
  },
  {
    // The 1.0 and 2.0 tags were built FROM alpine with CMD ["./hello-app"] (the distroless Dockerfile in
    // kubernetes-engine-samples quickstarts/hello-app came later): busybox is there, so the docs' `kubectl exec
    // envar-demo -- printenv` answers. The Artifact Registry copy holds the same images.
    repository: 'gcr.io/google-samples/hello-app',
    tags: { '1.0': 11207030, '2.0': 11207051 },
    binaries: SHELL_USERLAND,
    cmd: ['./hello-app'],
    process: { kind: 'server', ports: [8080], logs: ['{goTime} Server listening on port 8080'], http: { kind: 'hello-app' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.2, memoryMi: 2.1, requestCpuMs: 0.1 },
  },
  {
    repository: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
    tags: { '1.0': 11207030, '2.0': 11207051 },
    binaries: SHELL_USERLAND,
    cmd: ['./hello-app'],
    process: { kind: 'server', ports: [8080], logs: ['{goTime} Server listening on port 8080'], http: { kind: 'hello-app' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.2, memoryMi: 2.1, requestCpuMs: 0.1 },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: { '2.39': 51124051, '2.40': 51389411, '2.43': 52010811, '2.47': 52891911, '2.52': 53601271, '2.53': 53799141 },
    binaries: ['sh', 'sleep', 'echo', 'cat', 'env', 'printenv', 'date', 'hostname', 'true', 'false', 'nslookup', 'wget', 'agnhost', '/agnhost'],
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    process: { kind: 'server', ports: [], logs: ['Paused'] },
    sigterm: 'exit',
    usage: { cpuMilli: 0.3, memoryMi: 4.2, requestCpuMs: 0.1 },
  },
  {
    repository: 'registry.k8s.io/echoserver',
    tags: { '1.10': 46237695, '1.4': 46237695 },
    binaries: ['sh', 'echo', 'sleep', 'cat'],
    cmd: ['/usr/local/bin/run.sh'],
    process: { kind: 'server', ports: [8080, 8443], logs: ['Generating self-signed cert', 'Generating a 2048 bit RSA private key', "writing new private key to '/certs/privateKey.key'", '-----', 'Starting nginx'], http: { kind: 'echoserver' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.2, memoryMi: 2.9, requestCpuMs: 0.2 },
  },
  {
    repository: 'docker.io/hashicorp/http-echo',
    tags: { latest: 3441542, '1.0': 3441542, '0.2.3': 2869018 },
    binaries: [],
    entrypoint: ['/http-echo'],
    process: { kind: 'server', ports: [5678], logs: ['{goTime} [INFO] server is listening on :5678'], http: { kind: 'http-echo' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.1, memoryMi: 1.6, requestCpuMs: 0.05 },
  },
  {
    repository: 'docker.io/traefik/whoami',
    tags: { latest: 3010102, 'v1.10': 3010102, 'v1.10.3': 3010102 },
    binaries: [],
    entrypoint: ['/whoami'],
    process: { kind: 'server', ports: [80], logs: ['{goTime} Starting up on port 80'], http: { kind: 'whoami' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.1, memoryMi: 1.4, requestCpuMs: 0.05 },
  },
  {
    repository: 'k8s.gcr.io/busybox',
    tags: { latest: 676365, '1.24': 676365 },
    binaries: SHELL_USERLAND,
    cmd: ['sh'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.3 },
  },
  {
    repository: 'registry.k8s.io/busybox',
    tags: { latest: 676365, '1.27.2': 676365, '1.28': 727869 },
    binaries: SHELL_USERLAND,
    cmd: ['sh'],
    process: { kind: 'interactive' },
    sigterm: 'ignore',
    usage: { cpuMilli: 0, memoryMi: 0.3 },
  },
  {
    // The docs' memory exercise (tasks/configure-pod-container/assign-memory-resource): alpine with stress 1.0.4,
    // run as `command: ["stress"]` with --vm flags. The size is approximate (no registry access when added).
    repository: 'docker.io/polinux/stress',
    tags: { latest: 4_114_520 },
    binaries: SHELL_USERLAND.concat(['stress']),
    cmd: ['stress'],
    process: { kind: 'batch', ms: 5, exitCode: 1, logs: [] },
    sigterm: 'exit',
    usage: { cpuMilli: 0, memoryMi: 0.6 },
  },
  {
    // The docs' CPU exercise (tasks/configure-pod-container/assign-cpu-resource): a Go program, ENTRYPOINT
    // ["/stress", "-logtostderr"], spinning -cpus threads until killed. The size is approximate.
    repository: 'docker.io/vish/stress',
    tags: { latest: 1_653_817 },
    binaries: [],
    entrypoint: ['/stress', '-logtostderr'],
    process: { kind: 'server', ports: [], logs: [] },
    sigterm: 'exit',
    usage: { cpuMilli: 0, memoryMi: 1.2 },
  },
  {
    // The php-apache of the website's "HorizontalPodAutoscaler Walkthrough": php:5-apache whose index.php runs
    // a million-step sqrt loop per request and answers "OK!". The size is approximate (no registry access when
    // added); the CPU per request is chosen so the walkthrough's load generator (wget every 10 ms) settles near
    // the 7 replicas the walkthrough shows.
    repository: 'registry.k8s.io/hpa-example',
    tags: { latest: 142_160_123 },
    binaries: DEBIAN_USERLAND.concat(['apache2-foreground', 'apache2', 'php']),
    cmd: ['apache2-foreground'],
    process: {
      kind: 'server',
      logs: [
        "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
        "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
        '[{httpdTime}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.40 configured -- resuming normal operations',
        "[{httpdTime}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
      ],
      ports: [80],
      http: { kind: 'static', body: 'OK!', contentType: 'text/html; charset=UTF-8', server: 'Apache/2.4.10 (Debian)' },
    },
    sigterm: 'exit',
    usage: { cpuMilli: 0.8, memoryMi: 9.6, requestCpuMs: 6.5 },
  },
  {
    // The pre-agnhost test image (kubernetes/kubernetes test/images/serve-hostname): busybox base, Go binary as
    // ENTRYPOINT, HTTP on 9376 answering the hostname; it logs "Serving on port 9376." with Go's log timestamp.
    repository: 'registry.k8s.io/serve_hostname',
    tags: { latest: 2523451, '1.1': 2523451, '1.3': 2771203, '1.4': 2879910 },
    binaries: SHELL_USERLAND,
    entrypoint: ['/serve_hostname'],
    process: { kind: 'server', ports: [9376], logs: ['{goTime} Serving on port 9376.'], http: { kind: 'serve-hostname' } },
    sigterm: 'exit',
    usage: { cpuMilli: 0.1, memoryMi: 1.2, requestCpuMs: 0.05 },
  },
  {
    repository: 'registry.k8s.io/pause',
    tags: { '3.9': 321520, '3.10': 320368, '3.6': 301773 },
    binaries: [],
    entrypoint: ['/pause'],
    process: { kind: 'server', ports: [] },
    sigterm: 'exit',
    usage: { cpuMilli: 0, memoryMi: 0.2 },
  },
  {
    // The log collector of the DaemonSet tutorials (website examples controllers/fluentd-daemonset*.yaml):
    // fluentd runs in the foreground from /run.sh. Sizes are approximate (no registry access when added).
    repository: 'quay.io/fluentd_elasticsearch/fluentd',
    tags: { 'v2.5.2': 59832515, 'v2.6.0': 60143287 },
    binaries: SHELL_USERLAND,
    cmd: ['/run.sh'],
    process: { kind: 'server', ports: [] },
    sigterm: 'exit',
    usage: { cpuMilli: 1.1, memoryMi: 48.3 },
  },
  // k3s's own workloads (k3s-io/k3s manifests/ and the traefik HelmChart).
  {
    repository: 'docker.io/rancher/mirrored-coredns-coredns',
    tags: { '1.11.3': 18562039, '1.12.0': 20938714 },
    binaries: [],
    entrypoint: ['/coredns'],
    process: {
      kind: 'server',
      ports: [53, 8080, 8181, 9153],
      logs: ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 0dc3e3dd7f03df12d1fc51e3aa21e6b3a0e8e69d6c7d4ea1e5e5a2b8d7cfc5f9e8f4d3b0e3a7b2c1d9f0e6a5c4b3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6', 'CoreDNS-{version}', 'linux/amd64, go1.22.7, 0000000'],
      http: { kind: 'health', paths: { '/health': 'OK', '/ready': 'OK' } },
    },
    sigterm: 'exit',
    usage: { cpuMilli: 2.6, memoryMi: 13.4, requestCpuMs: 0.05 },
  },
  {
    repository: 'docker.io/rancher/local-path-provisioner',
    tags: { 'v0.0.30': 19792351, 'v0.0.31': 19987653 },
    binaries: ['sh'],
    entrypoint: ['local-path-provisioner'],
    process: { kind: 'server', ports: [], logs: ['time="{iso}" level=info msg="Starting provisioner controller rancher.io/local-path_local-path-provisioner!"'] },
    sigterm: 'exit',
    usage: { cpuMilli: 1.1, memoryMi: 7.6 },
  },
  {
    repository: 'docker.io/rancher/mirrored-metrics-server',
    tags: { 'v0.7.2': 19494617 },
    binaries: [],
    entrypoint: ['/metrics-server'],
    process: { kind: 'server', ports: [10250], logs: ['I1125 09:00:00.000000       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)'], http: { kind: 'health', paths: { '/livez': 'ok', '/readyz': 'ok' } } },
    sigterm: 'exit',
    usage: { cpuMilli: 4.8, memoryMi: 17.9 },
  },
  {
    repository: 'docker.io/rancher/mirrored-library-traefik',
    tags: { '2.11.10': 48672309, '2.11.18': 48983021, '3.3.2': 54998112 },
    binaries: [],
    entrypoint: ['/entrypoint.sh'],
    cmd: ['traefik'],
    process: { kind: 'server', ports: [8000, 8443, 9000, 9100], logs: ['time="{iso}" level=info msg="Configuration loaded from flags."'], http: { kind: 'health', paths: { '/ping': 'OK' } } },
    sigterm: 'exit',
    usage: { cpuMilli: 1.4, memoryMi: 28.6, requestCpuMs: 0.2 },
  },
  {
    repository: 'docker.io/rancher/klipper-helm',
    tags: { 'v0.9.3-build20241008': 62178225, 'v0.9.4-build20250113': 62912831 },
    binaries: ['sh', 'echo', 'sleep', 'helm_v3', 'cat'],
    entrypoint: ['entry'],
    process: { kind: 'batch', ms: 6000, exitCode: 0, logs: ['if [[ ${KUBERNETES_SERVICE_HOST} =~ .*:.* ]]; then', '+ [[ true != \\t\\r\\u\\e ]]', '+ helm_v3 install --set-string global.systemDefaultRegistry= traefik /chart/traefik.tgz --values /config/values-01_HelmChart.yaml', 'NAME: traefik', 'STATUS: deployed', 'REVISION: 1'] },
    sigterm: 'exit',
    usage: { cpuMilli: 25, memoryMi: 48 },
  },
  {
    repository: 'docker.io/rancher/klipper-lb',
    tags: { 'v0.4.9': 4807913, 'v0.4.10': 4814006 },
    binaries: ['sh'],
    entrypoint: ['entry'],
    process: { kind: 'server', ports: [], logs: ['+ trap exit TERM INT', '+ BIN_DIR=/usr/sbin', '+ info "Starting klipper-lb"'] },
    sigterm: 'exit',
    usage: { cpuMilli: 0, memoryMi: 0.4 },
  },
];

/** The version of k3s whose bundled images the kube-system workloads use (k3s v1.31.x manifests). */
export const K3S_SYSTEM_IMAGES = {
  coredns: 'rancher/mirrored-coredns-coredns:1.12.0',
  localPath: 'rancher/local-path-provisioner:v0.0.30',
  metricsServer: 'rancher/mirrored-metrics-server:v0.7.2',
  traefik: 'rancher/mirrored-library-traefik:2.11.18',
  klipperHelm: 'rancher/klipper-helm:v0.9.3-build20241008',
  klipperLb: 'rancher/klipper-lb:v0.4.9',
  pause: 'rancher/mirrored-pause:3.6',
} as const;
