package store

import (
	"context"
	"database/sql"
	"strings"

	"sokhuyenhoc/data"
)

// Criteria sets a unit installed (table criteria_set) beside those that
// ship, and the set in use per model (meta "criteria:<model>"). Installed
// sets are never replaced: a version, once scored against, keeps its
// criteria, so a newer set never rewrites an older result.

// metaCriteria is the meta key of a model's set in use.
func metaCriteria(model string) string { return "criteria:" + model }

// Catalog returns the criteria sets this installation knows: the shipped
// ones, those installed here, and the set in use for each model.
func (s *Store) Catalog(ctx context.Context) (*data.Catalog, error) {
	c := data.Shipped()
	rows, err := s.r.QueryContext(ctx, "SELECT model, version, body FROM criteria_set ORDER BY model, version")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var model, version, body string
		if err := rows.Scan(&model, &version, &body); err != nil {
			return nil, err
		}
		set, err := data.ParseCriteriaSet(strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		if err := c.Add(set); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, o := range data.Models.Options {
		v, err := s.Meta(ctx, metaCriteria(o.Code))
		if err != nil {
			return nil, err
		}
		if v != "" {
			if err := c.Use(o.Code, v); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// InstallCriteria adds a set to this installation; with use, it becomes
// the set in use for its model. Installing the same set again changes
// nothing; another set under a version already known is refused
// (data.ErrSetTaken). source names where it came from (a file's name).
func (s *Store) InstallCriteria(ctx context.Context, set *data.CriteriaSet, source string, use bool) error {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	if err := cat.Add(set); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		if !data.IsShipped(set) {
			_, err := tx.ExecContext(ctx, `INSERT INTO criteria_set(model, version, body, sha256, installed_at, source)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(model, version) DO NOTHING`,
				set.Model, set.Version, string(set.JSON()), set.Sum(), s.stamp(), source)
			if err != nil {
				return err
			}
		}
		if use {
			return setMeta(ctx, tx, metaCriteria(set.Model), set.Version)
		}
		return nil
	})
}

// UseCriteria makes a known version the set new assessments of its model
// are scored against.
func (s *Store) UseCriteria(ctx context.Context, model, version string) error {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	if err := cat.Use(model, version); err != nil {
		return err
	}
	return s.SetMeta(ctx, metaCriteria(model), version)
}
