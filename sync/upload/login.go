package upload

import (
	"context"
	"fmt"
	"net/http"

	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// Login proves to the hub that this installation holds its unit's key: it
// signs the hub's nonce (with the hub's key id, so the statement is worth
// nothing at another hub) and keeps the token the hub gives back.
// ErrLogin when the hub does not trust the key.
func (c *Client) Login(ctx context.Context, id *keys.Identity) error {
	if c.key.IsZero() {
		return fmt.Errorf("%w: no hub key pinned", ErrLogin)
	}
	pub := id.Public()
	unit, keyID := pub.Unit.String(), pub.KeyIDString()
	var ch wire.Challenge
	if err := c.call(ctx, http.MethodPost, wire.PathChallenge, wire.ChallengeRequest{Unit: unit, KeyID: keyID}, &ch, false); err != nil {
		return err
	}
	sig, err := id.Sign(wire.LoginMessage(c.key.KeyID(), unit, keyID, ch.Nonce), wire.LoginComment(unit))
	if err != nil {
		return err
	}
	var tok wire.Token
	req := wire.TokenRequest{Unit: unit, KeyID: keyID, Nonce: ch.Nonce, Signature: string(sig)}
	if err := c.call(ctx, http.MethodPost, wire.PathToken, req, &tok, false); err != nil {
		return err
	}
	c.token, c.id = tok.Token, id
	return nil
}
