# Our solution: find the prime Pod whose container is mars-container, recreate its spec (same name) in mars
# without the server-set fields, then delete the original.
set -e
POD=$(kubectl -n prime get pods -o json | jq -r '.items[] | select(any(.spec.containers[]; .name == "mars-container")) | .metadata.name')
kubectl -n prime get pod "$POD" -o json \
  | jq '{apiVersion, kind, metadata: {name: .metadata.name, namespace: "mars", labels: .metadata.labels}, spec: (.spec | del(.nodeName))}' > "$HOME/migrated-pod.json"
kubectl -n prime delete pod "$POD"
kubectl create -f "$HOME/migrated-pod.json"
kubectl -n mars wait --for=condition=Ready "pod/$POD" --timeout=120s
