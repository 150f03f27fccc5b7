package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The generated packages measured, each in its module: ours in its own (oursDir, relative to the
// repository), the peers' in the bench module (generated there by this program).
const (
	oursDir = "gen/intercom"
	oursPkg = "."
	ogenPkg = "./peers/ogen/ogenintercom"
	oapiPkg = "./peers/oapicodegen/oapiintercom"
)

// client is one of the three clients compared.
type client struct {
	name    string // ours, ogen, oapi-codegen
	dir     string // the module directory commands run in
	pkg     string // the generated package, relative to dir
	onecall string // its one-call program, relative to the bench module
}

// measurer runs the measurements; root is the repository, bench its bench module, tmp the
// scratch directory.
type measurer struct {
	root, bench, tmp string
	cfg              config
}

func (m *measurer) bin(name string) string { return filepath.Join(m.tmp, "bin", name) }

func (m *measurer) clients() []client {
	return []client{
		{"ours", filepath.Join(m.root, oursDir), oursPkg, "./onecall/ours"},
		{"ogen", m.bench, ogenPkg, "./onecall/ogen"},
		{"oapi-codegen", m.bench, oapiPkg, "./onecall/oapicodegen"},
	}
}

// measure runs everything and returns the report's data.
func (m *measurer) measure(ctx context.Context) (*Report, error) {
	r := &Report{
		Date:      time.Now().UTC().Format("2006-01-02"),
		Machine:   machine(),
		Count:     m.cfg.count,
		Runs:      m.cfg.runs,
		GenRuns:   m.cfg.genRuns,
		Load:      "at the start " + loadAverage(),
		Benchtime: m.cfg.benchtime,
	}
	steps := []struct {
		name string
		do   func(context.Context, *Report) error
	}{
		{"versions", m.versions},
		{"build the generators", m.buildTools},
		{"write the descriptions", m.descriptions},
		{"write the payloads", m.payloads},
		{"time the generators", m.generation},
		{"count the code", m.code},
		{"list the imports", m.imports},
		{"time the compiles", m.compile},
		{"build the one-call programs", m.binaries},
		{"run the benchmarks", m.benchmarks},
		{"run the rate-limit benchmark", m.rateLimit},
	}
	start := time.Now()
	for i, s := range steps {
		logf("== [%d/%d] %s (%s so far)", i+1, len(steps), s.name, time.Since(start).Round(time.Second))
		began := time.Now()
		if err := s.do(ctx, r); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		logf("== [%d/%d] %s: done in %s", i+1, len(steps), s.name, time.Since(began).Round(100*time.Millisecond))
	}
	r.Goals = goals(r)
	for i, g := range r.Goals {
		var err error
		switch {
		case g.Met:
		case g.Name == goalBinary:
			r.Goals[i].Why, err = m.binaryWhy(ctx, r)
		case g.Name == goalDecode:
			r.Goals[i].Why, err = m.decodeWhy(ctx)
		}
		if err != nil {
			return nil, fmt.Errorf("explain %q: %w", g.Name, err)
		}
	}
	return r, nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "report: "+format+"\n", args...)
}

// command is a command to run in dir with extra environment variables.
type command struct {
	dir  string
	env  []string
	name string
	args []string
	tee  bool // copy the output to stderr as it comes (long benchmarks)
}

// run runs c and returns its combined output and wall time; a failure includes the output.
func (c command) run(ctx context.Context) ([]byte, time.Duration, error) {
	out, took, _, err := c.runCPU(ctx)
	return out, took, err
}

