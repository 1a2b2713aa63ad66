package main

import (
	"context"
	"log/slog"
	"os"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/setup"
)

// unlockFromEnv opens the keys with KHUYENHOC_PASSPHRASE when it is set:
// the non-interactive form for scripts and tests (docs/privacy.md). An
// officer never sets it: without it, or when it is wrong, the app asks on
// its passphrase page.
func unlockFromEnv(ctx context.Context, st *store.Store, log *slog.Logger) {
	p, ok := os.LookupEnv("KHUYENHOC_PASSPHRASE")
	if !ok {
		return
	}
	if err := setup.Unlock(ctx, st, []byte(p)); err != nil {
		log.Warn("unlock from KHUYENHOC_PASSPHRASE", "err", err)
	}
}
