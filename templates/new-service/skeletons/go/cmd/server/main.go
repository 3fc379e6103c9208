// Command server runs ${{ values.name }}. `server healthcheck <url>` checks a
// health URL and exits non-zero when it fails; the container image has no
// HTTP client of its own.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck(os.Args[2]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := serve(ctx); err != nil {
		slog.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// serve listens on PORT and runs the service until ctx ends.
func serve(ctx context.Context) error {
	listener, err := net.Listen("tcp", listenAddress())
	if err != nil {
		return err
	}
	svc := newService()
{%- if values.database %}
	// DATABASE_URL comes from the ${{ values.name }}-env secret in Kubernetes.
	max, err := poolMax()
	if err != nil {
		listener.Close()
		return err
	}
	db, err := openDatabase(os.Getenv("DATABASE_URL"), max)
	if err != nil {
		listener.Close()
		return err
	}
	defer db.close()
	svc.db = db
{%- endif %}
	return run(ctx, listener, svc)
}

func listenAddress() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":${{ values.port }}"
}

// run serves until ctx ends (SIGTERM from Kubernetes), then fails readiness
// so the load balancer drains this instance, and finishes what is in flight.
func run(ctx context.Context, listener net.Listener, svc *service) error {
	server := &http.Server{Handler: svc, ReadHeaderTimeout: 5 * time.Second}
	served := make(chan error, 1)
	// The listener is bound already, so the service is ready to take traffic.
	svc.setReady(true)
	go func() { served <- server.Serve(listener) }()
	slog.Info("listening", "address", listener.Addr().String())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	svc.setReady(false)
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func healthcheck(url string) int {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		return 1
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		return 1
	}
	return 0
}
