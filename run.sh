#!/usr/bin/env bash
# Runs CreditFlow locally: installs the npm tooling, starts Azurite when nothing listens on
# 10000-10002 (its data in ./.azurite), then the host on http://localhost:7071.
# Ctrl-C stops what this script started, and nothing else.
set -euo pipefail
cd "$(dirname "$0")"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # wait_for <what> <seconds> <command...>
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  echo "$what did not come up within $seconds s." >&2; return 1
}

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # One retry: a registry that times out once should not stop the start.
  npm ci --no-audit --no-fund --loglevel=error || npm ci --no-audit --no-fund --loglevel=error
fi

pids=()
# Stop in reverse order of start: the host first (it hands its partitions back), then Azurite.
stop() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop EXIT
trap 'exit 130' INT TERM

open=0; for p in 10000 10001 10002; do port_open $p && open=$((open + 1)); done
if [ "$open" -eq 0 ]; then
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose --disableTelemetry \
    --location .azurite --debug .azurite/debug.log >/dev/null 2>.azurite/azurite.err &
  pids+=($!)
  all_open() { port_open 10000 && port_open 10001 && port_open 10002; }
  wait_for "Azurite" 30 all_open
  echo "Azurite started (data in .azurite/)."
elif [ "$open" -lt 3 ]; then
  echo "Some of the ports 10000-10002 are in use, but not all: stop whatever holds them, or start Azurite yourself." >&2
  exit 1
else
  echo "Using the storage emulator already listening on 10000-10002."
fi

# A local admin key, generated once and kept beside Azurite's data, unless one is configured.
if [ -z "${AdminKey:-}" ] && ! grep -qs '"AdminKey": *"[^"]' local.settings.json; then
  [ -s .azurite/admin.key ] || (mkdir -p .azurite && head -c 24 /dev/urandom | base64 | tr -d '/+=' > .azurite/admin.key)
  AdminKey=$(cat .azurite/admin.key); export AdminKey
elif [ -z "${AdminKey:-}" ]; then
  AdminKey=$(sed -n 's/.*"AdminKey": *"\([^"]*\)".*/\1/p' local.settings.json | head -n 1)
fi

# Two local API keys, generated once like the admin key, unless API keys are configured: one with
# the admin role (the REST API) and one for a credit manager (deciding held orders on /credit/holds).
if [ -z "${ApiKeys__0__Sha256:-}" ] && ! grep -qs '"ApiKeys__0__Sha256": *"[^"]' local.settings.json; then
  [ -s .azurite/api.key ] || (mkdir -p .azurite && head -c 24 /dev/urandom | base64 | tr -d '/+=' > .azurite/api.key)
  [ -s .azurite/manager.key ] || (mkdir -p .azurite && head -c 24 /dev/urandom | base64 | tr -d '/+=' > .azurite/manager.key)
  ApiKey=$(cat .azurite/api.key)
  ManagerKey=$(cat .azurite/manager.key)
  export ApiKeys__0__Name="Local admin" ApiKeys__0__Role=Admin
  ApiKeys__0__Sha256=$(printf '%s' "$ApiKey" | sha256sum | cut -d' ' -f1); export ApiKeys__0__Sha256
  export ApiKeys__1__Name="Local credit manager" ApiKeys__1__Role=CreditManager
  ApiKeys__1__Sha256=$(printf '%s' "$ManagerKey" | sha256sum | cut -d' ' -f1); export ApiKeys__1__Sha256
  # Legal accepts the cases dunning hands over at red (/credit/cases).
  [ -s .azurite/legal.key ] || (mkdir -p .azurite && head -c 24 /dev/urandom | base64 | tr -d '/+=' > .azurite/legal.key)
  LegalKey=$(cat .azurite/legal.key)
  export ApiKeys__2__Name="Local legal counsel" ApiKeys__2__Role=Legal
  ApiKeys__2__Sha256=$(printf '%s' "$LegalKey" | sha256sum | cut -d' ' -f1); export ApiKeys__2__Sha256
fi

# Local defaults where neither the environment nor local.settings.json says otherwise.
# The ERP stand-in (tools/CreditFlow.ErpStandIn) signs with the sample key and listens on 7099.
if [ -z "${Erp__SigningKeys__0:-}" ] && ! grep -qs '"Erp__SigningKeys__0": *"[^"]' local.settings.json; then
  export Erp__SigningKeys__0="local-erp-signing-key-change-me-0123456789"
