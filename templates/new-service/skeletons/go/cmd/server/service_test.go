package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, base, path string) (int, string) {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestEndpoints(t *testing.T) {
	svc := newService()
	server := httptest.NewServer(svc)
	defer server.Close()

	if status, _ := get(t, server.URL, healthPath); status != http.StatusOK {
		t.Fatalf("health answered %d", status)
	}
	if status, _ := get(t, server.URL, readinessPath); status != http.StatusServiceUnavailable {
		t.Fatalf("readiness before start-up answered %d", status)
	}
	svc.setReady(true)
	if status, _ := get(t, server.URL, readinessPath); status != http.StatusOK {
		t.Fatalf("readiness answered %d", status)
	}
	get(t, server.URL, "/no-such-page")
	_, metrics := get(t, server.URL, metricsPath)
	if !strings.Contains(metrics, `http_requests_total{method="GET",route="unmatched",status="404"} 1`) {
		t.Fatalf("metrics do not count the 404:\n%s", metrics)
	}
	if healthcheck(server.URL+healthPath) != 0 || healthcheck(server.URL+"/missing") != 1 {
		t.Fatal("healthcheck disagrees with the endpoints")
	}
	if healthcheck("http://127.0.0.1:1/") != 1 {
		t.Fatal("healthcheck passed with nothing listening")
	}
}

func TestRunServesUntilStopped(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	svc := newService()
	stopped := make(chan error, 1)
	go func() { stopped <- run(ctx, listener, svc) }()

	base := "http://" + listener.Addr().String()
	if status, _ := get(t, base, readinessPath); status != http.StatusOK {
		t.Fatalf("readiness while serving answered %d", status)
	}
	cancel()
	if err := <-stopped; err != nil {
		t.Fatalf("run returned %v", err)
	}
	if svc.ready.Load() {
		t.Fatal("still ready after shutdown")
	}
}

func TestServeListensOnPort(t *testing.T) {
	t.Setenv("PORT", "0")
{%- if values.database %}
	t.Setenv("DATABASE_URL", "postgresql://service@127.0.0.1:1/service")
{%- endif %}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := serve(ctx); err != nil {
		t.Fatalf("serve returned %v", err)
	}
	t.Setenv("PORT", "not-a-port")
	if err := serve(context.Background()); err == nil {
		t.Fatal("serve accepted an invalid port")
	}
}
