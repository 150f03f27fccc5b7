# The two commands a user needs: `make generate` and `make test`. See README.md.
GO       ?= go
SPEC     := spec/api.intercom.io.yaml
GEN      := $(GO) run ./generator/cmd/intercomgen
# CONTRIB lists the modules of contrib/: adapters that need a third-party library, each its own
# module that the root's ./... does not enter.
CONTRIB  := contrib/redislimit
# MODULES are the Go modules vet and test cover: the generator's (the root) and the client's,
# which is its own module (gen/intercom/go.mod requires nothing) that the root uses through a
# replace; `go test ./...` at the root does not descend into it.
MODULES  := . gen/intercom $(CONTRIB)

.PHONY: all spec generate check-generated test lint vet vet-root vet-client vet-contrib test-root test-client test-contrib test-changes test-conformance test-versions fmt-check examples bench bench-client changes changes-reports versions bump

# OPENAPI holds a copy of every description Intercom publishes, a directory per version (the
# Preview in 0/), as CI keeps it beside the repository: make versions and the change reports of
# spec/changes read them.
OPENAPI ?= ../shared/intercom-openapi

all: generate

# spec copies $(SPEC_SOURCE) if set, else downloads the description pinned in spec/SOURCE; either
# way it refuses bytes whose sha256 is not the pinned one.
# With VERSION it bumps instead (spec/README.md): `make spec VERSION=2.10 [COMMIT=<sha>]` pins
# descriptions/$(VERSION)/api.intercom.io.yaml of the same repository, at COMMIT or the pinned
# commit, rewriting spec/SOURCE with the sha256 of the bytes it downloads (or copies from
# $(SPEC_SOURCE)), and refuses a description whose info.version is not VERSION.
spec:
ifdef VERSION
	$(GEN) bump -version '$(VERSION)' $(if $(COMMIT),-commit '$(COMMIT)')
else
	$(GEN) spec
endif

$(SPEC): spec/SOURCE
	$(GEN) spec

# generate regenerates gen/intercom/*_gen.go, the API reference gen/intercom/reference_gen.md and
# the fake server's route table gen/intercom/intercomtest/routes_gen.go from the description and
# the overlays spec/overlays/versions.yaml lists for its version.
generate: $(SPEC)
	$(GEN) generate

# check-generated fails if gen/ differs from what the generator makes now.
check-generated: $(SPEC)
	$(GEN) generate -check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# vet vets every module. The client's and the contrib modules' are vetted with -race: vet needs
# their dependencies compiled, and compiled as their tests build them (race-instrumented) they
# are built once for both (go-redis alone is 15 s of one core). The root's is vetted without
# it, as its dependencies are compiled for the generator's binary, and make versions reuses the
# facts it computes about them. No file of the project has a build constraint on race, so vet
# checks the same files either way.
vet: vet-root vet-client vet-contrib

vet-root:
	$(GO) vet ./...

vet-client:
	cd gen/intercom && $(GO) vet -race ./...

vet-contrib:
	@for m in $(CONTRIB); do echo "cd $$m && $(GO) vet -race ./..."; (cd $$m && $(GO) vet -race ./...) || exit 1; done

lint: fmt-check vet

