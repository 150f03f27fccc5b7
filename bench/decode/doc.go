// Package decode benchmarks decoding realistic Intercom responses (../testdata, written by
// cmd/payloads) into each client's typed model: ours (encoding/json into gen/intercom's types, as
// the client does), and, built with -tags peers after cmd/report has generated them, ogen's and
// oapi-codegen's. Each decoder also summarises what it decoded, and TestDecode checks that every
// one of them sees the whole payload, so that no benchmark times a decoder that gave up early.
package decode
