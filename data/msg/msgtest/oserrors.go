// Package msgtest holds what the tests of the programs share about the
// sentences of errors: the system's and the network's errors of each class,
// made for real where a test can (a missing file, a refused connection, an
// untrusted certificate), with the exact sentence each must read as.
package msgtest

import (
	"archive/zip"
	"context"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Case is one error and what people read for it, in each language.
type Case struct {
	Name   string
	Err    error
	Vi, En string
}

// OSErrors are the system's and the network's errors of each class as the
// programs meet them, with the sentence each reads as: data/msg checks its
// sentences, the ui and the command line run the same table through their
// reporting.
func OSErrors(t testing.TB) []Case {
	t.Helper()
	dir := t.TempDir()
	_, notFound := os.Open(filepath.Join(dir, "usb", "xa-dong-hoa.khb"))
	junk := filepath.Join(dir, "so.xlsx")
	if err := os.WriteFile(junk, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, notZip := zip.OpenReader(junk)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, refused := http.Get("http://" + addr + "/v1/health")
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	_, badCert := http.Get(srv.URL) // the default client does not trust the test's certificate
	at := func(op string, errno syscall.Errno) error {
		return &fs.PathError{Op: op, Path: `E:\bao-cao.xlsx`, Err: errno}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return []Case{
		{"not found", notFound,
			"không tìm thấy tệp hoặc thư mục (USB đã rút ra, hoặc tệp đã bị chuyển đi?) (" + filepath.Join(dir, "usb", "xa-dong-hoa.khb") + ")",
			"no such file or folder (was the stick pulled out, or the file moved?) (" + filepath.Join(dir, "usb", "xa-dong-hoa.khb") + ")"},
		{"permission", at("open", syscall.EACCES),
			`không có quyền đọc hoặc ghi ở đây: hãy chọn thư mục khác (ví dụ Tài liệu) (E:\bao-cao.xlsx)`,
			`no permission to read or write here: choose another folder (such as Documents) (E:\bao-cao.xlsx)`},
		{"disk full", at("write", syscall.ENOSPC),
			`ổ đĩa đã đầy: hãy xóa bớt tệp hoặc chọn ổ khác (E:\bao-cao.xlsx)`,
			`the disk is full: free some space or choose another drive (E:\bao-cao.xlsx)`},
		{"read-only stick", at("open", syscall.EROFS),
			`ổ đĩa chỉ cho đọc, không ghi được (USB đang gạt khóa chống ghi?): hãy mở khóa hoặc chọn nơi khác (E:\bao-cao.xlsx)`,
			`the drive is read-only (a write-protected stick?): unlock it or choose another place (E:\bao-cao.xlsx)`},
		{"file in use", at("open", syscall.ETXTBSY),
			`tệp đang được một chương trình khác mở (Excel?): hãy đóng chương trình đó rồi thử lại (E:\bao-cao.xlsx)`,
			`the file is open in another program (Excel?): close it and try again (E:\bao-cao.xlsx)`},
		{"stick pulled out", at("read", syscall.EIO),
			`không đọc ghi được ổ đĩa (USB bị rút ra hoặc bị hỏng?): hãy cắm lại rồi thử lại (E:\bao-cao.xlsx)`,
			`the drive cannot be read or written (a stick pulled out or failing?): plug it in again and try again (E:\bao-cao.xlsx)`},
		{"not a zip", notZip, "tệp nén bị hỏng hoặc không phải tệp nén", "the compressed file is damaged or not one"},
		{"refused", refused,
			"máy chủ từ chối kết nối (chương trình máy chủ chưa chạy, hoặc sai cổng) (" + addr + ")",
			"the server refused the connection (it is not running, or the port is wrong) (" + addr + ")"},
		{"DNS", &url.Error{Op: "Get", URL: "https://hub.invalid/v1/health", Err: &net.OpError{Op: "dial", Net: "tcp",
			Err: &net.DNSError{Err: "no such host", Name: "hub.invalid", IsNotFound: true}}},
			"không tìm thấy máy chủ có tên này: hãy kiểm tra địa chỉ và kết nối mạng (hub.invalid)",
			"no server by that name: check the address and the network connection (hub.invalid)"},
		{"timeout", &url.Error{Op: "Get", URL: "https://hub.example.vn/v1/health", Err: &net.OpError{Op: "dial", Net: "tcp",
			Err: os.ErrDeadlineExceeded}},
			"máy chủ không trả lời kịp (mạng chậm hoặc mất kết nối) (hub.example.vn)",
			"the server did not answer in time (a slow or lost connection) (hub.example.vn)"},
		{"TLS", badCert,
			"không lập được kết nối an toàn (https): chứng chỉ của máy chủ không hợp lệ, hoặc đồng hồ của máy tính này sai ngày giờ (" + srv.Listener.Addr().String() + ")",
			"no secure (https) connection: the server's certificate is not valid, or this computer's clock is wrong (" + srv.Listener.Addr().String() + ")"},
		{"cancelled", ctx.Err(), "đã dừng theo yêu cầu", "stopped as asked"},
	}
}
