package main

import (
	"bufio"
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// benchResults holds every value go test -bench printed, by benchmark name (without the
// Benchmark prefix and the -GOMAXPROCS suffix) and unit, one value per run (-count).
type benchResults map[string]map[string][]float64

var procsSuffix = regexp.MustCompile(`-\d+$`)

// parseBench reads go test -bench output: lines like
//
//	BenchmarkDecode/contact_list/ours-2   469   2836140 ns/op   41.49 MB/s   160625 B/op   3233 allocs/op
//
// Other lines (goos, pkg, PASS, ok, logs) are ignored.
func parseBench(out []byte) benchResults {
	res := benchResults{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		name := procsSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if res[name] == nil {
				res[name] = map[string][]float64{}
			}
			res[name][f[i+1]] = append(res[name][f[i+1]], v)
		}
	}
	return res
}

// median returns the median of a benchmark's values in unit.
func (r benchResults) median(name, unit string) (float64, bool) {
	vs := r[name][unit]
	if len(vs) == 0 {
		return 0, false
	}
	return median(vs), true
}
