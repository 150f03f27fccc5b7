package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The goals that fail say why from measurements of the same run: for the binary, which packages'
// code differs most between ours and the smaller peer's (go tool nm on unstripped builds); for
// decoding, the top of ours' CPU profile.

// clientCode groups, in linkedSizes, the packages outside the standard library: a client's
// generated package and, for a peer, the runtime packages it imports.
const clientCode = "the client's own code (generated package and any third-party runtime)"

// linkedSizes sums the sizes of an executable's symbols by the standard library package they
// belong to, and those of every other package as clientCode.
func linkedSizes(ctx context.Context, dir, exe string) (map[string]int64, error) {
	out, _, err := goCmd(dir, nil, "tool", "nm", "-size", exe).run(ctx)
	if err != nil {
		return nil, err
	}
	sizes := map[string]int64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		pkg := symbolPackage(strings.Join(f[3:], " "))
		if first, _, _ := strings.Cut(pkg, "/"); strings.Contains(first, ".") {
			pkg = clientCode // the generated package or the third-party packages it imports
		}
		sizes[pkg] += n
	}
	return sizes, nil
}

// symbolPackage returns the import path a symbol's name starts with ("log/slog" for
// "log/slog.(*Logger).Handler" or "type:*log/slog.Logger"); "runtime data" for the linker's own.
func symbolPackage(sym string) string {
	sym = strings.TrimPrefix(sym, "type:")
	sym = strings.TrimLeft(sym, "*[]")
	if strings.HasPrefix(sym, "go:") || strings.HasPrefix(sym, "runtime.") && !strings.Contains(sym, "/") {
		if strings.HasPrefix(sym, "runtime.") {
			return "runtime"
		}
		return "runtime data"
	}
	slash := strings.LastIndex(sym, "/")
	dot := strings.Index(sym[slash+1:], ".")
	if dot < 0 {
		return sym
	}
	return sym[:slash+1+dot]
}

// sizeDiff lists the packages whose code grows most from b to a, largest first.
func sizeDiff(a, b map[string]int64, n int) []string {
	type d struct {
		pkg   string
		delta int64
	}
	var ds []d
	for pkg, size := range a {
		if delta := size - b[pkg]; delta >= 1024 {
			ds = append(ds, d{pkg, delta})
		}
	}
	slices.SortFunc(ds, func(x, y d) int {
		if x.delta != y.delta {
			return int(y.delta - x.delta)
		}
		return strings.Compare(x.pkg, y.pkg)
	})
	var out []string
	for _, x := range ds[:min(n, len(ds))] {
		out = append(out, fmt.Sprintf("%s +%d KB", x.pkg, int(math.Round(float64(x.delta)/1024))))
	}
	return out
}

// binaryWhy builds ours' one-call program and the smaller peer's without stripping them and
// says which packages' code makes ours larger.
func (m *measurer) binaryWhy(ctx context.Context, r *Report) (string, error) {
	bin := r.Binary[0]
	peer, peerName, peerProg := bin.Oapi, "oapi-codegen", "./onecall/oapicodegen"
	if bin.Ogen < bin.Oapi {
		peer, peerName, peerProg = bin.Ogen, "ogen", "./onecall/ogen"
	}
	if bin.Ours <= peer {
		return "", nil
	}
	sizes := map[string]map[string]int64{}
	for _, p := range []struct{ name, prog string }{{"ours", "./onecall/ours"}, {peerName, peerProg}} {
		exe := m.bin("onecall-unstripped-" + p.name)
		if _, _, err := goCmd(m.bench, []string{"CGO_ENABLED=0"}, "build", "-tags", "peers", "-trimpath", "-o", exe, p.prog).run(ctx); err != nil {
			return "", err
		}
		s, err := linkedSizes(ctx, m.bench, exe)
		if err != nil {
			return "", err
		}
		sizes[p.name] = s
	}
	diff := sizeDiff(sizes["ours"], sizes[peerName], 4)
	why := fmt.Sprintf("ours is %s larger than %s's; the packages whose linked code most exceeds theirs "+
		"(go tool nm, unstripped builds of the same programs): %s",
		formatValue(bin.Ours-peer, "bytes"), peerName, strings.Join(diff, ", "))
	if d := sizes["ours"][clientCode] - sizes[peerName][clientCode]; d < 0 {
		why += fmt.Sprintf(", while our client's own code is %d KB smaller than %s's generated package and runtime",
			int(math.Round(float64(-d)/1024)), peerName)
	}
	return why, nil
}

// decodeWhy profiles ours decoding the contact list and lists the top of the profile.
func (m *measurer) decodeWhy(ctx context.Context) (string, error) {
	prof, exe := filepath.Join(m.tmp, "decode.pprof"), filepath.Join(m.tmp, "decode.test")
	if _, _, err := goCmd(m.bench, nil, "test", "-run", "^$", "-bench", "^BenchmarkDecode$/^contact_list$/^ours$",
		"-benchtime", "2s", "-cpuprofile", prof, "-o", exe, "./decode").run(ctx); err != nil {
		return "", err
	}
	out, _, err := goCmd(m.bench, nil, "tool", "pprof", "-top", "-nodecount=8", exe, prof).run(ctx)
	if err != nil {
		return "", err
	}
	top := topFunctions(out, 4)
	return "the top of ours' CPU profile decoding the contact list (self time): " + strings.Join(top, ", "), nil
}

// topFunctions reads go tool pprof -top output: "flat flat% sum% cum cum% name" lines.
func topFunctions(out []byte, n int) []string {
	var top []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() && len(top) < n {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || !strings.HasSuffix(f[1], "%") || !strings.HasSuffix(f[4], "%") {
			continue
		}
		if _, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64); err != nil {
			continue
		}
		top = append(top, fmt.Sprintf("%s %s", strings.Join(f[5:], " "), f[1]))
	}
	return top
}
