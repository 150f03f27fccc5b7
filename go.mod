module github.com/gointercom/intercom

go 1.26.0

// The client is its own module (gen/intercom/go.mod, which requires nothing) so that users who
// import it get none of the generator's dependencies; the generator and its tests use the copy
// in this repository.
replace github.com/gointercom/intercom/gen/intercom => ./gen/intercom

require (
	github.com/dave/jennifer v1.7.1
	github.com/getkin/kin-openapi v0.153.0
	github.com/gointercom/intercom/gen/intercom v0.0.0-00010101000000-000000000000
	github.com/oapi-codegen/oapi-codegen/v2 v2.8.2
	github.com/oasdiff/oasdiff v1.37.0
	github.com/speakeasy-api/openapi v1.24.0
	golang.org/x/exp v0.0.0-20261113113407-e3970619a1a4
	gopkg.in/yaml.v3 v3.0.1
)

require (
	cloud.google.com/go v0.123.0 // indirect
	github.com/TwiN/go-color v1.4.1 // indirect
	github.com/dprotaso/go-yit v0.0.0-20220510233725-9ba8df137936 // indirect
	github.com/go-openapi/jsonpointer v1.0.2 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/speakeasy-api/jsonpath v0.6.3 // indirect
	github.com/tidwall/gjson v1.20.0 // indirect
	github.com/tidwall/match v1.2.0 // indirect
	github.com/tidwall/pretty v1.2.2 // indirect
	github.com/tidwall/sjson v1.2.5 // indirect
	github.com/vmware-labs/yaml-jsonpath v0.3.2 // indirect
	github.com/wI2L/jsondiff v0.7.1 // indirect
	github.com/yargevad/filepathx v1.0.0 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	golang.org/x/tools v0.52.1-0.20261106145633-d407941a339a // indirect
)
