/**
 * The same command lines through real bash (when this machine has one) and through the simulated shell:
 * stdout and exit status must agree. Only lines whose result does not depend on the machine are used.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TestShell } from './harness';

const BASH = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));

const LINES = [
  'echo hello   world',
  'echo "a  b"   c',
  "echo 'single $HOME' \"double $((1+2))\"",
  "echo $'tab\\there' | cat -A 2>/dev/null || echo $'x\\ty'",
  'x=5; y=$((x * 3 + 1)); echo $y $((y % 4)) $((2**10)) $((7/2)) $(( -7 / 2 ))',
  'a=hello; echo ${a:1:3} ${a^^} ${#a} ${a%l*} ${a%%l*} ${a#*l} ${a##*l} ${a/l/L} ${a//l/L}',
  'unset v; echo "${v:-default}" "${v-dash}" "${v:+plus}"; v=; echo "[${v:-e}]" "[${v-d}]"',
  'echo ${u:=assigned}; echo $u',
  'set -- one "two three" four; echo $#; for a in "$@"; do echo "<$a>"; done; for a in $*; do echo "[$a]"; done',
  'f() { local x=inner; echo "$1-$x-$#"; return 4; }; x=outer; f a b; echo $? $x',
  'echo $(echo nested $(echo deep)) `echo back`',
  'true && echo yes || echo no; false && echo yes || echo no',
  '! true; echo $?; ! false; echo $?',
  'if [ 3 -gt 2 ]; then echo gt; elif [ 1 ]; then echo elif; else echo else; fi',
  'for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done',
  'i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i -eq 4 ] && break; echo $i; done',
  'i=0; until [ $i -ge 3 ]; do echo u$i; i=$((i+1)); done',
  'for ((i=0; i<3; i++)); do echo c$i; done',
  'case abc in a*) echo starts-a;; *) echo other;; esac; case x.yaml in *.yml|*.yaml) echo yaml;; esac',
  '[[ abc == a* ]] && echo glob; [[ "abc" == "a*" ]] || echo literal; [[ abc =~ ^a(b)c$ ]] && echo re',
  '[[ -n "" || 1 -eq 1 && ! -z x ]] && echo cond',
  '[ "a" = "a" -a 1 -lt 2 ]; echo $?; [ -z "" ]; echo $?; test 5 -ne 5; echo $?',
  '[ abc -eq 1 ]; echo $?',
  '[ 1 2 3 ]; echo $?',
  'echo a; echo b >&2; echo c',
  'echo out 2>&1 | cat',
  'printf "%s=%d\\n" a 1 b 2; printf "%5s|%-5s|%05d\\n" x y 42; printf "%x %o %c %%\\n" 255 8 hello',
  'printf "%.2f %e\\n" 3.14159 12345.678',
  'echo -n no-newline; echo; echo -e "a\\tb\\nc"',
  'cat <<EOF\nline $((1+1))\n  indented\nEOF',
  "cat <<'EOF'\nliteral $HOME\nEOF",
  'cat <<-EOF\n\ttabs stripped\n\tEOF',
  'x=$(printf "a\\n\\n\\n"); echo "[$x]"',
  'echo {a,b}c 2>/dev/null; echo "{a,b}"',
  'v="a b   c"; for w in $v; do echo "<$w>"; done; echo "$v"',
  'IFS=:; v="x:y:z"; for w in $v; do echo $w; done',
  'echo $((3 > 2)) $((2 == 2 ? 10 : 20)) $((0x10)) $((010))',
  'echo $(( 1 / 0 )); echo not-reached',
  'mkdir -p /tmp/bx && cd /tmp/bx && touch a.yaml b.yaml c.txt && echo *.yaml && echo "*.yaml" && echo nomatch*; cd /tmp && rm -r /tmp/bx',
  'echo {1..3} {a..c} x{1,2}y {01..03}',
  'a=1; a+=2; echo $a',
  '(cd /tmp; echo in-sub); echo after',
  '{ echo g1; echo g2; } | wc -l',
  'echo abc | tr a-c x-z; echo HELLO | tr "[:upper:]" "[:lower:]"; echo aabbcc | tr -s ab; echo abc | tr -d b',
  'printf "b\\na\\nc\\na\\n" | sort | uniq -c',
  'printf "10\\n9\\n100\\n" | sort -n; printf "10\\n9\\n100\\n" | sort -rn | head -n 1',
  'printf "x y z\\n1 2 3\\n" | awk "{print \\$2}"; printf "a:b:c\\n" | cut -d: -f2,3',
  'printf "l1\\nl2\\nl3\\nl4\\n" | tail -n 2; printf "l1\\nl2\\nl3\\n" | head -1',
  'printf "one\\ntwo\\nthree\\n" | grep -n t; printf "one\\ntwo\\n" | grep -c o; printf "A\\nb\\n" | grep -i a; printf "x\\n" | grep -q y; echo $?',
  'printf "one two\\n" | wc -w; printf "abc" | wc -c',
  'echo "hello world" | sed "s/o/0/g"; echo "a.b.c" | sed -e "s/\\./-/" ; printf "1\\n2\\n3\\n" | sed -n "2p"; printf "1\\n2\\n3\\n" | sed "/2/d"',
  'echo aGVsbG8= | base64 -d; echo; echo -n hello | base64',
  'echo hi | base64 -w0; echo',
  'seq 3; seq 2 2 6 | tr "\\n" " "; echo',
  'echo "  spaced  " | xargs; echo a b c | xargs -n 1 echo x',
  'x=1; ((x++)); echo $x; ((x > 5)); echo $?',
  'let y=3*4; echo $y',
  'echo ${#}; set -- a b c; shift; echo $1 $#',
  "alias hi='echo alias-works'\nhi there",
  'type cd; type -t echo',
  'declare -x EXPORTED=1; env | grep -c EXPORTED=1',
  'read a b <<< "first second third"; echo "$a|$b"',
  'echo $(( $(echo 2) + 3 ))',
  'nosuchcommand_xyz 2>/dev/null; echo $?',
  'exit 3',
  'echo "a|b" | cut -d"|" -f2',
  // indexed arrays
  'a=(x y); echo ${a[@]} ${#a[@]} ${a[1]}; a+=(z); echo "${a[@]}"; echo $a ${a[-1]} ${#a[0]}',
  'a=(one "two three" four); for x in "${a[@]}"; do echo "<$x>"; done; for x in ${a[@]}; do echo "[$x]"; done; echo "${a[*]}"',
  "a[5]=five; echo ${!a[@]}; unset 'a[1]'; echo ${a[@]} ${#a[@]}; a=foo; echo ${a[@]}",
  'e=(); echo ${#e[@]}; for x in "${e[@]}"; do echo never; done; echo "[${e[@]}]"',
  'a=(apple banana cherry); echo ${a[@]:1} ${a[@]:0:2} ${a[@]/an/AN} ${a[@]^^}',
  'declare -a d; d+=(1); d+=(2); echo ${d[@]}; v=abc; echo ${v[0]} ${#v[@]}; i=1; d[i+1]=3; echo ${d[2]} ${d[@]}',
  // trap EXIT (in a child bash and a subshell, where the shell ends)
  "bash -c 'trap \"echo bye\" EXIT; echo first'",
  "bash -c 'trap \"echo status \\$?\" EXIT; false'; echo $?",
  "(trap 'echo sub-exit' EXIT; echo in-sub); echo after",
  "trap -p; trap 'echo x' EXIT; trap; trap - EXIT; trap; trap 'echo y' NOPE 2>/dev/null; echo $?",
  "bash -c 'trap \"echo cleanup\" EXIT; exit 3'; echo $?",
  // getopts
  'f() { local OPTIND o; while getopts "ab:c" o; do echo "opt $o ${OPTARG-unset} $OPTIND"; done; shift $((OPTIND-1)); echo "rest $*"; }; f -a -b q -ca file1 file2',
  'f() { local OPTIND o; while getopts ":ab:" o; do echo "opt $o ${OPTARG-unset}"; done; }; f -x -b',
  // the messages start with $0, which is the path of the real bash here: compare from "bash: " on
  'f() { local OPTIND o; while getopts "ab:" o; do echo "opt $o ${OPTARG-unset}"; done; }; f -x -b 2>&1 | sed "s#^[^ ]*bash: #bash: #"',
  'set -- -bval -- -a; while getopts "ab:" o; do echo "$o $OPTARG"; done; echo $OPTIND',
  // read from pipes and here-strings, IFS, -a
  'read -r x y <<< "1 2 3"; echo "$x|$y"; IFS=: read -r a b c <<< "x:y:z:w"; echo "$a|$b|$c"; read -ra arr <<< "  p q  r "; echo ${#arr[@]} "${arr[2]}"',
  'printf "k1=v1\\nk2=v2\\n" | while IFS== read -r k v; do echo "$k -> $v"; done',
  'printf "one\\ntwo" | { read -r a; echo "$? $a"; read -r b; echo "$? $b"; read -r c; echo "$? [$c]"; }',
  "read -r line <<< 'back\\slash kept'; echo \"$line\"; read line <<< 'back\\slash gone'; echo \"$line\"",
  '[[ abc123 =~ ^([a-z]+)([0-9]+)$ ]] && echo ${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${#BASH_REMATCH[@]}',
  "printf '%5s|%-3d|%x|%o|%e|%q\\n' ab 7 255 8 1.5 \"a b\"; printf '%b\\n' 'a\\tb'; printf '%s\\n' a b c; printf '%03d %+d %.3s\\n' 5 3 abcdef",
  'echo $((3**2)) $((7%3)) $((1<<4)) $((5>3 && 2>1)); (( n = 4 + 1 )); echo $n; (( 0 )); echo $?; x=5; (( x += 2, x *= 2 )); echo $x',
  's="a-b-c"; echo ${s//-/+} ${s#*-} ${s%-*} ${#s} ${u:-def} ${u:=set} $u',
];

describe.skipIf(!BASH)('simulated shell agrees with real bash', () => {
  if (!BASH) console.log('skipping: no bash on this machine');
  for (const line of LINES) {
    it(JSON.stringify(line).slice(0, 90), async () => {
      const real = spawnSync(BASH!, ['--norc', '--noprofile', '-O', 'expand_aliases', '-c', line], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/root', LANG: 'C.UTF-8' }, cwd: '/tmp' });
      const t = new TestShell();
      await t.run('cd /tmp');
      const sim = await t.run(line);
      expect(sim.out).toBe(real.stdout);
      expect(sim.code).toBe(real.status);
    });
  }
});
