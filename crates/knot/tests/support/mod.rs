//! A fresh SQLite file for one test and a way to run `knot` against it, shared by the CLI
//! tests that store records.

#![allow(dead_code)] // each test binary uses its own part of this

pub mod http;
pub mod serve;

use std::path::PathBuf;
use std::process::{Command, Output};

use tempfile::TempDir;

/// A temporary database file (`path`, not created until `knot` first writes it) and a way to
/// run `knot` against it.
pub struct TempDb {
    _dir: TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.db");
        TempDb { _dir: dir, path }
    }

    /// Runs `knot --db <this file> ARGS`, ignoring any `KNOT_DATABASE_URL` around the test.
    pub fn knot(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_knot"))
            .arg("--db")
            .arg(format!("sqlite:{}", self.path.display()))
            .args(args)
            .env_remove("KNOT_DATABASE_URL")
            .output()
            .expect("knot runs")
    }

    /// Runs a command that must succeed and gives its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.knot(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Takes the safety screening with every question answered calmly (nothing to warn of).
    pub fn screen_calmly(&self) {
        let flags = calm_flags(&[]);
        let mut args = vec!["screen"];
        args.extend(flags.iter().map(String::as_str));
        self.ok(&args);
    }

    /// Runs a command that must succeed and parses its stdout as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }
}

/// Runs `knot --db URL ARGS` with `env` set, ignoring `KNOT_DATABASE_URL` and
/// `KNOT_ADMIN_PASSWORD` around the test (for commands on a database that is not a `TempDb`).
pub fn knot_on(url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .env_remove("KNOT_ADMIN_PASSWORD")
        .envs(env.iter().copied())
        .output()
        .expect("knot runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `--answer` flags answering every question that applies without widespread pain calmly,
/// except those in `change`.
pub fn calm_flags(change: &[(&str, &str)]) -> Vec<String> {
    use knot_care::screen::{QuestionKind, RuleTable};
    let mut flags = Vec::new();
    for question in RuleTable::builtin().questions_to_ask(&[]) {
        let value = match change.iter().find(|(id, _)| *id == question.id) {
            Some((_, value)) => value.to_string(),
            None => match question.kind {
                QuestionKind::YesNo => "no".into(),
                QuestionKind::Number => "42".into(),
                QuestionKind::Regions => "none".into(),
            },
        };
        flags.push("--answer".into());
        flags.push(format!("{}={value}", question.id));
    }
    flags
}
