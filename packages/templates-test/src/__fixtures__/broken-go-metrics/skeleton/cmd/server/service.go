package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

// render writes the series Prometheus scrapes.
// db_pool_waiting_requests is still to do.
func render(inUse, max int) string {
	var b strings.Builder
	b.WriteString("# TYPE db_pool_connections_in_use gauge\n")
	b.WriteString(fmt.Sprintf("db_pool_connections_in_use %d\n", inUse))
	b.WriteString("# TYPE db_pool_max_connections gauge\n")
	b.WriteString(fmt.Sprintf("db_pool_max_connections %d\n", max))
	return b.String()
}

func main() {
	http.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, render(0, 10))
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
