# cqpm — convenience targets around Meson. `make run` and `make test` are
# all a newcomer needs; both install missing Debian packages first.
# Variables: DB (database file, default cqpm.db), LISTEN (IPv4 address and
# port, default $$CQPM_LISTEN or 127.0.0.1:8080).
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= cqpm.db
LISTEN ?= $(or $(CQPM_LISTEN),127.0.0.1:8080)
CQPM = $(BUILD)/src/cli/cqpm

.PHONY: all deps build run test test-unit test-http test-browser test-asan bench clean

all: build

deps:
	@scripts/install-deps.sh build

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@if [ ! -f $(DB) ]; then $(CQPM) --db $(DB) init --demo; \
	  else $(CQPM) --db $(DB) init; fi
	@echo "Ouvrez http://$(LISTEN)/ — comptes de démonstration : admin, centre, evaluateur, jury, organisme ; mot de passe « demonstration »."
	$(CQPM) --db $(DB) serve --listen $(LISTEN)

test:
	@scripts/install-deps.sh test
	@tests/run.sh

test-unit test-http test-browser test-asan:
	@scripts/install-deps.sh test
	@tests/run.sh $(@:test-%=%)

bench:
	@scripts/install-deps.sh bench
	@bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
