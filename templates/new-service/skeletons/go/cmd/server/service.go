package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	healthPath    = "${{ values.healthPath }}"
	readinessPath = "/readyz"
	metricsPath   = "/metrics"
)

// service answers liveness, readiness and Prometheus metrics; readiness is
// true only while the service takes traffic (and reaches db, when it has one).
type service struct {
	ready    atomic.Bool
	db       dependency
	mu       sync.Mutex
	requests map[string]int
	seconds  map[string]*histogram
}

// dependency is something the service cannot answer without (its database),
// so readiness asks it, and whose series /metrics shows too.
type dependency interface {
	ping(ctx context.Context) error
	render(b *strings.Builder)
}

// Upper bounds of the latency buckets, the same in every runtime.
var buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// histogram counts observations per bucket (each count includes the
// smaller buckets, as Prometheus expects).
type histogram struct {
	counts []int
	sum    float64
	count  int
}

func (h *histogram) observe(seconds float64) {
	for i, bound := range buckets {
		if seconds <= bound {
			h.counts[i]++
		}
	}
	h.sum += seconds
	h.count++
}

// write renders the histogram's series; labels is empty or a list such as
// `method="GET"`.
func (h *histogram) write(b *strings.Builder, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	for i, bound := range buckets {
		le := strconv.FormatFloat(bound, 'g', -1, 64)
		b.WriteString(name + "_bucket{" + labels + sep + "le=\"" + le + "\"} " + strconv.Itoa(h.counts[i]) + "\n")
	}
	b.WriteString(name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + strconv.Itoa(h.count) + "\n")
	if labels != "" {
		labels = "{" + labels + "}"
	}
	b.WriteString(name + "_sum" + labels + " " + strconv.FormatFloat(h.sum, 'g', -1, 64) + "\n")
	b.WriteString(name + "_count" + labels + " " + strconv.Itoa(h.count) + "\n")
}

func newHistogram() *histogram { return &histogram{counts: make([]int, len(buckets))} }

func newService() *service {
	return &service{requests: map[string]int{}, seconds: map[string]*histogram{}}
}

func (s *service) setReady(ready bool) { s.ready.Store(ready) }

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	status, route := http.StatusOK, r.URL.Path
	switch {
	case r.Method == http.MethodGet && r.URL.Path == healthPath:
		writeJSON(w, status, map[string]string{"status": "ok"})
	case r.Method == http.MethodGet && r.URL.Path == readinessPath:
		ready := s.ready.Load() && s.reachesDependency(r.Context())
		if !ready {
			status = http.StatusServiceUnavailable
		}
		writeJSON(w, status, map[string]bool{"ready": ready})
	case r.Method == http.MethodGet && r.URL.Path == metricsPath:
		w.Header().Set("content-type", "text/plain; version=0.0.4")
		fmt.Fprint(w, s.render())
	default:
		status, route = http.StatusNotFound, "unmatched"
		writeJSON(w, status, map[string]string{"error": "not found"})
	}
	key := fmt.Sprintf("method=%q,route=%q,status=\"%d\"", r.Method, route, status)
	s.mu.Lock()
	s.requests[key]++
	durationKey := fmt.Sprintf("method=%q,route=%q", r.Method, route)
	h, ok := s.seconds[durationKey]
	if !ok {
		h = newHistogram()
		s.seconds[durationKey] = h
	}
	h.observe(time.Since(started).Seconds())
	s.mu.Unlock()
}

// reachesDependency is true without a dependency, or when it answers in
// time, so the load balancer stops sending requests that could only fail.
func (s *service) reachesDependency(ctx context.Context) bool {
	if s.db == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.db.ping(ctx) == nil
}

func (s *service) render() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP http_requests_total HTTP requests answered.\n# TYPE http_requests_total counter\n")
	for _, key := range sortedKeys(s.requests) {
		// Braces are written apart from the verbs: "{" + "%" opens a scaffolder tag.
		b.WriteString("http_requests_total{" + key + "} " + strconv.Itoa(s.requests[key]) + "\n")
	}
	b.WriteString("# HELP http_request_duration_seconds Time to answer HTTP requests.\n# TYPE http_request_duration_seconds histogram\n")
	for _, key := range sortedKeys(s.seconds) {
		s.seconds[key].write(&b, "http_request_duration_seconds", key)
	}
	if s.db != nil {
		s.db.render(&b)
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
