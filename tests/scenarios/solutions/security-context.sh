# Our solution: non-root identity at Pod level, a read-only root filesystem at container level.
set -e
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: secure-app-pod
  namespace: security
spec:
  securityContext: {runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true}
  containers:
  - name: app-container
    image: busybox:1.36
    args: ["sleep", "3600"]
    securityContext: {readOnlyRootFilesystem: true}
EOF
kubectl -n security wait --for=condition=Ready pod/secure-app-pod --timeout=120s
kubectl -n security exec secure-app-pod -- touch /newfile || true