// runCPU is run that also returns the CPU time (user and system) the command used.
func (c command) runCPU(ctx context.Context) ([]byte, time.Duration, time.Duration, error) {
	cmd := exec.CommandContext(ctx, c.name, c.args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	if c.tee {
		cmd.Stdout = io.MultiWriter(&out, os.Stderr)
	}
	cmd.Stderr = cmd.Stdout
	line := strings.Join(append(append(slices.Clone(c.env), filepath.Base(c.name)), c.args...), " ")
	logf("$ %s", line)
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var cpu time.Duration
	if cmd.ProcessState != nil {
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return out.Bytes(), took, cpu, fmt.Errorf("%s (in %s): %w\n%s", line, c.dir, err, tail(out.Bytes(), 4000))
	}
	return out.Bytes(), took, cpu, nil
}

// loadAverage returns the 1, 5 and 15 minute load averages ("unknown" off Linux).
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func goCmd(dir string, env []string, args ...string) command {
	return command{dir: dir, env: env, name: "go", args: args}
}

// output runs c and returns its trimmed output.
func output(ctx context.Context, c command) (string, error) {
	out, _, err := c.run(ctx)
	return strings.TrimSpace(string(out)), err
}

func machine() Machine {
	m := Machine{Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, CPU: "unknown", Memory: "unknown"}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					m.Memory = fmt.Sprintf("%.0f GiB", kb/(1<<20))
				}
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.OS += ", Linux " + strings.TrimSpace(string(data))
	}
	return m
}

func (m *measurer) versions(ctx context.Context, r *Report) error {
	var err error
	if r.Go, err = output(ctx, goCmd(m.bench, nil, "env", "GOVERSION")); err != nil {
		return err
	}
	ours, err := output(ctx, command{dir: m.root, name: "git", args: []string{"describe", "--always", "--dirty"}})
	if err != nil {
		ours = "unknown (no git)"
	}
	r.Ours = Tool{Name: "ours (intercomgen)", Module: "github.com/gointercom/intercom", Version: ours}
	peers := []Peer{
		{Tool: Tool{Name: "ogen", Module: "github.com/ogen-go/ogen"}, Config: "bench/peers/ogen/ogen.yml", Patch: "bench/peers/ogen/patch.yaml"},
		{Tool: Tool{Name: "oapi-codegen", Module: "github.com/oapi-codegen/oapi-codegen/v2"}, Config: "bench/peers/oapicodegen/config.yaml", Patch: "bench/peers/oapicodegen/patch.yaml"},
	}
	for i := range peers {
		p := &peers[i]
		if p.Version, err = output(ctx, goCmd(m.bench, nil, "list", "-m", "-f", "{{.Version}}", p.Module)); err != nil {
			return err
		}
		if p.Actions, err = patchActions(filepath.Join(m.root, p.Patch)); err != nil {
			return err
		}
	}
	// oapi-codegen is pinned by the main module (tools.go) too: measure the version it pins.
	pinned, err := output(ctx, goCmd(m.root, nil, "list", "-m", "-f", "{{.Version}}", peers[1].Module))
	if err != nil {
		return err
	}
	if pinned != peers[1].Version {
		return fmt.Errorf("bench/go.mod has oapi-codegen %s but go.mod pins %s: make them agree", peers[1].Version, pinned)
	}
	r.Peers = peers
	return nil
}

// patchActions reads the actions of a peer's patch (an OpenAPI Overlay).
func patchActions(path string) ([]Action, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var o struct {
		Actions []Action `yaml:"actions"`
	}
	if err := yaml.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, a := range o.Actions {
		o.Actions[i].Description = strings.Join(strings.Fields(a.Description), " ")
	}
	return o.Actions, nil
}

func (m *measurer) buildTools(ctx context.Context, _ *Report) error {
	bin := filepath.Join(m.tmp, "bin") + string(filepath.Separator)
	if _, _, err := goCmd(m.root, nil, "build", "-o", bin, "./generator/cmd/intercomgen").run(ctx); err != nil {
		return err
	}
	_, _, err := goCmd(m.bench, nil, "build", "-o", bin, "github.com/ogen-go/ogen/cmd/ogen", "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen").run(ctx)
	return err
}

// Inputs of the peers, relative to the bench module: the overlaid description, and each peer's
// (the overlaid description with its patch).
const (
	overlaidInput = "peers/overlaid.yaml"
	ogenInput     = "peers/ogen/input.yaml"
	oapiInput     = "peers/oapicodegen/input.yaml"
)

