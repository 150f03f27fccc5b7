//go:build tools

// Package tools pins the command-line tools this module builds with, so that go.mod and go.sum
// fix their versions: oapi-codegen is the baseline generator we measure against, and its
// dependency graph supplies the OpenAPI Overlay implementation the generator uses.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
