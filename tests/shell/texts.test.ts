/** Error texts, statuses and machine behaviour that learners meet first (bash 5.2, GNU coreutils 9.4). */
import { describe, expect, it } from 'vitest';
import { TestShell, sh } from './harness';

describe('bash errors and statuses', () => {
  it.each([
    ['foo', 127, 'bash: foo: command not found\n'],
    ['cd /nope', 1, 'bash: cd: /nope: No such file or directory\n'],
    ['cd /etc/hostname', 1, 'bash: cd: /etc/hostname: Not a directory\n'],
    ['cd a b', 1, 'bash: cd: too many arguments\n'],
    ['echo hi |', 2, 'bash: syntax error: unexpected end of file\n'],
    ['| grep x', 2, "bash: syntax error near unexpected token `|'\n"],
    ['echo a ;; echo b', 2, "bash: syntax error near unexpected token `;;'\n"],
    ['fi', 2, "bash: syntax error near unexpected token `fi'\n"],
    ['echo "open', 2, 'bash: unexpected EOF while looking for matching `"\'\n'],
    ['echo $(( 1 + ))', 1, 'bash: 1 + : syntax error: operand expected (error token is "+ ")\n'],
    ['echo $((1/0))', 1, 'bash: 1/0: division by 0 (error token is "0")\n'],
    ['cat < /missing', 1, 'bash: /missing: No such file or directory\n'],
    ['echo x > /nodir/file', 1, 'bash: /nodir/file: No such file or directory\n'],
    ['echo x > /tmp', 1, 'bash: /tmp: Is a directory\n'],
    ['set -u; echo $NOPE', 1, 'bash: NOPE: unbound variable\n'],
    ['echo ${x:?need x}', 1, 'bash: x: need x\n'],
    ['export 1a=b', 1, "bash: export: `1a=b': not a valid identifier\n"],
    ['unalias nope', 1, 'bash: unalias: nope: not found\n'],
    ['type nope', 1, 'bash: type: nope: not found\n'],
    ['[ 1 -eq x ]', 2, 'bash: [: x: integer expression expected\n'],
    ['[ 1 = 1', 2, "bash: [: missing `]'\n"],
    ['./script.sh', 127, 'bash: ./script.sh: No such file or directory\n'],
    ['exit abc', 2, 'exit\nbash: exit: abc: numeric argument required\n'],
  ])('%s', async (line, code, err) => {
    const r = await sh(line);
    expect(r.err).toBe(err);
    expect(r.code).toBe(code);
  });

  it('runs scripts: ./x needs the executable bit, bash x does not; $0 and $1 are set', async () => {
    const t = new TestShell();
    await t.run("printf 'echo \"$0 $1 $#\"\\nexit 4\\n' > run.sh");
    expect(await t.run('./run.sh a')).toEqual({ code: 126, out: '', err: 'bash: ./run.sh: Permission denied\n' });
    expect(await t.run('bash run.sh a b')).toEqual({ code: 4, out: 'run.sh a 2\n', err: '' });
    await t.run('chmod +x run.sh');
    expect((await t.run('./run.sh z')).out).toBe('./run.sh z 1\n');
    expect((await t.run('[ -x run.sh ] && echo exec')).out).toBe('exec\n');
  });

  it('set -e stops a script at the first failing command, not inside conditions', async () => {
    const t = new TestShell();
    await t.run("printf 'set -e\\nif false; then :; fi\\nfalse || echo handled\\necho before\\nfalse\\necho after\\n' > e.sh");
    expect(await t.run('bash e.sh')).toEqual({ code: 1, out: 'handled\nbefore\n', err: '' });
  });

  it('pipefail and PIPESTATUS', async () => {
    expect((await sh('false | true; echo $?; set -o pipefail; false | true; echo $?')).out).toBe('0\n1\n');
  });

  it('keeps state between prompt lines: variables, cwd, aliases, functions, history', async () => {
    const t = new TestShell();
    await t.run('export GREETING=hi; cd /tmp; alias ll="ls -l"; greet() { echo "$GREETING $1"; }');
    expect((await t.run('pwd; greet you; env | grep GREETING')).out).toBe('/tmp\nhi you\nGREETING=hi\n');
    expect(t.shell.prompt()).toBe('root@kubelab:/tmp# ');
    await t.run('cd');
    expect(t.shell.prompt()).toBe('root@kubelab:~# ');
    expect((await t.run('history 2')).out).toBe('    3  cd\n    4  history 2\n');
    expect((await t.run('k version --client | head -1')).out).toMatch(/^Client Version: v1\.\d+\.\d+\n$/);
  });

  it('an expansion error abandons the rest of the line but not the shell', async () => {
    const t = new TestShell();
    const r = await t.run('echo $((1/0)); echo not-reached');
    expect(r.out).toBe('');
    expect(r.err).toBe('bash: 1/0: division by 0 (error token is "0")\n');
    expect(t.shell.exited).toBe(false);
    expect((await t.run('echo still here')).out).toBe('still here\n');
  });

  it('exit leaves the shell', async () => {
    const t = new TestShell();
    expect((await t.run('exit 5')).code).toBe(5);
    expect(t.shell.exited).toBe(true);
  });

  it('knows when a line is not finished (continuation prompt)', () => {
    const t = new TestShell();
    for (const open of ['echo "a', 'if true; then', 'cat <<EOF', 'echo a |', 'echo a \\', 'for i in 1; do', "echo 'x", 'f() {', 'echo $(ls']) expect(t.shell.isComplete(open), open).toBe(false);
    for (const done of ['echo a', 'cat <<EOF\nx\nEOF', 'if true; then :; fi', '']) expect(t.shell.isComplete(done), done).toBe(true);
  });
});

