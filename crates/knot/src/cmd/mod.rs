//! One module per subcommand.

pub mod atlas;
pub mod body;
pub mod db;
pub mod demo;
pub mod find;
mod find_table;
pub mod history;
pub mod log;
mod page;
pub mod plan;
pub mod progress;
pub mod regions;
pub mod screen;
pub mod show;
mod terms;
pub mod treat;
