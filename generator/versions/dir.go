// Package versions generates the client of every published version of Intercom's description
// and checks each (`make versions`): it builds and vets the generated package with the
// hand-written runtime and runs the conformance suite against it.
package versions

import "path/filepath"

// Preview is the info.version of Intercom's Preview description, kept in directory 0.
const Preview = "Preview"

// Path returns where a copy of Intercom's descriptions (intercom/Intercom-OpenAPI's
// descriptions/, or ../shared/intercom-openapi beside the repository) keeps the description of
// version: <dir>/<version>/api.intercom.io.yaml, the Preview in 0/.
func Path(dir, version string) string {
	if version == Preview {
		version = "0"
	}
	return filepath.Join(dir, version, "api.intercom.io.yaml")
}
