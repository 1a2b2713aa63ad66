package upload_test

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/upload"
)

// Huyện Đông Hưng (Thái Bình, list 2024) and two of its communes.
var (
	district = units.Ref{List: "2024", Code: "340"}
	communeA = units.Ref{List: "2024", Code: "12694"}
	communeB = units.Ref{List: "2024", Code: "12700"}
)

// install is a real installation in a temporary folder.
type install struct {
	t   *testing.T
	ex  *exchange.Config
	id  *keys.Identity
	key []byte
	dir string
}

func newInstall(t *testing.T, level string, unit units.Ref) *install {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "k.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := setup.Init(context.Background(), st, units.Default(),
		setup.Params{Level: level, Unit: unit, Operator: "test", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	key, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	ex := &exchange.Config{Store: st, Units: units.Default(), Outbox: filepath.Join(dir, "outbox"), Held: filepath.Join(dir, "held")}
	return &install{t: t, ex: ex, id: id, key: key, dir: dir}
}

// link makes up the unit above of down and enrols down there.
func link(t *testing.T, up, down *install) {
	t.Helper()
	ctx := context.Background()
	if _, err := setup.SetUpstream(ctx, down.ex.Store, units.Default(), up.key); err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Trust(ctx, up.ex.Store, units.Default(), down.key, ""); err != nil {
		t.Fatal(err)
	}
}

// fill writes n citizens (with name and CCCD), a centre, an award, a fund
// line and the adult population for 2026.
func (in *install) fill(n int, seed int64) {
	in.t.Helper()
	unit := in.id.Unit.String()
	err := in.ex.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		for k := 0; k < n; k++ {
			c := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Nguyễn Thị", Ten: fmt.Sprintf("Hằng%d", k),
				Gender: "nu", BirthYear: 1985, IDNumber: fmt.Sprintf("034185%06d", k+int(seed)*1000)}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: unit, Year: 2026, Result: "dat", Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		ce := &data.Centre{Unit: unit, Name: "TTHTCĐ " + unit, Status: "hoat_dong"}
		if _, err := e.SaveCentre(ce); err != nil {
			return err
		}
		if _, err := e.SaveCentreYear(&data.CentreYear{CentreID: ce.ID, Unit: unit, Year: 2026, Classes: seed, LearnerTimes: 10 * seed, Rating: "tot", Status: "hoat_dong"}); err != nil {
			return err
		}
		a := &data.Award{Unit: unit, Person: data.Person{HoDem: "Lê", Ten: "Em", BirthDate: data.Date{Y: 2012, M: 1, D: 2}},
			AwardType: "hoc_bong_vuot_kho", AmountVND: seed * 100000, AwardedOn: data.Date{Y: 2026, M: 9, D: 5}, Guardian: "Lê Văn Bố"}
		if _, err := e.SaveAward(a); err != nil {
			return err
		}
		if _, err := e.SaveFund(&data.FundLine{Unit: unit, Date: data.Date{Y: 2026, M: 1, D: 5}, Direction: "thu", AmountVND: seed * 1000000}); err != nil {
			return err
		}
		_, err := e.SaveProfile(&data.Profile{Unit: unit, Year: 2026, Adults: 1000 * seed})
		return err
	})
	if err != nil {
		in.t.Fatal(err)
	}
}

func (in *install) report(area units.Ref) *report.Report {
	in.t.Helper()
	r, err := report.Build(context.Background(), in.ex.Store, units.Default(), area, 2026, nil)
	if err != nil {
		in.t.Fatal(err)
	}
	return r
}

// connect makes a client of the hub at url, pinning its key.
func (in *install) connect(url string) *upload.Client {
	in.t.Helper()
	c, err := upload.Connect(context.Background(), in.ex.Store, upload.ConnectOptions{URL: url})
	if err != nil {
		in.t.Fatal(err)
	}
	return c
}

// loopHub is a hub served on a fixed loopback address, which can be
// stopped and started again on the same folder.
type loopHub struct {
	t    *testing.T
	cfg  hub.Config
	addr string
	h    *hub.Hub
	stop context.CancelFunc
	done chan error
}

func newHub(t *testing.T, trust ...*install) *loopHub {
	t.Helper()
	cfg := hub.Config{Dir: t.TempDir()}
	for _, in := range trust {
		cfg.Trust = append(cfg.Trust, in.id.Public())
	}
	lh := &loopHub{t: t, cfg: cfg, addr: "127.0.0.1:0"}
	lh.start()
	t.Cleanup(lh.shutdown)
	return lh
}

func (lh *loopHub) url() string { return "http://" + lh.addr }

func (lh *loopHub) start() {
	lh.t.Helper()
	h, err := hub.Open(context.Background(), lh.cfg)
	if err != nil {
		lh.t.Fatal(err)
	}
	ln, err := net.Listen("tcp", lh.addr)
	for n := 0; err != nil && n < 100; n++ {
		time.Sleep(20 * time.Millisecond)
		ln, err = net.Listen("tcp", lh.addr)
	}
	if err != nil {
		lh.t.Fatal(err)
	}
	lh.h, lh.addr = h, ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	lh.stop, lh.done = cancel, make(chan error, 1)
	go func() { lh.done <- h.Serve(ctx, ln, "", "") }()
}

func (lh *loopHub) shutdown() {
	if lh.stop == nil {
		return
	}
	lh.stop()
	<-lh.done
	lh.h.Close()
	lh.stop = nil
}
