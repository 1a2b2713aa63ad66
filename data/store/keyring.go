package store

import "sync"

// keyring keeps this installation's secret keys in memory once the
// passphrase opened them (sync/setup), with the passphrase itself, which
// seals the keys a rotation makes, and how to ask for it. Nothing of it is
// ever written: the database holds the keys sealed (MetaIdentity).
type keyring struct {
	mu    sync.Mutex
	clear string                 // the keys' backup text, "" while locked
	pass  []byte                 // the passphrase that opened them
	ask   func() ([]byte, error) // asks for the passphrase; nil: nobody to ask
}

// SetPassphrasePrompt sets how the keys' passphrase is asked for the first
// time a program needs them (a dialog, a terminal, a file named on the
// command line).
func (s *Store) SetPassphrasePrompt(ask func() ([]byte, error)) {
	s.keys.mu.Lock()
	s.keys.ask = ask
	s.keys.mu.Unlock()
}

// PassphrasePrompt returns it (nil when none was set).
func (s *Store) PassphrasePrompt() func() ([]byte, error) {
	s.keys.mu.Lock()
	defer s.keys.mu.Unlock()
	return s.keys.ask
}

// KeepUnlocked keeps the opened keys and their passphrase in memory.
func (s *Store) KeepUnlocked(clear string, pass []byte) {
	s.keys.mu.Lock()
	s.keys.clear, s.keys.pass = clear, append([]byte(nil), pass...)
	s.keys.mu.Unlock()
}

// Unlocked returns the opened keys and their passphrase ("" and nil while
// locked).
func (s *Store) Unlocked() (string, []byte) {
	s.keys.mu.Lock()
	defer s.keys.mu.Unlock()
	return s.keys.clear, s.keys.pass
}
