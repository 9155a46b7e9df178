# Our solution: the CronJob with its history limits and job deadline set at creation (the step text edits them in
# interactively), then a manual Job from it.
set -e
kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: delta-ray
  namespace: delta
spec:
  schedule: "*/45 * * * *"
  successfulJobsHistoryLimit: 33
  failedJobsHistoryLimit: 19
  jobTemplate:
    spec:
      activeDeadlineSeconds: 50
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: delta-ray
            image: public.ecr.aws/docker/library/busybox:stable
            command:
            - /bin/sh
            - -c
            - echo 'Initiating Delta-Ray Diagnostic...'; for i in $(seq 1 5); do echo 'Cycle '$i'/5 - Scanning cosmic field...'; date; sleep 5; done; echo 'Telemetry uplink complete - Mission success'
EOF
kubectl -n delta create job manual-delta-ray --from=cronjob/delta-ray
