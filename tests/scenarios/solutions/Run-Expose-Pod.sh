# Our solution: the Pod and its Service in two imperative steps.
set -e
kubectl -n ops run data-mining --image=httpd:trixie --port=80 --labels=app=crypto-mining --restart=Never
kubectl -n ops expose pod data-mining --port=80
kubectl -n ops wait --for=condition=Ready pod/data-mining --timeout=120s
