package hub

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

// S3Options say how to reach an S3-compatible store. Empty fields come
// from the standard AWS environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL_S3,
// AWS_PROFILE and the shared files).
type S3Options struct {
	Endpoint       string // e.g. http://127.0.0.1:7070; AWS itself when empty
	Region         string // "us-east-1" when neither given nor in the environment
	AccessKey      string // with SecretKey: static credentials
	SecretKey      string
	VirtualHosts   bool  // bucket.endpoint addressing; path style (endpoint/bucket) by default
	MultipartAbove int64 // bodies above this go up in parts (64 MiB when 0)
	PartSize       int64 // the size of each part (16 MiB when 0)
}

// Defaults of S3Options.
const (
	DefaultMultipartAbove = 64 << 20
	DefaultPartSize       = 16 << 20
)

// s3Blobs keeps objects in a bucket, under prefix/bundles/ab/<sha256>.khb.
// Bodies are staged in the hub's tmp/ first, hashed and verified there;
// Commit then puts them with If-None-Match: * (an object there already is
// kept, never replaced) and their SHA-256, which the store checks.
type s3Blobs struct {
	staging
	c              *s3.Client
	bucket, prefix string
	multipartAbove int64
	partSize       int64
}

// OpenS3 opens the objects at s3://bucket/prefix; dir is the hub's
// folder, whose tmp/ stages incoming bodies.
func OpenS3(ctx context.Context, rawURL, dir string, o S3Options) (Blobs, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("hub: %q is not an s3://bucket/prefix address", rawURL)
	}
	st, err := openStaging(dir)
	if err != nil {
		return nil, err
	}
	var opts []func(*config.LoadOptions) error
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.AccessKey != "" || o.SecretKey != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(o.AccessKey, o.SecretKey, "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("hub: the object store's settings: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	c := s3.NewFromConfig(cfg, func(so *s3.Options) {
		if o.Endpoint != "" {
			so.BaseEndpoint = aws.String(o.Endpoint)
		}
		so.UsePathStyle = !o.VirtualHosts
		so.Logger = logging.Nop{} // the hub logs what matters itself
	})
	b := &s3Blobs{staging: st, c: c, bucket: u.Host, prefix: strings.Trim(u.Path, "/"),
		multipartAbove: o.MultipartAbove, partSize: o.PartSize}
	if b.multipartAbove <= 0 {
		b.multipartAbove = DefaultMultipartAbove
	}
	if b.partSize <= 0 {
		b.partSize = DefaultPartSize
	}
	return b, nil
}

func (b *s3Blobs) key(sha string) (string, error) {
	if len(sha) != 64 || !isLowerHex(sha) {
		return "", fmt.Errorf("%w: object name %q", ErrNotFound, sha)
	}
	return b.root() + sha[:2] + "/" + sha + ".khb", nil
}

// root is where the objects are: prefix/bundles/.
func (b *s3Blobs) root() string {
	if b.prefix == "" {
		return "bundles/"
	}
	return b.prefix + "/bundles/"
}

func (b *s3Blobs) PingBlobs(ctx context.Context) error {
	_, err := b.c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &b.bucket})
	return err
}

// Commit puts the staged, verified bytes under their name, conditionally.
// An object already there (412 Precondition Failed) is success: names are
// content addresses, so it holds these very bytes, and it is not replaced.
func (b *s3Blobs) Commit(ctx context.Context, s Staged, sha string) error {
	sf, ok := s.(stagedFile)
	if !ok {
		return fmt.Errorf("hub: staged by another storage: %T", s)
	}
	defer sf.Discard()
	key, err := b.key(sha)
	if err != nil {
		return err
	}
	fi, err := sf.Stat()
	if err != nil {
		return err
	}
	raw, err := hex.DecodeString(sha)
	if err != nil {
		return err
	}
	if fi.Size() > b.multipartAbove {
		err = b.putParts(ctx, sf.File, fi.Size(), key)
	} else {
		_, err = b.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b.bucket, Key: &key,
			Body: io.NewSectionReader(sf.File, 0, fi.Size()), ContentLength: aws.Int64(fi.Size()),
			ContentType: aws.String("application/octet-stream"), IfNoneMatch: aws.String("*"),
			ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
			ChecksumSHA256:    aws.String(base64.StdEncoding.EncodeToString(raw))})
	}
	if isStatus(err, 412) {
		return nil
	}
	return err
}