func (m *measurer) descriptions(ctx context.Context, r *Report) error {
	gen := m.bin("intercomgen")
	for _, c := range []command{
		{dir: m.root, name: gen, args: []string{"overlaid", "-out", filepath.Join(m.bench, overlaidInput)}},
		{dir: m.root, name: gen, args: []string{"overlaid", "-spec", filepath.Join(m.bench, overlaidInput), "-overlay", r.Peers[0].Patch, "-out", filepath.Join(m.bench, ogenInput)}},
		{dir: m.root, name: gen, args: []string{"overlaid", "-spec", filepath.Join(m.bench, overlaidInput), "-overlay", r.Peers[1].Patch, "-out", filepath.Join(m.bench, oapiInput)}},
	} {
		if _, _, err := c.run(ctx); err != nil {
			return err
		}
	}
	ops, err := operations(filepath.Join(m.bench, overlaidInput))
	if err != nil {
		return err
	}
	r.Operations = len(ops)
	return nil
}

func (m *measurer) payloads(ctx context.Context, _ *Report) error {
	_, _, err := goCmd(m.bench, nil, "run", "./cmd/payloads", "-spec", overlaidInput, "-out", "testdata").run(ctx)
	return err
}

// generation times each generator on the whole description, interleaved, and keeps each peer's
// last output in the bench module.
func (m *measurer) generation(ctx context.Context, r *Report) error {
	times, cpus := map[string][]float64{}, map[string][]float64{}
	var oursOut, ogenLog []byte
	for i := range m.cfg.genRuns {
		dir := func(name string) string { return filepath.Join(m.tmp, "gen", fmt.Sprintf("%s-%d", name, i)) }
		if err := os.MkdirAll(dir("oapi-codegen"), 0o755); err != nil {
			return err
		}
		for _, c := range []struct {
			name string
			cmd  command
		}{
			{"ours", command{dir: m.root, name: m.bin("intercomgen"), args: []string{"generate", "-out", dir("ours")}}},
			{"ogen", command{dir: m.bench, name: m.bin("ogen"), args: []string{"-clean", "-config", "peers/ogen/ogen.yml",
				"-target", dir("ogen"), "-package", "ogenintercom", ogenInput}}},
			{"oapi-codegen", command{dir: m.bench, name: m.bin("oapi-codegen"), args: []string{"-config", "peers/oapicodegen/config.yaml",
				"-o", filepath.Join(dir("oapi-codegen"), "oapi.gen.go"), oapiInput}}},
		} {
			out, took, cpu, err := c.cmd.runCPU(ctx)
			if err != nil {
				return err
			}
			times[c.name] = append(times[c.name], took.Seconds())
			cpus[c.name] = append(cpus[c.name], cpu.Seconds())
			switch c.name {
			case "ours":
				oursOut = out
			case "ogen":
				ogenLog = out
			}
		}
	}
	last := m.cfg.genRuns - 1
	for _, p := range []struct{ from, to string }{
		{fmt.Sprintf("ogen-%d", last), ogenPkg},
		{fmt.Sprintf("oapi-codegen-%d", last), oapiPkg},
	} {
		if err := replaceGoFiles(filepath.Join(m.tmp, "gen", p.from), filepath.Join(m.bench, p.to)); err != nil {
			return err
		}
	}
	for _, k := range []struct {
		name string
		ts   map[string][]float64
	}{{"whole description, wall time", times}, {"whole description, CPU time (user + system)", cpus}} {
		x := row(k.name, "s", median(k.ts["ours"]))
		x.Ogen, x.Oapi = median(k.ts["ogen"]), median(k.ts["oapi-codegen"])
		r.Generation = append(r.Generation, x)
	}

	n := regexp.MustCompile(`(\d+) operations`).FindSubmatch(oursOut)
	if n == nil {
		return fmt.Errorf("intercomgen generate did not say how many operations it generated:\n%s", oursOut)
	}
	r.OursOperations, _ = strconv.Atoi(string(n[1]))
	ops, err := operations(filepath.Join(m.bench, ogenInput))
	if err != nil {
		return err
	}
	for i, pkg := range []string{ogenPkg, oapiPkg} {
		methods, err := clientMethods(filepath.Join(m.bench, pkg))
		if err != nil {
			return err
		}
		p := &r.Peers[i]
		p.Skipped = skipped(ops, methods, ogenLog)
		p.Operations = len(ops) - len(p.Skipped)
	}
	refs, err := nullableRefs(filepath.Join(m.bench, ogenInput))
	if err != nil {
		return err
	}
	r.Peers[0].NullableRefs = refs
	return nil
}

