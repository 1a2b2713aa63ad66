//go:build race

package hub_test

// raceOn: the race detector slows everything several times; the tests of
// scale run smaller under it (they look for data races, not throughput).
const raceOn = true
