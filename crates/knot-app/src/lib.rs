//! `knot-app`: Knot's use cases, one function each, under both front ends.
//!
//! The terminal (`knot`) and the browser (`knot-web`) parse what a person sent, make one call
//! here, and render the answer; a rule decided in a front end is a bug. This crate owns:
//!
//! - **who may act for whom** ([`access`]): the only place a `TenantCtx` is minted;
//! - **one safety policy**: no guided session and no saved plan without a screening on record;
//!   a treatment the screening rules out is refused;
//! - **one check per record**: diary entries and sessions are checked here whichever front end
//!   built them, and several entries logged at once are one transaction;
//! - **one error** ([`AppError`]), which each front end maps once to a status or an exit code.
//!
//! Depends on the pure crates (`knot-record`, `knot-care`, `knot-progress`, `knot-finder`,
//! `knot-atlas`, `knot-body`) and on the `Store` trait; never on a front end.

#![forbid(unsafe_code)]

pub mod access;
pub mod account;
mod atlas;
pub mod clinic;
pub mod csv;
mod diary;
mod error;
mod export_csv;
mod export_fhir;
mod find;
mod guided;
mod plan;
mod progress;
mod screening;
mod session_check;
mod sessions;
pub mod text;

use std::sync::Arc;

use knot_atlas::Atlas;
use knot_finder::Finder;
use knot_store::Store;

pub use access::{Actor, SignedIn};
pub use clinic::permissions::ClinicAction;
pub use diary::{DiaryPageRequest, DEFAULT_PAGE, ENTRY_KINDS};
pub use export_csv::{CsvExport, DIARY_COLUMNS, SESSION_COLUMNS};
// A page and its parts, so a front end reading pages names them from here.
pub use error::{AppError, AppResult, Guarded};
pub use find::describe_red_flags;
pub use guided::{GuidedStep, GUIDED_IDLE_LIMIT};
pub use knot_store::{EntryPage, PageCursor, PageOrder, MAX_PAGE};
pub use plan::{BuiltPlan, PlanRequest, PlanView, Today};
pub use progress::check_day;
pub use screening::JudgedScreening;
pub use session_check::{MAX_HOLDS, MAX_HOLD_SECONDS};

/// The application: the store and the reference data every use case reads.
#[derive(Debug, Clone)]
pub struct App {
    store: Arc<dyn Store>,
    atlas: &'static Atlas,
    finder: &'static Finder,
}

impl App {
    /// The application over `store`, with the built-in atlas and finder.
    pub fn new(store: Arc<dyn Store>) -> App {
        App {
            store,
            atlas: Atlas::builtin(),
            finder: Finder::builtin(),
        }
    }

    /// The atlas the use cases check against.
    pub fn atlas(&self) -> &'static Atlas {
        self.atlas
    }

    /// The store, for the front ends' own concerns that hold no health data (web sessions,
    /// sign-in limits, signing keys).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
