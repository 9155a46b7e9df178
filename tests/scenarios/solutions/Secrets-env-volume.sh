# Our solution: secret1 from literals, secret2 from the provided file, and a new Pod manifest (env from secret1,
# secret2 mounted at /tmp/secret2) saved where the task asks; the Pod is recreated since those fields are immutable.
set -e
kubectl -n moon create secret generic secret1 --from-literal=user=test --from-literal=pass=pwd
kubectl apply -f /opt/course/14/secret2.yaml
cat > /opt/course/14/secret-handler-new.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: secret-handler
  namespace: moon
  labels:
    app: secret-handler
spec:
  volumes:
  - name: s2
    secret: {secretName: secret2}
  containers:
  - name: app
    image: busybox:1.37.0
    command: ["sh", "-c", "sleep 1d"]
    env:
    - name: SECRET1_USER
      valueFrom: {secretKeyRef: {name: secret1, key: user}}
    - name: SECRET1_PASS
      valueFrom: {secretKeyRef: {name: secret1, key: pass}}
    volumeMounts:
    - {name: s2, mountPath: /tmp/secret2, readOnly: true}
EOF
kubectl -n moon delete pod secret-handler --wait=true
kubectl apply -f /opt/course/14/secret-handler-new.yaml
kubectl -n moon wait --for=condition=Ready pod/secret-handler --timeout=120s
