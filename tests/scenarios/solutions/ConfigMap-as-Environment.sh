# Our solution: a ConfigMap from literals, injected whole with envFrom into an nginx Pod in default.
set -e
kubectl create configmap app-config --from-literal=APP_MODE=production --from-literal=APP_VERSION=1.0
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: app-pod
spec:
  containers:
  - name: web
    image: nginx:1.29.0
    envFrom:
    - configMapRef: {name: app-config}
EOF
kubectl wait --for=condition=Ready pod/app-pod --timeout=120s
kubectl exec app-pod -- sh -c 'echo "$APP_MODE $APP_VERSION"'
