//! A client's history over visits: for each trigger point and side, what was found and how it
//! responded, visit by visit; and this visit's pain drawing beside the last one's.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use knot_record::clinic::{NewFinding, NewTreatment, PainMark, VisitRecord};
use knot_record::{RecordId, Side, TenantCtx};

use crate::error::AppResult;
use crate::App;

/// One visit's word on one trigger point and side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointVisit {
    pub visit_id: RecordId,
    pub started_at: DateTime<Utc>,
    pub findings: Vec<NewFinding>,
    pub treatments: Vec<NewTreatment>,
}

/// One trigger point on one side across visits, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointHistory {
    pub trigger_point_id: String,
    pub side: Side,
    pub visits: Vec<PointVisit>,
}

/// A client's history as of one visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientHistory {
    pub points: Vec<PointHistory>,
    /// The pain drawing of the visit asked about, and of the visit before it (if any).
    pub this_drawing: Vec<PainMark>,
    pub last_drawing: Option<Vec<PainMark>>,
}

impl App {
    /// The client's history, with `visit`'s pain drawing against the previous visit's.
    pub async fn client_history(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
    ) -> AppResult<ClientHistory> {
        let visits = self.store.clinic().visits(ctx).await?;
        let at = visits
            .iter()
            .position(|record| record.visit.id == visit)
            .ok_or(crate::AppError::NotFound {
                record: "visit",
                id: visit,
            })?;
        let mut points: BTreeMap<(String, &'static str), PointHistory> = BTreeMap::new();
        for record in &visits {
            for finding in &record.findings {
                let f = &finding.finding;
                slot(&mut points, record, &f.trigger_point_id, f.side)
                    .findings
                    .push(f.clone());
            }
            for treatment in &record.treatments {
                let t = &treatment.treatment;
                slot(&mut points, record, &t.trigger_point_id, t.side)
                    .treatments
                    .push(t.clone());
            }
        }
        Ok(ClientHistory {
            points: points.into_values().collect(),
            this_drawing: visits[at].visit.pain_drawing.clone(),
            last_drawing: at
                .checked_sub(1)
                .map(|before| visits[before].visit.pain_drawing.clone()),
        })
    }
}

/// The entry of `record`'s visit in the history of the trigger point `id` on `side`.
fn slot<'a>(
    points: &'a mut BTreeMap<(String, &'static str), PointHistory>,
    record: &VisitRecord,
    id: &str,
    side: Side,
) -> &'a mut PointVisit {
    let point = points
        .entry((id.to_owned(), side.word()))
        .or_insert_with(|| PointHistory {
            trigger_point_id: id.to_owned(),
            side,
            visits: Vec::new(),
        });
    if point.visits.last().map(|visit| visit.visit_id) != Some(record.visit.id) {
        point.visits.push(PointVisit {
            visit_id: record.visit.id,
            started_at: record.visit.visit.started_at,
            findings: Vec::new(),
            treatments: Vec::new(),
        });
    }
    let last = point.visits.len() - 1;
    &mut point.visits[last]
}
