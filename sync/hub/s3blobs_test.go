package hub_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/hubtest"
)

// s3Only skips a test of the S3 store itself on the folder pass.
func s3Only(t *testing.T) *remoteBackend {
	rb, ok := current.(*remoteBackend)
	if !ok {
		t.Skipf("a test of the S3 store; this pass is on %s (the next is on postgres+s3)", current.name())
	}
	return rb
}

func openTestS3(t *testing.T, rb *remoteBackend, o hub.S3Options) (hub.Blobs, string) {
	dir := t.TempDir()
	prefix := rb.hubFor(t, dir).prefix
	o.Endpoint, o.AccessKey, o.SecretKey = rb.srv.S3Endpoint, hubtest.S3Access, hubtest.S3Secret
	b, err := hub.OpenS3(context.Background(), "s3://"+hubtest.S3Bucket+"/"+prefix, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return b, dir
}

func stage(t *testing.T, b hub.Blobs, body []byte) hub.Staged {
	st, err := b.Stage()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(body); err != nil {
		t.Fatal(err)
	}
	return st
}

func shaHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// A conditional write never replaces an object: committing other bytes
// under a name that exists is "already there" and the object keeps its
// bytes. Bytes whose SHA-256 is not their name are refused by the store
// itself (the checksum sent), and nothing is stored.
func TestS3_ConditionalWriteAndChecksum(t *testing.T) {
	rb := s3Only(t)
	b, dir := openTestS3(t, rb, hub.S3Options{})
	ctx := context.Background()
	first := []byte("the first bundle's bytes")
	name := shaHex(first)
	if err := b.Commit(ctx, stage(t, b, first), name); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(ctx, stage(t, b, first), name); err != nil {
		t.Fatalf("committing the same object again: %v", err)
	}
	wrong := []byte("other bytes, claiming the name of the first")
	if err := b.Commit(ctx, stage(t, b, wrong), name); err != nil {
		t.Fatalf("an existing name: %v", err)
	}
	if got := rb.object(t, dir, name+".khb"); !bytes.Equal(got, first) {
		t.Fatalf("the object was replaced: %q", got)
	}
	liar := shaHex([]byte("what the bytes are not"))
	if err := b.Commit(ctx, stage(t, b, wrong), liar); err == nil {
		t.Fatal("bytes whose SHA-256 is not their name were stored")
	}
	if got := rb.objects(t, dir); len(got) != 1 {
		t.Fatalf("objects after a refused checksum: %v", got)
	}
	if _, err := b.OpenBlob(ctx, liar); !errors.Is(err, hub.ErrNotFound) {
		t.Fatalf("open a missing object: %v", err)
	}
}

// Above the threshold an object goes up in parts, each checked; it reads
// back whole and from any offset (a resumed download).
func TestS3_MultipartAndRangedReads(t *testing.T) {
	rb := s3Only(t)
	b, dir := openTestS3(t, rb, hub.S3Options{MultipartAbove: 1 << 20, PartSize: 5 << 20})
	ctx := context.Background()
	body := make([]byte, 11<<20+12345) // three parts
	rand.Read(body)
	name := shaHex(body)
	if err := b.Commit(ctx, stage(t, b, body), name); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(ctx, stage(t, b, body), name); err != nil {
		t.Fatalf("a second multipart commit of the same object: %v", err)
	}
	if got := rb.object(t, dir, name+".khb"); !bytes.Equal(got, body) {
		t.Fatal("the multipart object differs from what was sent")
	}
	blob, err := b.OpenBlob(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer blob.Close()
	if blob.Size() != int64(len(body)) {
		t.Fatalf("size %d", blob.Size())
	}
	for _, off := range []int64{0, 1, 5<<20 - 1, 5 << 20, int64(len(body)) - 1} {
		if _, err := blob.Seek(off, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(io.LimitReader(blob, 70000))
		if err != nil || !bytes.Equal(got, body[off:min(off+70000, int64(len(body)))]) {
			t.Fatalf("read from %d: %d bytes, %v", off, len(got), err)
		}
	}
	var names []string
	if err := b.Walk(ctx, func(sha string) error { names = append(names, sha); return nil }); err != nil || len(names) != 1 || names[0] != name {
		t.Fatalf("walk: %v %v", names, err)
	}
}
