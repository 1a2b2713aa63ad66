// Command khuyenhoc-cli does from a shell what the desktop app does through
// its screens, on the same database: set-up, keys, register files, bundles,
// reports and the hub. It is built without cgo. Human messages go to stderr
// in Vietnamese (English with --lang en); --json prints one JSON document on
// stdout. Exit status: 0 done, 1 some input was rejected, 2 usage error or
// nothing could be done.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	endProfile := startProfile()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	endProfile()
	stop()
	os.Exit(code)
}
