package main

import (
	"strings"
	"testing"
)

func TestRenderCountsConnectionErrors(t *testing.T) {
	if !strings.Contains(render(0, 10), "db_connection_errors_total 0") {
		t.Fatal("db_connection_errors_total is missing")
	}
}
