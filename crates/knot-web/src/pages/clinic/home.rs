//! The clinic's home pages.

use crate::routes::Route;

pub(super) fn routes() -> Vec<Route> {
    Vec::new()
}
