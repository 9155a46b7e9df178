# Our solution: the Pod's container wrapped in a 3-replica Deployment with a hardened container securityContext,
# the manifest saved where the task asks, then the bare Pod removed.
set -e
cat > /opt/course/9/holy-api-deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: holy-api
  namespace: pluto
spec:
  replicas: 3
  selector:
    matchLabels: {app: holy-api}
  template:
    metadata:
      labels: {app: holy-api}
    spec:
      containers:
      - name: app
        image: busybox:latest
        command: ["/bin/sh", "-c", "sleep 1d"]
        securityContext: {allowPrivilegeEscalation: false, privileged: false}
EOF
kubectl apply -f /opt/course/9/holy-api-deployment.yaml
kubectl -n pluto delete pod holy-api
kubectl -n pluto rollout status deploy/holy-api --timeout=180s
