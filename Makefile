# Sổ Khuyến Học — two commands for a newcomer on Debian:
#   make run    installs what is missing, builds and opens the desktop app
#   make test   installs what the tests need and runs every test
# Other targets: build, cli, app, vet, race, bench, dist (checked under Wine), wintest, clean.

SHELL := /bin/bash
GO ?= go
BIN := bin
APP_ID := vn.khuyenhoc.sokhuyenhoc
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

# Debian packages: the Fyne build (cgo, OpenGL, X11), then what tests and
# the release build use.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxext-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS := xvfb
TEST_PKGS := xvfb xdotool imagemagick minisign age zstd unzip sqlite3 tesseract-ocr tesseract-ocr-vie \
	libreoffice-calc fonts-liberation2 poppler-utils python3-openpyxl openbox x11-utils x11-xserver-utils
DIST_PKGS := gcc-mingw-w64-x86-64 imagemagick nsis zip unzip file python3
# The Windows programs are run under Wine by tools/winetest.sh (64-bit only:
# no i386 architecture is added), on Xvfb, read with tesseract.
WINE_PKGS := wine wine64 xvfb xdotool tesseract-ocr tesseract-ocr-vie

# Pure-Go packages (no Fyne, no cgo) and the windows.
PURE := ./data/... ./sync/... ./cmd/khuyenhoc-cli/... ./cmd/khuyenhoc-bench/... ./assets/...

.PHONY: run test build cli app vet race bench dist wintest clean deps-build deps-run deps-test deps-dist help

help:
	@sed -n '1,5p' Makefile

# deps-% installs the missing packages of a list with apt-get, or says
# what to install when it cannot.
define need
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "Please install as root: apt-get install$$missing"; exit 2; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null || \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; } || \
	  { echo "apt-get could not install:$$missing"; exit 2; }; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is needed: https://go.dev/dl/ (or /usr/local/go/bin on PATH)"; exit 2; }
endef

deps-build:
	$(call need,$(BUILD_PKGS))
deps-run:
	$(call need,$(BUILD_PKGS) $(RUN_PKGS))
deps-test:
	$(call need,$(BUILD_PKGS) $(TEST_PKGS))
deps-dist:
	$(call need,$(BUILD_PKGS) $(DIST_PKGS) $(WINE_PKGS))

cli:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN)/khuyenhoc-cli ./cmd/khuyenhoc-cli

app: deps-build
	$(GO) build -trimpath -o $(BIN)/khuyenhoc ./cmd/khuyenhoc

build: cli app

# Opens the app on the default database (created by the set-up wizard on
# first run). Without a display it starts a virtual one.
run: deps-run build
	@if [ -z "$$DISPLAY" ]; then \
	  echo "No DISPLAY: starting the app on a virtual screen (xvfb-run)"; \
	  xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/khuyenhoc; \
	else $(BIN)/khuyenhoc; fi

vet:
	CGO_ENABLED=0 $(GO) vet -tags ci ./...
	CGO_ENABLED=0 $(GO) test -count=1 ./docs/  # every relative link of every .md resolves inside the repository
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

test: deps-test vet cli app
	CGO_ENABLED=0 $(GO) test -count=1 $(PURE)
	$(GO) test -count=1 ./ui/... ./cmd/khuyenhoc/...
	$(GO) test -count=1 -race ./data/store/... ./sync/...
	bash tools/apptest.sh $(BIN)/khuyenhoc

race:
	$(GO) test -race ./...

bench: cli app
	bash tools/bench.sh

dist: deps-dist
	bash tools/dist.sh
	bash tools/winetest.sh dist

# The Wine checks alone, on what make dist built.
wintest: deps-dist
	bash tools/winetest.sh dist

clean:
	rm -rf $(BIN) dist

# The hub's tests and benchmarks on PostgreSQL and S3 (sync/hub): Debian's
# postgresql, started by the tests in a temporary folder, and the S3 server
# VersityGW, built once into bin/ from the version pinned in
# sync/hub/testdata/s3server. Under make the suite fails rather than skips
# when they cannot start.
TEST_PKGS += postgresql
VERSITYGW_VERSION := $(shell sed -n 's/.*versity\/versitygw \(v[^ ]*\).*/\1/p' sync/hub/testdata/s3server/go.mod)
export KH_VERSITYGW := $(abspath $(BIN))/versitygw-$(VERSITYGW_VERSION)
export KH_HUB_REQUIRE_SERVERS := 1
.PHONY: hub-test-deps bench-hub
test: hub-test-deps
bench: bench-hub

hub-test-deps:
	@test -x $(KH_VERSITYGW) || { echo "Building the S3 server of the hub's tests (VersityGW $(VERSITYGW_VERSION))"; \
	  cd sync/hub/testdata/s3server && CGO_ENABLED=0 $(GO) build -trimpath -o $(KH_VERSITYGW) github.com/versity/versitygw/cmd/versitygw; }

# Uploads a second from 50 clients and the largest bundle streamed, on the
# folder and SQLite, then on PostgreSQL and S3 (docs/benchmarks.md, hub).
bench-hub: deps-test hub-test-deps
	set -o pipefail; CGO_ENABLED=0 $(GO) test -count=1 -run '^$$' -bench 'Hub_' -benchtime 1x -timeout 30m ./sync/hub/ | tee $(BIN)/bench-hub.txt
