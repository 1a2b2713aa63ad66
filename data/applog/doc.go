// Package applog is the programs' log: a file beside the database, in
// logs/, written by log/slog in its text form through a Writer that caps
// its size and keeps a few older files. The desktop app and the command line
// each write their own file, readable by the user only.
//
// The log holds every error in full and the main events (start, import,
// export, upload, backup, restore), and never personal data: its handler
// masks, in every message, error and text value, what is quoted ("…",
// «…», where the app's errors put the values a person typed or a file
// held) and every run of nine or more digits (CCCD and phone numbers).
// Callers log counts, kinds, file names and unit codes, never a record's
// fields. The package imports nothing of the app, so that any program and
// package can use it.
package applog