describe('coreutils texts', () => {
  it.each([
    ['cat nope', 1, 'cat: nope: No such file or directory\n'],
    ['cat /tmp', 1, 'cat: /tmp: Is a directory\n'],
    ['ls nope', 2, "ls: cannot access 'nope': No such file or directory\n"],
    ['mkdir /tmp', 1, 'mkdir: cannot create directory ‘/tmp’: File exists\n'],
    ['mkdir a/b', 1, 'mkdir: cannot create directory ‘a/b’: No such file or directory\n'],
    ['rm nope', 1, "rm: cannot remove 'nope': No such file or directory\n"],
    ['rm /tmp', 1, "rm: cannot remove '/tmp': Is a directory\n"],
    ['rm', 1, "rm: missing operand\nTry 'rm --help' for more information.\n"],
    ['cp nope x', 1, "cp: cannot stat 'nope': No such file or directory\n"],
    ['cp /etc x', 1, "cp: -r not specified; omitting directory '/etc'\n"],
    ['mv nope x', 1, "mv: cannot stat 'nope': No such file or directory\n"],
    ['grep -Q x', 2, "grep: invalid option -- 'Q'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"],
    ['grep x nope', 2, 'grep: nope: No such file or directory\n'],
    ['head -n abc /etc/hostname', 1, 'head: invalid number of lines: ‘abc’\n'],
    ['sleep', 1, "sleep: missing operand\nTry 'sleep --help' for more information.\n"],
    ['sleep 5x', 1, "sleep: invalid time interval ‘5x’\nTry 'sleep --help' for more information.\n"],
    ['echo "%%%" | base64 -d', 1, 'base64: invalid input\n'],
    ["sed 's/a/b' /etc/hostname", 1, "sed: -e expression #1, char 5: unterminated `s' command\n"],
    ["awk '{print $1' /etc/hostname", 2, 'awk: line 2: missing } near end of file\n'],
    ["jq '.a[' <<< '{}'", 3, "jq: error: syntax error, unexpected end of file (Unix shell quoting issues?) at <top-level>, line 1:\n.a[\njq: 1 compile error\n"],
    ["jq .a.b <<< '[1]'", 5, 'jq: error (at <stdin>:1): Cannot index array with "a"\n'],
  ])('%s', async (line, code, err) => {
    const r = await sh(line);
    expect(r.err).toBe(err);
    expect(r.code).toBe(code);
  });

  it('ls: columns on the terminal, one per line into a pipe, -l with sizes and dates', async () => {
    const t = new TestShell();
    await t.run('mkdir -p d/sub && cd d && touch a.yaml b.yaml && echo hello > c.txt');
    expect((await t.run('ls')).out).toBe('a.yaml  b.yaml  c.txt  sub\n');
    expect((await t.run('ls | cat')).out).toBe('a.yaml\nb.yaml\nc.txt\nsub\n');
    expect((await t.run('ls -l')).out).toBe('total 8\n-rw-r--r-- 1 root root    0 Nov 25 09:00 a.yaml\n-rw-r--r-- 1 root root    0 Nov 25 09:00 b.yaml\n-rw-r--r-- 1 root root    6 Nov 25 09:00 c.txt\ndrwxr-xr-x 2 root root 4096 Nov 25 09:00 sub\n');
    expect((await t.run('ls *.yaml')).out).toBe('a.yaml  b.yaml\n');
  });

  it('date and sleep follow the virtual clock', async () => {
    const t = new TestShell();
    expect((await t.run('date')).out).toBe('Wed Nov 25 09:00:00 UTC 2026\n');
    await t.run('sleep 1m 30s');
    expect((await t.run('date -u +%FT%TZ')).out).toBe('2026-11-25T09:01:30Z\n');
  });

  it('which, type and command -v', async () => {
    expect((await sh('which kubectl k3d ls echo cd')).out).toBe('/usr/local/bin/kubectl\n/usr/local/bin/k3d\n/usr/bin/ls\n/usr/bin/echo\n');
    expect((await sh('type k cd if kubectl')).out).toBe("k is aliased to `kubectl'\ncd is a shell builtin\nif is a shell keyword\nkubectl is /usr/local/bin/kubectl\n");
    expect((await sh('command -v jq || echo missing')).out).toBe('/usr/bin/jq\n');
  });
});

