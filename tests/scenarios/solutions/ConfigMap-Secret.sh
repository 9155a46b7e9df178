# Our solution: non-sensitive URL in a ConfigMap, the credential in a Secret, both read by the Pod as env vars.
set -e
kubectl -n apps create configmap app-config --from-literal=database.url=postgres://db.example.com:5432/production
kubectl -n apps create secret generic api-credentials --from-literal=api.key=s3cr3t-ap1-k3y-f0r-pr0d
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: app-pod
  namespace: apps
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: DATABASE_URL
      valueFrom: {configMapKeyRef: {name: app-config, key: database.url}}
    - name: API_KEY
      valueFrom: {secretKeyRef: {name: api-credentials, key: api.key}}
EOF
kubectl -n apps wait --for=condition=Ready pod/app-pod --timeout=120s