# test runs every check: generated code up to date, formatting, vet, and all tests under -race,
# the contrib modules' too (contrib/redislimit's start a redis-server, which must be installed),
# but the change reports of spec/changes, whose comparisons of whole descriptions are slow under
# the race detector and check output, not concurrency: they run without it. The conformance
# suite (generator/conformance) runs once, with -v, so that what it checked can be printed (go
# test shows it only with -v); make versions checks the client of every other version.
#
# What it costs, with an empty build cache on two cores, is mostly compiling: the standard
# library and the generator's dependencies twice (without and with -race), and the client of
# every version. So the steps share those builds: make vet is the one vet (go test runs with
# -vet=off, as its own vet would analyse every dependency again for a subset of the same
# checks), and the generator runs from go run's cached binary. The steps run two at once (make
# -j2, each step's output printed whole when it ends), so that each core has work while the
# other links, waits on a test or compiles one large package, and in an order (LANES) in which
# no two go commands compile the same packages at once: the client's vet needs neither the
# description nor the generator, so it compiles the race-built standard library while go run
# compiles the generator; the steps that need the generator's dependencies compiled without
# -race wait for check-generated (go run built them), those that need vet's facts about them
# wait for vet-root, and those that need them race-built wait for the root's tests.
# GOGC=400: at Go's default (100) the compiler spends a fifth of its time collecting garbage
# (4.5 s of CPU for the 2.16 client, 3.5 s at 400), for a few hundred MB less per compile. The
# test binaries run with it too, their heaps up to four times larger, which the machines have
# room for: a cold make test used 2.5 GB of their 24 GiB at most. No test reads memory
# statistics; make bench, whose figures would move, keeps the default.
test: export GOGC ?= 400
# SYNC prints each step's output whole; make 3.81 (macOS) has no --output-sync, and interleaves.
SYNC := $(if $(filter 3.%,$(MAKE_VERSION)),,--output-sync=target)
STEPS := check-generated fmt-check vet-client vet-root test-versions test-root vet-contrib test-client test-contrib test-conformance test-changes
test:
	@$(MAKE) --no-print-directory -j2 $(SYNC) LANES=1 $(STEPS)

ifdef LANES
vet-root: check-generated
test-root: $(SPEC) vet-client
test-versions test-changes: vet-root
vet-contrib test-client: vet-client
test-contrib: vet-contrib
test-conformance: test-root
endif

test-root:
	$(GO) test -race -vet=off -count=1 -skip '^TestIntercomReports$$' $$($(GO) list ./... | grep -v '/generator/conformance$$')

test-client:
	cd gen/intercom && $(GO) test -race -vet=off -count=1 ./...

test-contrib:
	@for m in $(CONTRIB); do echo "cd $$m && $(GO) test -race -vet=off -count=1 ./..."; (cd $$m && $(GO) test -race -vet=off -count=1 ./...) || exit 1; done

test-changes:
	$(GO) test -vet=off -count=1 -run '^TestIntercomReports$$' ./generator/changes

# test-versions is make versions but for the version spec/SOURCE pins, which the other steps
# check already: check-generated (its client is gen/), vet-client (the runtime's tests with it)
# and test-conformance (the conformance suite, under -race); unless the copy in $(OPENAPI) is
# not the pinned description (-skip-pinned compares their sha256), which it then checks too.
test-versions:
	$(GEN) versions -descriptions '$(OPENAPI)' -skip-pinned

test-conformance:
	@out=$$($(GO) test -race -vet=off -count=1 -v ./generator/conformance 2>&1) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep '^conformance:'

# versions generates the client of every version spec/overlays/versions.yaml lists, from the
# copies in $(OPENAPI), into a temporary directory; builds and vets it with the hand-written
# runtime; runs the conformance suite against it (the version's examples through the client and
# the checking server, and its list of spec defects, generator/conformance/testdata/defects/
# VERSION.txt, both ways); and prints a table. It fails if any version fails. UPDATE=1 rewrites
# the defect lists instead of failing on them; ONLY=2.15,2.16 checks some versions only, and
# SKIP=2.9 all but some. The runtime's own tests are vetted with every version's client (they
# use only what every version has, so that a bump needs no edit to them); RUNTIME=1 runs them
# with each too (make test runs them with the pinned version only).
versions:
	$(GEN) versions -descriptions '$(OPENAPI)' $(if $(UPDATE),-update) $(if $(ONLY),-only '$(ONLY)') $(if $(SKIP),-skip '$(SKIP)') $(if $(RUNTIME),-runtime-tests)