describe('machine', () => {
  it('snapshot and restore bring back files, variables, aliases, cwd and history', async () => {
    const a = new TestShell();
    await a.run('mkdir -p /root/work && cd /root/work && echo data > f.txt && export X=1 && alias g=grep');
    await a.run('hello() { echo "hi $1"; }');
    const snap = JSON.parse(JSON.stringify(a.shell.snapshot()));
    const b = new TestShell();
    b.shell.restore(snap);
    expect((await b.run('pwd; cat f.txt; echo $X; alias g; hello there')).out).toBe("/root/work\ndata\n1\nalias g='grep'\nhi there\n");
    expect(b.shell.history).toContain('mkdir -p /root/work && cd /root/work && echo data > f.txt && export X=1 && alias g=grep');
  });

  it('background jobs: & prints the job, kill %1 stops it, the end is reported', async () => {
    const t = new TestShell();
    const r = await t.run('sleep 100 &');
    expect(r.err).toMatch(/^\[1\] \d+\n$/);
    expect((await t.run('jobs')).out).toBe('[1]+  Running                 sleep 100 &\n');
    const k = await t.run('kill %1');
    expect(k.code).toBe(0);
    expect(k.err).toMatch(/\[1\]\+  Terminated\s+sleep 100\n/);
  });

  it('curl reaches a program listening on localhost and reports refused connections like curl 8', async () => {
    const t = new TestShell();
    const listen = t.shell['host' as keyof typeof t.shell] as unknown as { listen(p: number, h: () => unknown): unknown };
    listen.listen(8080, () => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'text/plain' }, body: 'hello from the forward\n' }));
    expect((await t.run('curl -s localhost:8080')).out).toBe('hello from the forward\n');
    expect(await t.run('curl localhost:9090')).toEqual({ code: 7, out: '', err: "curl: (7) Failed to connect to localhost port 9090 after 0 ms: Couldn't connect to server\n" });
    expect((await t.run('curl -s localhost:9090; echo $?')).out).toBe('7\n');
    expect(await t.run('curl http://nope.example/')).toEqual({ code: 6, out: '', err: 'curl: (6) Could not resolve host: nope.example\n' });
    expect((await t.run('curl -s -o /tmp/page -w "%{http_code}\\n" localhost:8080 && cat /tmp/page')).out).toBe('200\nhello from the forward\n');
  });
});

describe('completion', () => {
  it('completes commands, paths and k3d words', async () => {
    const t = new TestShell();
    await t.run('mkdir -p /root/manifests && touch /root/manifests/web.yaml /root/manifests/db.yaml');
    expect(t.shell.complete('kub').candidates).toEqual(['kubectl']);
    expect(t.shell.complete('cat manifests/w')).toEqual({ from: 4, to: 15, candidates: ['manifests/web.yaml'] });
    expect(t.shell.complete('cd man').candidates).toEqual(['manifests/']);
    expect(t.shell.complete('k3d clu').candidates).toEqual(['cluster']);
    expect(t.shell.complete('k3d cluster ').candidates).toEqual(['create', 'delete', 'edit', 'list', 'start', 'stop']);
    expect(t.shell.complete('kubectl ap').candidates).toEqual(expect.arrayContaining(['apply']));
    expect(t.shell.complete('echo a; ec').candidates).toEqual(['echo']);
  });
});
