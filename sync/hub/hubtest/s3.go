package hubtest

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// S3Client is a client of the test server.
func S3Client(endpoint string) *s3.Client {
	return s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(S3Access, S3Secret, ""), Logger: logging.Nop{}})
}

func createBucket(ctx context.Context, endpoint string) error {
	_, err := S3Client(endpoint).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(S3Bucket)})
	return err
}

// Keys lists the keys under a prefix.
func Keys(t testing.TB, endpoint, prefix string) []string {
	t.Helper()
	var out []string
	p := s3.NewListObjectsV2Paginator(S3Client(endpoint), &s3.ListObjectsV2Input{Bucket: aws.String(S3Bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out = append(out, aws.ToString(o.Key))
		}
	}
	return out
}

// Get reads an object.
func Get(t testing.TB, endpoint, key string) []byte {
	t.Helper()
	res, err := S3Client(endpoint).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(S3Bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Put writes an object directly, unconditionally (a corrupted copy).
func Put(t testing.TB, endpoint, key string, b []byte) {
	t.Helper()
	if _, err := S3Client(endpoint).PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(S3Bucket),
		Key: aws.String(key), Body: bytes.NewReader(b)}); err != nil {
		t.Fatal(err)
	}
}

// PutErr writes an object with a client, unconditionally.
func PutErr(c *s3.Client, key string, b []byte) error {
	_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(S3Bucket), Key: aws.String(key),
		Body: bytes.NewReader(b)})
	return err
}
