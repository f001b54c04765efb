//! One module per subcommand.

pub mod atlas;
pub mod body;
pub mod find;
pub mod regions;
pub mod show;
mod find_table;
mod page;
mod terms;
