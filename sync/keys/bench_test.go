package keys_test

import (
	"testing"

	"sokhuyenhoc/sync/keys"
)

func BenchmarkFingerprint(b *testing.B) {
	pub := MustGenerate(b, communeUnit, keys.LevelCommune, "Xã A").Public()
	for b.Loop() {
		_ = pub.Fingerprint()
	}
}
