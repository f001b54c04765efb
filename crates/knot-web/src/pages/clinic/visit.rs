//! The clinic's visit pages.

use crate::routes::Route;

pub(super) fn routes() -> Vec<Route> {
    Vec::new()
}
