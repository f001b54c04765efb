//! One module per subcommand.

pub mod atlas;
pub mod body;
pub mod find;
mod find_table;
mod page;
pub mod regions;
pub mod show;
mod terms;