// replaceGoFiles replaces the .go files of dst with those of src.
func replaceGoFiles(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dst, "*.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	files, err := filepath.Glob(filepath.Join(src, "*.go"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no Go files generated", src)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (m *measurer) code(_ context.Context, r *Report) error {
	gen := func(name string) bool { return strings.HasSuffix(name, "_gen.go") }
	all := func(string) bool { return true }
	ours, err := countCode(filepath.Join(m.root, oursDir), gen)
	if err != nil {
		return err
	}
	if r.HandWritten, err = countCode(filepath.Join(m.root, oursDir), func(name string) bool { return !gen(name) }); err != nil {
		return err
	}
	ogen, err := countCode(filepath.Join(m.bench, ogenPkg), all)
	if err != nil {
		return err
	}
	oapi, err := countCode(filepath.Join(m.bench, oapiPkg), all)
	if err != nil {
		return err
	}
	r.Generated = ours
	r.Peers[0].Untyped, r.Peers[0].Dropped = ogen.Untyped, ogen.Dropped
	r.Peers[1].Untyped, r.Peers[1].Dropped = oapi.Untyped, oapi.Dropped
	rows := []struct {
		name             string
		ours, ogen, oapi int
	}{
		{"files", ours.Files, ogen.Files, oapi.Files},
		{"lines", ours.Lines, ogen.Lines, oapi.Lines},
		{"operations generated", r.OursOperations, r.Peers[0].Operations, r.Peers[1].Operations},
		{"fields typed as untyped JSON", len(ours.Untyped), len(ogen.Untyped), len(oapi.Untyped)},
		{"fields whose JSON is dropped (struct{})", len(ours.Dropped), len(ogen.Dropped), len(oapi.Dropped)},
	}
	for _, x := range rows {
		row := row(x.name, "", float64(x.ours))
		row.Ogen, row.Oapi = float64(x.ogen), float64(x.oapi)
		r.Code = append(r.Code, row)
	}
	return nil
}

// deps lists the packages a package imports, directly or not, outside the standard library
// (without itself), or inside it.
func deps(ctx context.Context, dir, pkg string, std bool) ([]string, error) {
	format := `{{if not .Standard}}{{.ImportPath}}{{end}}`
	if std {
		format = `{{if .Standard}}{{.ImportPath}}{{end}}`
	}
	out, err := output(ctx, goCmd(dir, []string{"CGO_ENABLED=0"}, "list", "-deps", "-f", format, pkg))
	if err != nil {
		return nil, err
	}
	self, err := output(ctx, goCmd(dir, nil, "list", "-f", "{{.ImportPath}}", pkg))
	if err != nil {
		return nil, err
	}
	var list []string
	for _, p := range strings.Fields(out) {
		if p != self {
			list = append(list, p)
		}
	}
	return list, nil
}

func (m *measurer) imports(ctx context.Context, r *Report) error {
	var counts [3]int
	for i, c := range m.clients() {
		list, err := deps(ctx, c.dir, c.pkg, false)
		if err != nil {
			return err
		}
		if i == 0 {
			r.ThirdParty.Ours = list
		}
		counts[i] = len(list)
	}
	r.ThirdParty.Ogen, r.ThirdParty.Oapi = counts[1], counts[2]
	x := row("third-party packages imported", "", float64(counts[0]))
	x.Ogen, x.Oapi = float64(counts[1]), float64(counts[2])
	r.Code = append(r.Code, x)
	return nil
}

