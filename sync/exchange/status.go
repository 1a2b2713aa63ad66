package exchange

import (
	"context"
	"errors"
	"fmt"

	"sokhuyenhoc/data/store"
)

// RetryHeld imports the quarantined bundles again: after their signer was
// enrolled, a held bundle goes in; otherwise it stays held.
func RetryHeld(ctx context.Context, c *Config) ([]Outcome, error) {
	held, err := c.Store.QuarantineList(ctx)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, q := range held {
		files = append(files, q.File)
	}
	if len(files) == 0 {
		return nil, nil
	}
	return Import(ctx, c, files, nil)
}

// Accept records that a person reviewed the held bundle whose manifest
// hashes to hash and accepts it, then imports it again: the checks a
// person may overrule (reviewable: a budget, a jump in numbers, a second
// installation of the unit, a clock far ahead) let it in; any other fault
// keeps it held. by names the person, for the record.
func Accept(ctx context.Context, c *Config, hash, by string) (Outcome, error) {
	q, err := c.Store.Held(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return Outcome{}, fmt.Errorf("%w: %s", ErrNotAccepted, hash)
	}
	if err != nil {
		return Outcome{}, err
	}
	if err := c.Store.AcceptHeld(ctx, hash, by); err != nil {
		return Outcome{}, err
	}
	out, err := Import(ctx, c, []string{q.File}, nil)
	if err != nil || len(out) == 0 {
		return Outcome{}, err
	}
	return out[0], nil
}
