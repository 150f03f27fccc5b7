// Package ratelimit holds BenchmarkRateLimit: goroutines sharing one client make calls against
// intercomtest's simulated rate limit, with the client's pacer and without it (retries only),
// and report the 429s they received, the calls that failed, and their throughput as a fraction
// of the limit. See bench/README.md.
package ratelimit
