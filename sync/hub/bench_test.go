package hub_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/hubtest"
	"sokhuyenhoc/sync/keys"
)

// The hub's benchmarks, run on each storage like the tests (make
// bench-hub; docs/benchmarks.md). Each reports its figure beside what the
// storage alone gives the same clients in the same run: the ceiling.

// BenchmarkHub_Uploads50Clients: 50 communes upload 20 small bundles each
// at once (login, then each upload: stage, verify, commit, index, receipt).
// The baseline writes the same bytes straight to the storage from 50
// goroutines: files written and synced, or S3 PUTs, with no hub.
func BenchmarkHub_Uploads50Clients(b *testing.B) {
	const clients, each = 50, 20
	ids, parents := communesOf(b, clients)
	var trust []keys.PublicKey
	for _, id := range ids {
		trust = append(trust, id.Public())
	}
	bodies := make([][][]byte, clients)
	for n, id := range ids {
		for seq := range each {
			bodies[n] = append(bodies[n], seal(b, id, parents[n], int64(seq+1), 20))
		}
	}
	for b.Loop() {
		th := startHub(b, hub.Config{Trust: trust})
		start := time.Now()
		var wg sync.WaitGroup
		var failed atomic.Int64
		for n := range ids {
			wg.Go(func() {
				for _, body := range bodies[n] {
					if a := th.upload(body); a.status != http.StatusCreated {
						failed.Add(1)
					}
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		if failed.Load() > 0 {
			b.Fatalf("%d uploads failed", failed.Load())
		}
		th.shutdown()
		base := baselineWrites(b, bodies)
		b.ReportMetric(float64(clients*each)/elapsed.Seconds(), "uploads/s")
		b.ReportMetric(float64(clients*each)/base.Seconds(), "storage-alone-writes/s")
		b.Logf("%s: %d uploads of %d bytes from %d clients in %v (%.0f/s); the storage alone: %v (%.0f/s)",
			current.name(), clients*each, len(bodies[0][0]), clients, elapsed.Round(time.Millisecond),
			float64(clients*each)/elapsed.Seconds(), base.Round(time.Millisecond), float64(clients*each)/base.Seconds())
	}
}

// baselineWrites writes every body straight to the storage, 50 writers at
// once: a synced file each in a folder, or an S3 PUT each.
func baselineWrites(b *testing.B, bodies [][][]byte) time.Duration {
	dir := b.TempDir()
	var put func(name string, body []byte) error
	if rb, ok := current.(*remoteBackend); ok {
		c := hubtest.S3Client(rb.srv.S3Endpoint)
		prefix := rb.hubFor(b, dir).prefix
		put = func(name string, body []byte) error {
			return hubtest.PutErr(c, prefix+"/base/"+name, body)
		}
	} else {
		put = func(name string, body []byte) error {
			f, err := os.Create(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			if _, err := f.Write(body); err != nil {
				return err
			}
			if err := f.Sync(); err != nil {
				return err
			}
			return f.Close()
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	for _, list := range bodies {
		wg.Go(func() {
			for _, body := range list {
				if err := put(shaHex(body), body); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// BenchmarkHub_LargestBundleStreams: one bundle of the size limit (256
// MiB) is uploaded from a file; the hub's heap is sampled every 10 ms
// while it streams, is verified and is committed. The baseline copies the
// same file to the storage (cp and sync, or one S3 upload in parts).
func BenchmarkHub_LargestBundleStreams(b *testing.B) {
	size := int64(hub.DefaultMaxBody) - 3<<20 // the bundle itself comes out about 1 MiB larger: just under the cap
	if s := os.Getenv("KH_BENCH_LARGE_MIB"); s != "" {
		var mib int64
		fmt.Sscan(s, &mib)
		size = mib << 20
	}
	c := mustID(b, communeA, keys.LevelCommune)
	path := filepath.Join(b.TempDir(), "large.khb")
	sealToFile(b, c, district, 1, size, path)
	fi, _ := os.Stat(path)
	for b.Loop() {
		th := startHub(b, hub.Config{Trust: []keys.PublicKey{c.Public()}})
		token := th.tokenFor(nil)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		var peak atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, th.url+"/v1/bundles", f)
		req.ContentLength = fi.Size()
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		elapsed := time.Since(start)
		f.Close()
		close(stop)
		<-sampled
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("upload of %d bytes: %d", fi.Size(), resp.StatusCode)
		}
		th.shutdown()
		growth := int64(peak.Load()) - int64(before.HeapInuse)
		base := baselineCopy(b, path)
		mb := float64(fi.Size()) / 1e6
		b.ReportMetric(mb/elapsed.Seconds(), "MB/s")
		b.ReportMetric(float64(growth)/(1<<20), "heap-growth-MiB")
		b.ReportMetric(mb/base.Seconds(), "storage-alone-MB/s")
		b.Logf("%s: %d MB bundle uploaded in %v (%.0f MB/s), heap grew at most %.1f MiB (before %.1f MiB); "+
			"the storage alone: %v (%.0f MB/s)", current.name(), fi.Size()/1e6, elapsed.Round(time.Millisecond),
			mb/elapsed.Seconds(), float64(growth)/(1<<20), float64(before.HeapInuse)/(1<<20), base.Round(time.Millisecond), mb/base.Seconds())
	}
}

// baselineCopy stores a file's bytes with no hub: copied and synced into a
// folder, or put into the bucket in 16 MiB parts.
func baselineCopy(b *testing.B, path string) time.Duration {
	dir := b.TempDir()
	start := time.Now()
	if rb, ok := current.(*remoteBackend); ok {
		blobs, err := hub.OpenS3(context.Background(), "s3://"+hubtest.S3Bucket+"/"+rb.hubFor(b, dir).prefix, dir,
			hub.S3Options{Endpoint: rb.srv.S3Endpoint, AccessKey: hubtest.S3Access, SecretKey: hubtest.S3Secret})
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		st, _ := blobs.Stage()
		f, _ := os.Open(path)
		h := sha256.New()
		io.Copy(io.MultiWriter(st, h), f)
		f.Close()
		if err := blobs.Commit(context.Background(), st, hex.EncodeToString(h.Sum(nil))); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	src, _ := os.Open(path)
	dst, _ := os.Create(filepath.Join(dir, "copy"))
	io.Copy(dst, src)
	dst.Sync()
	dst.Close()
	src.Close()
	return time.Since(start)
}

// sealToFile writes a bundle of about size bytes (incompressible notes) to
// path, streaming: neither the rows nor the bundle are held in memory.
func sealToFile(tb testing.TB, id *keys.Identity, to units.Ref, seq, size int64, path string) {
	out, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer out.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), "payload")
	if err != nil {
		tb.Fatal(err)
	}
	defer tmp.Close()
	upstream, _ := age.GenerateX25519Identity()
	const note = 3000
	rows := size / (note * 3 / 4)
	buf := make([]byte, note*3/4)
	_, err = bundle.Seal(out, tmp, bundle.Manifest{To: to, Seq: seq, Created: testNow}, id, []age.Recipient{upstream.Recipient()},
		func(pw *bundle.PayloadWriter) error {
			if err := pw.Table(bundle.Table{Kind: "citizen", Cols: []string{"ho_ten", "id_number", "note"}}); err != nil {
				return err
			}
			for i := range rows {
				rand.Read(buf)
				r := bundle.Row{ID: "0190f3a2-7c4e-7d8a-9b1c-" + hex12(int(i)), Unit: id.Unit.String(),
					Ver: bundle.Version{L: i + 1, S: id.Site}, Values: []any{plainName, plainCCCD, base64.StdEncoding.EncodeToString(buf)}}
				if err := pw.Row(r); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		tb.Fatal(err)
	}
}