// compile times go build of each generated package, -runs times: cold with a build cache that
// holds only the standard library (built beforehand, untimed), warm with one that also holds the
// package's dependencies, as after regenerating it. CGO_ENABLED=0 throughout.
func (m *measurer) compile(ctx context.Context, r *Report) error {
	caches := filepath.Join(m.tmp, "cache")
	stdCache := filepath.Join(caches, "std")
	var std []string
	for _, c := range m.clients() {
		list, err := deps(ctx, c.dir, c.pkg, true)
		if err != nil {
			return err
		}
		std = append(std, list...)
	}
	slices.Sort(std)
	std = slices.Compact(std)
	if _, _, err := goCmd(m.bench, []string{"CGO_ENABLED=0", "GOCACHE=" + stdCache}, append([]string{"build"}, std...)...).run(ctx); err != nil {
		return err
	}
	depCaches := map[string]string{}
	for _, c := range m.clients() {
		list, err := deps(ctx, c.dir, c.pkg, false)
		if err != nil {
			return err
		}
		cache := filepath.Join(caches, "deps-"+c.name)
		if err := copyDir(stdCache, cache); err != nil {
			return err
		}
		if len(list) > 0 {
			if _, _, err := goCmd(c.dir, []string{"CGO_ENABLED=0", "GOCACHE=" + cache}, append([]string{"build"}, list...)...).run(ctx); err != nil {
				return err
			}
		}
		depCaches[c.name] = cache
	}
	times := map[string][]float64{}
	scratch := filepath.Join(caches, "run")
	for range m.cfg.runs {
		for _, c := range m.clients() {
			for _, k := range []struct{ kind, from string }{{"cold", stdCache}, {"warm", depCaches[c.name]}} {
				if err := os.RemoveAll(scratch); err != nil {
					return err
				}
				if err := copyDir(k.from, scratch); err != nil {
					return err
				}
				_, took, err := goCmd(c.dir, []string{"CGO_ENABLED=0", "GOCACHE=" + scratch}, "build", c.pkg).run(ctx)
				if err != nil {
					return err
				}
				times[c.name+" "+k.kind] = append(times[c.name+" "+k.kind], took.Seconds())
			}
		}
	}
	for _, k := range []struct{ kind, name string }{
		{"cold", "cold: standard library cached"},
		{"warm", "warm: dependencies cached"},
	} {
		x := row(k.name, "s", median(times["ours "+k.kind]))
		x.Ogen, x.Oapi = median(times["ogen "+k.kind]), median(times["oapi-codegen "+k.kind])
		r.Compile = append(r.Compile, x)
	}
	return os.RemoveAll(caches)
}

// copyDir copies the tree src to dst (a build cache: regular files and directories).
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(to)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// oneCallToken is the token the one-call programs send to the check server.
const oneCallToken = "report-token"

