# Our solution: the credentials move into Secret db-secret in banking; the Deployment reads DB_USER and DB_PASS
# from it with secretKeyRef and keeps DB_HOST as a plain value.
set -e
kubectl -n banking create secret generic db-secret --from-literal=DB_USER=bankadmin --from-literal=DB_PASS=securePass123
kubectl -n banking patch deployment db-client --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/0", "value": {"name": "DB_USER", "valueFrom": {"secretKeyRef": {"name": "db-secret", "key": "DB_USER"}}}},
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/1", "value": {"name": "DB_PASS", "valueFrom": {"secretKeyRef": {"name": "db-secret", "key": "DB_PASS"}}}}
]'
kubectl -n banking rollout status deployment/db-client --timeout=180s