fi
if [ -z "${Erp__CallbackUrl:-}" ] && ! grep -qs '"Erp__CallbackUrl": *"[^"]' local.settings.json; then
  export Erp__CallbackUrl="http://127.0.0.1:7099/erp/callback"
fi
# The agency stand-in (tools/CreditFlow.AgencyStandIn) is the collection agency "eastgate", on 7098 with its sample key.
if [ -z "${Agencies__eastgate__Url:-}" ] && ! grep -qs '"Agencies__' local.settings.json; then
  export Agencies__eastgate__Url="http://127.0.0.1:7098/agency/cases"
  export Agencies__eastgate__SigningKey="local-agency-signing-key-change-me-0123456789"
fi
if [ -z "${AzureWebJobsStorage:-}" ] && ! grep -qs '"AzureWebJobsStorage"' local.settings.json; then
  export AzureWebJobsStorage="UseDevelopmentStorage=true"
fi
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# Demo customers, two applications in flight and three invoices under dunning, seeded once into this storage account.
export Demo__Seed=${Demo__Seed:-true}
# The company's total credit line the dashboard's credit book sets the demo customers' limits and exposure against.
export Dashboard__TotalCreditLine=${Dashboard__TotalCreditLine:-5000000}
# The rehearsal clock: an admin moves business time ahead from /admin/clock to watch dunning play out. Timers are
# looked for every 2 s so a move shows at once. Never in production (the host refuses it there).
export Clock__Mode=${Clock__Mode:-Rehearsal}
export AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval=${AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval:-00:00:02}
dotnet build src/CreditFlow.Host --nologo -v:quiet -clp:ErrorsOnly >/dev/null || dotnet build src/CreditFlow.Host --nologo -v:quiet -clp:ErrorsOnly
dotnet src/CreditFlow.Host/bin/Debug/net10.0/CreditFlow.Host.dll --urls http://localhost:7071 &
pids+=($!)
ready() { node -e "fetch('http://localhost:7071/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
wait_for "CreditFlow" 60 ready

cat <<MSG

CreditFlow is running.
  http://localhost:7071/                                start page: links to everything below
  http://localhost:7071/admin/outbox                    mails sent: open the approval mail and follow its link
  http://localhost:7071/api/docs                        REST API reference (send the API key as x-api-key)
  http://localhost:7071/api/applications/app-demo-apex  a demo application waiting for approval
  http://localhost:7071/credit/applications/app-demo-kite  a demo application waiting for data from sales (sign in with an API key)
  http://localhost:7071/credit/dashboard                receivables: a year of demo invoices and payments, aging, risk classes, DSO
                                                        (sign in with an API key)
  http://localhost:7071/credit/holds                    held orders: sign in with an API key; CreditOfficer/Manager/Committee keys decide (ERP stand-in: see tools/CreditFlow.ErpStandIn/README.md)
  http://localhost:7071/admin                           monitor of every orchestration (sign in with the admin key)
  http://localhost:7071/admin/clock                     rehearse dunning: move business time ahead (+1, +7, +30 days) and watch
                                                        the demo invoices of Shenzhen Bright (one paid, one disputed, one 25 days
                                                        overdue) in the outbox, on /api/invoices and /credit/tasks; +30 days turns
                                                        the overdue one yellow (limit frozen), +70 days red: a legal case opens
  http://localhost:7071/credit/cases                    legal cases: sign in with the Legal key, accept the case and place it with the
                                                        agency "eastgate"; run the agency stand-in to receive it and report recoveries
                                                        or a settlement offer (tools/CreditFlow.AgencyStandIn/README.md); approve the
                                                        settlement from the mail in /admin/outbox and watch the rest written off
  http://localhost:7071/runtime/webhooks/durabletask/instances?code=${AdminKey}
                                                        Durable Functions management API
  http://localhost:7071/readyz                          storage reachable?
  http://localhost:7071/healthz                         process alive?
${AdminKey:+  Admin key: $AdminKey}
${ApiKey:+  API key (role Admin): $ApiKey}
${ManagerKey:+  API key (role CreditManager, signs in on /credit/holds): $ManagerKey}
${LegalKey:+  API key (role Legal, signs in on /credit/cases): $LegalKey}
Press Ctrl-C to stop.
MSG
wait "${pids[-1]}"
