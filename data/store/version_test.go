package store

import (
	"reflect"
	"testing"
)

func TestCompact(t *testing.T) {
	a := FieldVersion{Ver: Version{3, "a"}}
	b := FieldVersion{Ver: Version{5, "b"}, Base: Version{3, "a"}}
	sup := FieldVersion{Ver: Version{6, "a"}, Sup: []Version{{5, "b"}}}
	tests := []struct {
		name string
		fv   []FieldVersion
		def  FieldVersion
		over map[int]FieldVersion
	}{
		{"written together", []FieldVersion{a, a, a}, a, nil},
		{"one field edited", []FieldVersion{a, b, a}, a, map[int]FieldVersion{1: b}},
		{"a tie goes to the newest", []FieldVersion{a, b}, b, map[int]FieldVersion{0: a}},
		{"a resolution is never the default", []FieldVersion{sup, sup, a}, a, map[int]FieldVersion{0: sup, 1: sup}},
		{"all resolutions", []FieldVersion{sup, sup}, FieldVersion{}, map[int]FieldVersion{0: sup, 1: sup}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			def, over := Compact(tc.fv)
			if !reflect.DeepEqual(def, tc.def) || !reflect.DeepEqual(over, tc.over) {
				t.Fatalf("Compact = %v, %v; want %v, %v", def, over, tc.def, tc.over)
			}
			if back := Expand(len(tc.fv), def, over); !reflect.DeepEqual(back, tc.fv) {
				t.Fatalf("Expand gives %v, want %v", back, tc.fv)
			}
		})
	}
}
