package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// decodeObject decodes one JSON object strictly: no duplicate keys, no
// unknown members, no null, nothing after it.
func decodeObject(b []byte, v any) error {
	if err := checkJSON(b, false); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// decodeRow decodes [id, unit, ver, base, values(, overrides)] and validates
// it against t.
func decodeRow(b []byte, t *Table) (Row, error) {
	var els []json.RawMessage
	if err := json.Unmarshal(b, &els); err != nil {
		return Row{}, err
	}
	if len(els) != 5 && len(els) != 6 {
		return Row{}, fmt.Errorf("row has %d elements, want 5 or 6", len(els))
	}
	var r Row
	var errs [6]error
	r.ID, errs[0] = rawString(els[0])
	r.Unit, errs[1] = rawString(els[1])
	r.Ver, errs[2] = rawVersion(els[2], false)
	r.Base, errs[3] = rawVersion(els[3], true)
	r.Values, errs[4] = rawValues(els[4])
	if len(els) == 6 {
		r.Overrides, errs[5] = rawOverrides(els[5])
	}
	if err := errors.Join(errs[:]...); err != nil {
		return Row{}, err
	}
	return r, r.validate(t)
}

// rawString decodes a JSON string that json.Unmarshal already validated (as
// part of its line, itself valid UTF-8); without escapes it is the bytes
// between the quotes.
func rawString(raw json.RawMessage) (string, error) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", fmt.Errorf("want a string, got %.20s", raw)
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// rawInt parses a JSON integer literal (no fraction, no exponent) into int64.
func rawInt(raw json.RawMessage) (int64, error) {
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, fmt.Errorf("want an integer, got %.20s", raw)
	}
	return n, nil
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// rawVersion parses [lamport, "site"], or null when nullable.
func rawVersion(raw json.RawMessage, nullable bool) (Version, error) {
	if nullable && isNull(raw) {
		return Version{}, nil
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
		return Version{}, fmt.Errorf("version %.40s is not [lamport, site]", raw)
	}
	l, err1 := rawInt(pair[0])
	s, err2 := rawString(pair[1])
	v := Version{L: l, S: s}
	if err := errors.Join(err1, err2); err != nil {
		return Version{}, err
	}
	return v, v.validate(false)
}

// rawValues parses an array of strings, integers and nulls.
func rawValues(raw json.RawMessage) ([]any, error) {
	var els []json.RawMessage
	if err := json.Unmarshal(raw, &els); err != nil || els == nil {
		return nil, fmt.Errorf("values %.40s is not an array", raw)
	}
	out := make([]any, len(els))
	for i, el := range els {
		var err error
		switch {
		case isNull(el):
		case el[0] == '"':
			out[i], err = rawString(el)
		default:
			out[i], err = rawInt(el)
		}
		if err != nil {
			return nil, fmt.Errorf("value %d: %v", i, err)
		}
	}
	return out, nil
}

// rawOverrides parses {"col":[l,"s",bl|null,"bs"|null,[[l,"s"],…]]}.
func rawOverrides(raw json.RawMessage) (map[string]FieldVersion, error) {
	if err := checkJSON(raw, true); err != nil {
		return nil, err
	}
	var m map[string][]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, fmt.Errorf("overrides %.40s is not an object of arrays", raw)
	}
	out := make(map[string]FieldVersion, len(m))
	for col, els := range m {
		fv, err := rawFieldVersion(els)
		if err != nil {
			return nil, fmt.Errorf("override %q: %v", col, err)
		}
		out[col] = fv
	}
	return out, nil
}

func rawFieldVersion(els []json.RawMessage) (FieldVersion, error) {
	if len(els) != 5 {
		return FieldVersion{}, fmt.Errorf("%d elements, want 5", len(els))
	}
	ver, err := rawVersion(json.RawMessage("["+string(els[0])+","+string(els[1])+"]"), false)
	if err != nil {
		return FieldVersion{}, err
	}
	var base Version
	if !isNull(els[2]) || !isNull(els[3]) {
		if base, err = rawVersion(json.RawMessage("["+string(els[2])+","+string(els[3])+"]"), false); err != nil {
			return FieldVersion{}, fmt.Errorf("base: %v", err)
		}
	}
	var sups []json.RawMessage
	if err := json.Unmarshal(els[4], &sups); err != nil || sups == nil {
		return FieldVersion{}, errors.New("supersedes is not an array")
	}
	fv := FieldVersion{Ver: ver, Base: base, Sup: make([]Version, len(sups))}
	for i, s := range sups {
		if fv.Sup[i], err = rawVersion(s, false); err != nil {
			return FieldVersion{}, fmt.Errorf("supersedes: %v", err)
		}
	}
	return fv, nil
}

// checkJSON walks b's tokens: exactly one value, no duplicate object keys,
// null only where allowed.
func checkJSON(b []byte, allowNull bool) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := walkValue(dec, 0, allowNull); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON value")
	}
	return nil
}

const maxDepth = 16

func walkValue(dec *json.Decoder, depth int, allowNull bool) error {
	if depth > maxDepth {
		return errors.New("JSON nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			if key := k.(string); seen[key] {
				return fmt.Errorf("duplicate key %q", key)
			} else {
				seen[key] = true
			}
			if err := walkValue(dec, depth+1, allowNull); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case json.Delim('['):
		for dec.More() {
			if err := walkValue(dec, depth+1, allowNull); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case nil:
		if !allowNull {
			err = errors.New("null is not allowed here")
		}
	}
	return err
}
