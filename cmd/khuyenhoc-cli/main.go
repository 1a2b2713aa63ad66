// Command khuyenhoc-cli does from a shell what the desktop app does through
// its screens, on the same database: set-up, keys, register files, bundles,
// reports and the hub. It is built without cgo. Human messages go to stderr
// in Vietnamese (English with --lang en); --json prints one JSON document on
// stdout. Exit status: 0 done, 1 some input was rejected, 2 usage error or
// nothing could be done, or stopped by Ctrl+C or SIGTERM (what was being
// imported is left out whole; what was done before stays done).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopGrace is how long a command may take to wind up after Ctrl+C or
// SIGTERM (a transaction rolls back, the database closes) before the
// program ends anyway; a second signal ends it at once.
const stopGrace = 20 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the next signal takes its default action: the program ends
		time.AfterFunc(stopGrace, func() {
			fmt.Fprintln(os.Stderr, "khuyenhoc-cli: stopped")
			os.Exit(exitUsage)
		})
	}()
	endProfile := startProfile()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	endProfile()
	stop()
	os.Exit(code)
}