// binaries builds each one-call program stripped, checks that it makes its call against a
// loopback server, and records its size; the plain program is the floor.
func (m *measurer) binaries(ctx context.Context, r *Report) error {
	body, err := os.ReadFile(filepath.Join(m.bench, "testdata", "contact.json"))
	if err != nil {
		return err
	}
	var want struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	}
	if err := json.Unmarshal(body, &want); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /contacts/{id}", func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer "+oneCallToken || req.PathValue("id") != want.ID {
			http.Error(w, `{"type":"error.list","errors":[{"code":"not_found"}]}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	sizes := map[string]float64{}
	progs := []struct{ name, path string }{{"plain", "./onecall/plain"}}
	for _, c := range m.clients() {
		progs = append(progs, struct{ name, path string }{c.name, c.onecall})
	}
	for _, p := range progs {
		exe := m.bin("onecall-" + p.name)
		if _, _, err := goCmd(m.bench, []string{"CGO_ENABLED=0"}, "build", "-tags", "peers", "-trimpath", "-ldflags=-s -w", "-o", exe, p.path).run(ctx); err != nil {
			return err
		}
		out, err := output(ctx, command{dir: m.tmp, env: []string{"INTERCOM_TOKEN=" + oneCallToken}, name: exe, args: []string{srv.URL, want.ID}})
		if err != nil {
			return err
		}
		if out != want.Email {
			return fmt.Errorf("%s printed %q, want %q", p.path, out, want.Email)
		}
		fi, err := os.Stat(exe)
		if err != nil {
			return err
		}
		sizes[p.name] = float64(fi.Size())
	}
	x := row("one call, stripped", "bytes", sizes["ours"])
	x.Plain, x.Ogen, x.Oapi = sizes["plain"], sizes["ogen"], sizes["oapi-codegen"]
	r.Binary = []Row{x}
	return nil
}

// benchmarks runs the decode and call benchmarks of the bench module (their tests first: each
// checks that every client decodes the whole payload) and the main module's pagination
// benchmark, and fills the tables from their medians.
func (m *measurer) benchmarks(ctx context.Context, r *Report) error {
	count := strconv.Itoa(m.cfg.count)
	if _, _, err := goCmd(m.bench, nil, "test", "-tags", "peers", "-count=1", "./decode", "./call").run(ctx); err != nil {
		return err
	}
	c := goCmd(m.bench, nil, "test", "-tags", "peers", "-run", "^$", "-bench", ".", "-benchmem",
		"-count", count, "-benchtime", m.cfg.benchtime, "./decode", "./call")
	c.tee = true
	out, _, err := c.run(ctx)
	if err != nil {
		return err
	}
	res := parseBench(out)
	c = goCmd(filepath.Join(m.root, oursDir), nil, "test", "-run", "^$", "-bench", "^BenchmarkContactsListAll$", "-benchmem", "-count", count, oursPkg)
	c.tee = true
	out, _, err = c.run(ctx)
	if err != nil {
		return err
	}
	maps.Copy(res, parseBench(out))
	return fill(r, res)
}

// fill builds the benchmark tables from the parsed results.
func fill(r *Report, res benchResults) error {
	var missing []string
	get := func(name, unit string) float64 {
		v, ok := res.median(name, unit)
		if !ok {
			missing = append(missing, name+" "+unit)
			return math.NaN()
		}
		return v
	}
	units := []struct{ what, unit string }{
		{"time", "ns/op"}, {"throughput", "MB/s"}, {"memory", "B/op"}, {"allocations", "allocs/op"},
	}
	for _, p := range []struct{ key, name string }{
		{"contact_list", "contact list (50 contacts)"},
		{"contact_list_distinct", "contact list, no string twice (50 contacts)"},
		{"conversation", "conversation (100 parts)"},
	} {
		for _, u := range units {
			x := row(p.name+": "+u.what, u.unit, get("Decode/"+p.key+"/ours", u.unit))
			x.Ogen = get("Decode/"+p.key+"/ogen", u.unit)
			x.Oapi = get("Decode/"+p.key+"/oapi-codegen", u.unit)
			r.Decode = append(r.Decode, x)
		}
		x := row(p.name+": time, ogen with the Validate its client runs", "ns/op", get("Decode/"+p.key+"/ours", "ns/op"))
		x.Ogen = get("Decode/"+p.key+"/ogen+validate", "ns/op")
		r.Decode = append(r.Decode, x)
	}
	for _, u := range units {
		if u.unit == "MB/s" {
			continue
		}
		x := row(u.what, u.unit, get("Call/ours", u.unit))
		x.Plain, x.Ogen, x.Oapi = get("Call/plain", u.unit), get("Call/ogen", u.unit), get("Call/oapi-codegen", u.unit)
		r.Call = append(r.Call, x)
	}
	for _, n := range []string{"10000", "100000"} {
		for _, u := range []struct{ what, unit string }{
			{"throughput", "items/s"}, {"peak heap", "peak-heap-MB"}, {"live heap", "live-heap-MB"},
			{"memory", "B/op"}, {"allocations", "allocs/op"},
		} {
			name := "ContactsListAll/N=" + n
			x := row(thousands(mustAtoi(n))+" contacts: "+u.what, u.unit, get(name+"/client", u.unit))
			x.Plain = get(name+"/plain", u.unit)
			if strings.HasSuffix(u.unit, "-MB") {
				x.Unit = "MB"
			}
			r.Paginate = append(r.Paginate, x)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no benchmark result for %s", strings.Join(missing, ", "))
	}
	return nil
}

func mustAtoi(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}

// median returns the median of xs, NaN for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
