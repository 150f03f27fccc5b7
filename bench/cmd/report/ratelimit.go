package main

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// RateLimitRun is one run of BenchmarkRateLimit (bench/ratelimit): goroutines sharing one client
// against the simulated limit, with the pacer or retries only.
type RateLimitRun struct {
	Goroutines int
	Mode       string  // "pacer" or "retries only"
	Limited    float64 // 429s received
	Failed     float64 // calls that returned an error
	Throughput float64 // calls that succeeded a second ÷ the limit's calls a second
	Seconds    float64 // how long the calls took
}

// rateLimitModes are the benchmark's modes, by the name of its sub-benchmark.
var rateLimitModes = []struct{ key, name string }{{"pacer", "pacer"}, {"retries", "retries only"}}

// rateLimitGoroutines are the benchmark's numbers of goroutines.
var rateLimitGoroutines = []int{8, 64}

const goalRateLimit = "with the pacer: no call failed, at most one 429, throughput at least 90% of the limit"

// rateLimit runs BenchmarkRateLimit once: each run takes at least the time the limit allows its
// calls, so repeating it would add minutes for little.
func (m *measurer) rateLimit(ctx context.Context, r *Report) error {
	c := goCmd(m.bench, nil, "test", "-run", "^$", "-bench", "^BenchmarkRateLimit$", "-benchtime", "1x", "-count", "1", "./ratelimit")
	c.tee = true
	out, _, err := c.run(ctx)
	if err != nil {
		return err
	}
	return fillRateLimit(r, parseBench(out))
}

// fillRateLimit builds the rate-limit table from the benchmark's results.
func fillRateLimit(r *Report, res benchResults) error {
	var missing []string
	for _, g := range rateLimitGoroutines {
		for _, mode := range rateLimitModes {
			name := fmt.Sprintf("RateLimit/goroutines=%d/%s", g, mode.key)
			get := func(unit string) float64 {
				v, ok := res.median(name, unit)
				if !ok {
					missing = append(missing, name+" "+unit)
					return math.NaN()
				}
				return v
			}
			r.RateLimit = append(r.RateLimit, RateLimitRun{
				Goroutines: g, Mode: mode.name, Limited: get("429s"), Failed: get("failed"),
				Throughput: get("limit-fraction"), Seconds: get("s"),
			})
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no benchmark result for %s", strings.Join(missing, ", "))
	}
	return nil
}

// rateLimitGoal checks the pacer's runs against the goals.
func rateLimitGoal(r *Report) Goal {
	var measured []string
	met := true
	for _, run := range r.RateLimit {
		if run.Mode != "pacer" {
			continue
		}
		met = met && run.Failed == 0 && run.Limited <= 1 && run.Throughput >= 0.90
		measured = append(measured, fmt.Sprintf("%d goroutines: %s failed, %s 429s, %s of the limit",
			run.Goroutines, formatValue(run.Failed, ""), formatValue(run.Limited, ""), percent(run.Throughput)))
	}
	return Goal{Name: goalRateLimit, Measured: strings.Join(measured, "; "), Met: met && len(measured) > 0}
}

// percent writes a fraction as a percentage.
func percent(f float64) string {
	if math.IsNaN(f) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}