// putParts uploads a large body in parts, each with its SHA-256 (checked
// by the store), and completes it with If-None-Match: *. A failure aborts
// the upload: parts are never an object.
func (b *s3Blobs) putParts(ctx context.Context, f *os.File, size int64, key string) (err error) {
	mp, err := b.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b.bucket, Key: &key,
		ContentType: aws.String("application/octet-stream"), ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			b.c.AbortMultipartUpload(context.WithoutCancel(ctx), &s3.AbortMultipartUploadInput{Bucket: &b.bucket,
				Key: &key, UploadId: mp.UploadId})
		}
	}()
	var parts []types.CompletedPart
	for n, off := int32(1), int64(0); off < size; n, off = n+1, off+b.partSize {
		length := min(b.partSize, size-off)
		h := sha256.New()
		if _, err := io.Copy(h, io.NewSectionReader(f, off, length)); err != nil {
			return err
		}
		sum := base64.StdEncoding.EncodeToString(h.Sum(nil))
		res, err := b.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b.bucket, Key: &key, UploadId: mp.UploadId,
			PartNumber: aws.Int32(n), Body: io.NewSectionReader(f, off, length), ContentLength: aws.Int64(length),
			ChecksumAlgorithm: types.ChecksumAlgorithmSha256, ChecksumSHA256: aws.String(sum)})
		if err != nil {
			return err
		}
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(n), ETag: res.ETag, ChecksumSHA256: aws.String(sum)})
	}
	_, err = b.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b.bucket, Key: &key,
		UploadId: mp.UploadId, IfNoneMatch: aws.String("*"), MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	return err
}

// isStatus reports an S3 answer of that HTTP status.
func isStatus(err error, status int) bool {
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == status
}

// isNotFound reports a missing object.
func isNotFound(err error) bool {
	var ae smithy.APIError
	return isStatus(err, 404) || errors.As(err, &ae) && (ae.ErrorCode() == "NoSuchKey" || ae.ErrorCode() == "NotFound")
}

func (b *s3Blobs) OpenBlob(ctx context.Context, sha string) (Blob, error) {
	key, err := b.key(sha)
	if err != nil {
		return nil, err
	}
	head, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b.bucket, Key: &key})
	if isNotFound(err) {
		return nil, fmt.Errorf("%w: object %s", ErrNotFound, sha)
	}
	if err != nil {
		return nil, err
	}
	return &s3Blob{ctx: ctx, b: b, key: key, size: aws.ToInt64(head.ContentLength)}, nil
}

// s3Blob reads an object from any offset: a ranged GET from where the
// reader was sought to (http.ServeContent seeks to serve Range requests).
type s3Blob struct {
	ctx  context.Context
	b    *s3Blobs
	key  string
	size int64
	off  int64
	body io.ReadCloser
}

func (o *s3Blob) Size() int64 { return o.size }

func (o *s3Blob) Read(p []byte) (int, error) {
	if o.off >= o.size {
		return 0, io.EOF
	}
	if o.body == nil {
		res, err := o.b.c.GetObject(o.ctx, &s3.GetObjectInput{Bucket: &o.b.bucket, Key: &o.key,
			Range: aws.String(fmt.Sprintf("bytes=%d-", o.off))})
		if err != nil {
			return 0, err
		}
		o.body = res.Body
	}
	n, err := o.body.Read(p)
	o.off += int64(n)
	if err == io.EOF && o.off < o.size {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (o *s3Blob) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += o.off
	case io.SeekEnd:
		offset += o.size
	}
	if offset < 0 {
		return 0, errors.New("hub: seek before the start of an object")
	}
	if offset != o.off && o.body != nil {
		o.body.Close()
		o.body = nil
	}
	o.off = offset
	return offset, nil
}

func (o *s3Blob) Close() error {
	if o.body != nil {
		return o.body.Close()
	}
	return nil
}

// Walk lists the objects under the prefix, a page at a time.
func (b *s3Blobs) Walk(ctx context.Context, fn func(sha string) error) error {
	root := b.root()
	p := s3.NewListObjectsV2Paginator(b.c, &s3.ListObjectsV2Input{Bucket: &b.bucket, Prefix: aws.String(root)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, o := range page.Contents {
			rest := strings.TrimPrefix(aws.ToString(o.Key), root)
			dir, file, _ := strings.Cut(rest, "/")
			name, ok := strings.CutSuffix(file, ".khb")
			if !ok || len(name) != 64 || !isLowerHex(name) || dir != name[:2] {
				continue // not an object: left alone
			}
			if err := fn(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// Close has nothing to release.
func (b *s3Blobs) Close() error { return nil }
