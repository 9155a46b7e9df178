/**
 * k3d port mappings end to end: `--port 8080:80@loadbalancer` publishes host port 8080 on the serverlb, whose nginx
 * forwards to port 80 of the nodes, where ServiceLB exposes k3s's traefik; traefik routes by Ingress. A port
 * proxied to one agent reaches a NodePort. Texts: pkg/client/ports.go (the "targets the loadbalancer" line),
 * traefik's `404 page not found`, curl's `(52) Empty reply from server` when the lb's upstream refuses.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { TestShell } from './harness';

const plain = (s: string) => s.replace(/ +$/gm, '');

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "hashicorp/http-echo", args: ["-text=hello from web"], ports: [{containerPort: 5678}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 5678}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - http:
      paths:
      - {path: /web, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

describe('k3d port mappings', () => {
  it('localhost:8080 reaches traefik through the serverlb; an Ingress routes to a Service', async () => {
    const t = new TestShell(createWorld({ seed: 4, empty: true }));
    const create = await t.run('LOG_COLORS=false k3d cluster create mini -p "8080:80@loadbalancer" --agents 1');
    expect(create.code).toBe(0);
    expect(plain(create.out).split('\n')[0]).toBe("INFO[0000] portmapping '8080:80' targets the loadbalancer: defaulting to [servers:*:proxy agents:*:proxy]");
    expect(plain(create.out).split('\n')[1]).toBe('INFO[0000] Prep: Network');
    // until traefik runs, nginx in the serverlb closes the connection it accepted
    const early = await t.run('curl -sS localhost:8080/');
    expect(early.err).toBe('curl: (52) Empty reply from server\n');
    expect(early.code).toBe(52);
    await t.run('kubectl -n kube-system rollout status deployment/traefik --timeout=300s');
    const none = await t.run('curl -s -w " %{http_code}" localhost:8080/');
    expect(none.out).toBe('404 page not found\n 404');
    await t.run(`cat > app.yaml <<'EOF'\n${APP}EOF`);
    expect((await t.run('kubectl apply -f app.yaml')).code).toBe(0);
    await t.run('kubectl rollout status deployment/web --timeout=120s');
    await t.run('sleep 5');
    const hit = await t.run('curl -s localhost:8080/web');
    expect(hit.out).toBe('hello from web\n');
    // Prefix matches whole path elements only
    expect((await t.run('curl -s localhost:8080/website')).out).toBe('404 page not found\n');
    // a port nobody published is refused by the host itself
    const refused = await t.run('curl -sS localhost:8081/');
    expect(refused.err).toBe("curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server\n");
    // k3d node list -o json shows the serverlb's published ports
    const nodes = JSON.parse((await t.run('k3d node list -o json')).out) as { name: string; portMappings?: Record<string, { HostPort: string }[]> }[];
    const lb = nodes.find((n) => n.name === 'k3d-mini-serverlb')!;
    expect(lb.portMappings?.['80/tcp']?.[0].HostPort).toBe('8080');
  }, 120_000);

  it('a port proxied to agent:0 reaches a NodePort Service', async () => {
    const t = new TestShell(createWorld({ seed: 5, empty: true }));
    const create = await t.run('LOG_COLORS=false k3d cluster create np -p "30080:30080@agent:0" --agents 1');
    expect(create.code).toBe(0);
    expect(plain(create.out)).not.toContain('targets the loadbalancer');
    await t.run('kubectl create deployment hello --image=nginx');
    await t.run('kubectl expose deployment hello --port=80 --type=NodePort --overrides=\'{"spec":{"ports":[{"port":80,"nodePort":30080}]}}\'');
    await t.run("kubectl patch service hello -p '{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":80,\"nodePort\":30080}]}}'");
    await t.run('kubectl rollout status deployment/hello --timeout=120s');
    await t.run('sleep 5');
    const r = await t.run('curl -s localhost:30080/ | grep -o "<title>.*</title>"');
    expect(r.out).toBe('<title>Welcome to nginx!</title>\n');
  }, 120_000);
});
