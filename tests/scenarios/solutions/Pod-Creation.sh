#!/bin/bash
# Task: a pod `pod1` (container pod1-container, image httpd:2.4.41-alpine) and a script printing its phase.
set -e
cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: pod1
spec:
  containers:
  - name: pod1-container
    image: httpd:2.4.41-alpine
YAML
mkdir -p /opt/course/2
printf '#!/bin/sh\nkubectl get pod pod1 -o jsonpath="{.status.phase}"\n' > /opt/course/2/pod1-status-command.sh
chmod +x /opt/course/2/pod1-status-command.sh
kubectl wait --for=condition=Ready pod/pod1 --timeout=120s
/opt/course/2/pod1-status-command.sh
