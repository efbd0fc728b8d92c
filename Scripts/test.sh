#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the privileged integration tests (which skip
# with a message when not root). Everything that touches the network runs inside network
# namespaces the tests create themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
swift build --build-tests
# Swift Testing runs suites in parallel; integration suites serialise themselves where needed.
swift test --skip-build 2>&1 | tee /tmp/kubeswift-test.log
