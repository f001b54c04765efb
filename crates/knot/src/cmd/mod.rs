//! One module per subcommand.

pub mod atlas;
pub mod audit;
pub mod backup;
pub mod body;
pub mod db;
pub mod demo;
mod demo_diary;
mod demo_sessions;
pub mod export;
mod files;
pub mod find;
mod find_table;
pub mod history;
mod history_page;
mod history_table;
pub mod log;
mod log_measure;
mod page;
pub mod plan;
mod plan_print;
pub mod progress;
pub mod regions;
pub mod screen;
mod screen_ask;
mod screen_input;
mod screen_print;
pub mod serve;
#[cfg(test)]
mod session_fixture;
pub mod show;
mod terms;
pub mod treat;
mod treat_plain;
mod treat_plan;
mod treat_tui;
mod wrap;
