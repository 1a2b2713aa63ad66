package wire

import "encoding/json"

// FormatLogin tags the login statement.
const FormatLogin = "khauth/1"

// login is the statement a unit signs to log in; the member order is the
// canonical order.
type login struct {
	Format string `json:"format"`
	Hub    string `json:"hub"`    // the hub's key id: a statement for one hub is worthless at another
	Unit   string `json:"unit"`   // "list:code"
	KeyID  string `json:"key_id"` // the unit's signing key id
	Nonce  string `json:"nonce"`  // the hub's challenge
}

// LoginMessage returns the exact bytes a unit signs to answer a challenge:
// one line of JSON and a newline. Both sides build it from the same
// values; the hub never parses a statement the client wrote.
func LoginMessage(hubKeyID, unit, keyID, nonce string) []byte {
	b, _ := json.Marshal(login{Format: FormatLogin, Hub: hubKeyID, Unit: unit, KeyID: keyID, Nonce: nonce})
	return append(b, '\n')
}

// LoginComment is the trusted comment of the login signature.
func LoginComment(unit string) string { return FormatLogin + " " + unit }
