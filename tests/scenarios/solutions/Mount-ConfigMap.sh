# Our solution: the ConfigMap mounted as files at /etc/appconfig, readiness gated on their exact contents.
set -e
kubectl -n apps create configmap app-config --from-literal=APP_MODE=production --from-literal=APP_PORT=8080
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-workload
  namespace: apps
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-workload}
  template:
    metadata:
      labels: {app: app-workload}
    spec:
      volumes:
      - name: appconfig
        configMap: {name: app-config}
      containers:
      - name: nginx
        image: nginx
        volumeMounts:
        - {name: appconfig, mountPath: /etc/appconfig}
        readinessProbe:
          exec:
            command: ["sh", "-c", "grep -qx production /etc/appconfig/APP_MODE && grep -qx 8080 /etc/appconfig/APP_PORT"]
          periodSeconds: 5
EOF
kubectl -n apps rollout status deploy/app-workload --timeout=180s
