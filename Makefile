# The two commands a user needs: `make generate` and `make test`. See README.md.
GO       ?= go
SPEC     := spec/api.intercom.io.yaml
GEN      := $(GO) run ./generator/cmd/intercomgen

.PHONY: all spec generate check-generated test lint vet fmt-check

all: generate

# spec copies $(SPEC_SOURCE) if set, else downloads the description pinned in spec/SOURCE; either
# way it refuses bytes whose sha256 is not the pinned one.
spec:
	$(GEN) spec

$(SPEC): spec/SOURCE
	$(GEN) spec

# generate regenerates gen/intercom/*_gen.go from the description and spec/overlay.yaml.
generate: $(SPEC)
	$(GEN) generate

# check-generated fails if gen/ differs from what the generator makes now.
check-generated: $(SPEC)
	$(GEN) generate -check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

lint: fmt-check vet

# test runs every check: generated code up to date, formatting, vet, and all tests under -race.
test: check-generated lint
	$(GO) test -race -count=1 ./...
