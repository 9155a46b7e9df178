# Our solution: the nginx Pod and a ClusterIP Service 3333→80; a long-lived client Pod makes the request through
# `exec` (its stdout only goes to the file); then the access log is saved and the client removed.
set -e
kubectl -n pluto run project-plt-6cc-api --image=nginx:1.17.3-alpine --labels=project=plt-6cc-api --restart=Never
kubectl -n pluto expose pod project-plt-6cc-api --name=project-plt-6cc-svc --port=3333 --target-port=80 --protocol=TCP
kubectl -n pluto wait --for=condition=Ready pod/project-plt-6cc-api --timeout=120s
kubectl -n pluto run client --image=curlimages/curl --restart=Never -- sleep 3600
kubectl -n pluto wait --for=condition=Ready pod/client --timeout=120s
mkdir -p /opt/course/10
kubectl -n pluto exec client -- curl -s http://project-plt-6cc-svc:3333/ > /opt/course/10/service_test.html
kubectl -n pluto logs project-plt-6cc-api > /opt/course/10/service_test.log
kubectl -n pluto delete pod client --wait=false
