# Our solution: extensions/v1beta1 Deployments are gone (removed in 1.16); apps/v1 serves them, and the manifest
# already has the selector apps/v1 requires, so only the apiVersion line changes.
set -e
sed -i 's#^apiVersion: extensions/v1beta1$#apiVersion: apps/v1#' /opt/course/api-fix/legacy-app.yaml
kubectl apply -f /opt/course/api-fix/legacy-app.yaml
kubectl -n migration rollout status deploy/legacy-app --timeout=180s
