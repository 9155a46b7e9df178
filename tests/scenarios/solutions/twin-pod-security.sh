# Our solution: two containers of one image under different UIDs, sharing files through the Pod's fsGroup.
set -e
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: twin-uid
  namespace: sec-ctx
spec:
  securityContext: {fsGroup: 2000}
  containers:
  - name: preproc
    image: public.ecr.aws/docker/library/busybox:stable
    args: ["sleep", "1d"]
    securityContext: {runAsUser: 1000}
  - name: shipper
    image: public.ecr.aws/docker/library/busybox:stable
    args: ["sleep", "1d"]
    securityContext: {runAsUser: 2000}
EOF
kubectl -n sec-ctx wait --for=condition=Ready pod/twin-uid --timeout=120s