# bump moves the client to another API version (spec/README.md): make bump VERSION=2.16
# [COMMIT=<sha>] [SPEC_SOURCE=<file>]. It pins the description (spec/SOURCE), regenerates gen/
# with the overlays spec/overlays/versions.yaml lists for the version, writes the change report
# spec/changes/OLD-to-NEW.md from the copies in $(OPENAPI), and prints what a reviewer must still
# check. Nothing else names the version: README and the tests read it from spec/SOURCE and the
# generated client.
bump:
	@test -n '$(VERSION)' || { echo 'make bump VERSION=<version>, like 2.16'; exit 2; }
	@old=$$(sed -n 's/^version: *//p' spec/SOURCE); \
	if [ "$$old" = '$(VERSION)' ]; then echo "bump: spec/SOURCE already pins $$old"; exit 2; fi; \
	$(GEN) bump -version '$(VERSION)' $(if $(COMMIT),-commit '$(COMMIT)') && \
	$(GEN) generate && \
	touch "spec/changes/$$old-to-$(VERSION).md" && \
	$(GO) test -count=1 -run "^TestIntercomReports$$/^$$old-to-$(VERSION)$$" ./generator/changes -update && \
	echo && echo "bump: $$old -> $(VERSION). A reviewer must still check:" && \
	echo "  - spec/changes/$$old-to-$(VERSION).md: every breaking HTTP change and incompatible Go change (release notes);" && \
	sed -n '11,17p' "spec/changes/$$old-to-$(VERSION).md" | sed 's/^/      /' && \
	echo "  - git diff gen/intercom: the names of new methods and types, and which new lists got iterators;" && \
	echo "  - spec/overlays/versions.yaml: the stack of $(VERSION), and each action of its own overlay (a reason, evidence);" && \
	echo "  - spec/webhooks.yaml: the topics Intercom's webhook page lists for $(VERSION);" && \
	echo "  - make test (make versions checks every version, the pinned one included)."

# examples runs every runnable example (func Example...) of every module; make test runs them too.
examples:
	@for m in $(MODULES); do (cd $$m && $(GO) test -count=1 -run Example ./...) || exit 1; done

# bench measures our generator and client against ogen and oapi-codegen, generating from the same
# overlaid description, in one run, and rewrites BENCHMARKS.md (bench/cmd/report, bench/README.md):
# generation time, code size, compile times, binary size, decoding, per-call overhead, and the
# client's pagination benchmark (BenchmarkContactsListAll: items/s and peak heap of
# client.Contacts.ListAll and of a plain net/http + encoding/json loop), and the rate-limit
# benchmark (bench/ratelimit: the pacer against retries alone, about three minutes). Eight to
# thirteen minutes; the peers come from the module proxy at the versions bench/go.mod pins.
# BENCHFLAGS passes settings to the report (-count, -runs, -gen-runs, -benchtime). `make test`
# runs no benchmark: go test runs them only when given -bench. bench-client runs only the client's own benchmarks, Go's output.
bench: $(SPEC)
	cd bench && $(GO) run ./cmd/report -root .. -out ../BENCHMARKS.md $(BENCHFLAGS)

bench-client:
	cd gen/intercom && $(GO) test -run '^$$' -bench . -benchmem ./...

# changes prints (or writes to OUT) the Markdown report of what changes from FROM to TO, for the
# pull request of a bump (spec/README.md). FROM and TO are each a description file, read with the
# working tree's overlays for its version, or a git revision, read as its spec/SOURCE pins it with
# its own overlays; FROM_OVERLAYS and TO_OVERLAYS (space-separated paths) replace those overlays. By default
# FROM is HEAD and TO the fetched description: after `make spec VERSION=...`, what the bump changes.
FROM ?= HEAD
TO   ?= $(SPEC)
changes:
	@$(GEN) changes -from '$(FROM)' -to '$(TO)' $(foreach o,$(FROM_OVERLAYS),-from-overlay '$(o)') \
		$(foreach o,$(TO_OVERLAYS),-to-overlay '$(o)') $(if $(OUT),-out '$(OUT)')

# changes-reports rewrites the reports of spec/changes (FROM-to-TO.md, one per step between
# versions) from the copies of the descriptions in $(OPENAPI), each read with the
# overlays spec/overlays/versions.yaml lists for its version; `make test` fails when one is out
# of date. To report a new step, create its empty file first.
changes-reports:
	$(GO) test -count=1 -run '^TestIntercomReports$$' ./generator/changes -update
