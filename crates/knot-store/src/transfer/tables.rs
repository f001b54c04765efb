//! Which tables a transfer carries, in an order that satisfies their foreign keys, with each
//! column's kind; and which tables it leaves behind, with the reason. A test compares this list
//! with both backends' migrated schemas, so a new table or column cannot be forgotten.

/// How a column's value is held, on either backend (see `crate::codec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 64-bit integer (ids, keys, counts).
    Int,
    /// A flag.
    Bool,
    /// Text (words, notes, RFC 3339 times, JSON).
    Text,
    /// Bytes (signing keys).
    Bytes,
}

/// Which rows of a table belong to one person's export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonRows {
    /// `id` is the person's clinic.
    ClinicId,
    /// `id` is the person.
    PersonId,
    /// `person_id` is the person.
    PersonColumn,
    /// `user_id` is one of the person's users.
    UserColumn,
    /// None: the table holds no one person's records (or holds secrets a person export must
    /// not carry).
    None,
}

/// One carried table.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// The primary key (one column).
    pub key: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    /// Columns that point forward to rows written later (a correction's `superseded_by`):
    /// written empty, then filled once every row of the table is in.
    pub deferred: &'static [&'static str],
    /// Columns only a whole-database transfer carries: a person's export leaves them empty
    /// (the audit chain of the clinic the rows came from, most of whose rows it leaves
    /// behind). A row arriving with them empty matches a stored row that has them, and an
    /// import chains such audit rows onto the target's chain as it writes them.
    pub whole_only: &'static [&'static str],
    /// Whether `key` is a generated identity whose sequence must move past the copied ids.
    pub identity: bool,
    pub person_rows: PersonRows,
}

use Kind::{Bool, Bytes, Int, Text};

/// The carried tables, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "clinics",
        key: "id",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("personal", Bool),
            ("created_at", Text),
            ("retention_years", Int),
            ("minor_until_age", Int),
            ("therapists_see_all", Bool),
            ("admins_see_clinical", Bool),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::ClinicId,
    },
    Table {
        name: "people",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("display_name", Text),
            ("created_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonId,
    },
    Table {
        name: "users",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("email", Text),
            ("email_key", Text),
            ("display_name", Text),
            ("role", Text),
            ("password_hash", Text),
            ("local_cli", Bool),
            ("created_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "screenings",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("created_by", Int),
            ("created_at", Text),
            ("taken_at", Text),
            ("answers", Text),
            ("pain_regions", Text),
            ("local_regions", Text),
            ("rules_version", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "entries",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("created_by", Int),
            ("created_at", Text),
            ("recorded_at", Text),
            ("kind", Text),
            ("measure", Text),
            ("note", Text),
            ("corrects", Int),
            ("superseded_by", Int),
            ("deleted_at", Text),
        ],
        deferred: &["superseded_by"],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "plans",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("created_by", Int),
            ("created_at", Text),
            ("active", Bool),
            ("items", Text),
            ("sittings_per_day", Int),
            ("daily_pressure_cap_seconds", Int),
            ("reassess_on", Text),
            ("notes", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "sessions",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("created_by", Int),
            ("created_at", Text),
            ("started_at", Text),
            ("ended_at", Text),
            ("muscle_id", Text),
            ("trigger_point_id", Text),
            ("side", Text),
            ("technique", Text),
            ("tool", Text),
            ("target_discomfort", Int),
            ("pain_before", Int),
            ("pain_after", Int),
            ("holds", Text),
            ("stretch_done", Bool),
            ("outcome", Text),
            ("stop_reason", Text),
            ("plan_id", Int),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "clinic_staff",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("user_id", Int),
            ("role", Text),
            ("added_at", Text),
            ("removed_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::UserColumn,
    },
    Table {
        name: "staff_invitations",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("role", Text),
            ("email", Text),
            ("token_hash", Text),
            ("created_by", Int),
            ("created_at", Text),
            ("expires_at", Text),
            ("accepted_by", Int),
            ("accepted_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        // A clinic's invitations to its staff: the clinic's, not any one person's record.
        person_rows: PersonRows::None,
    },
    Table {
        name: "clients",
        key: "person_id",
        columns: &[
            ("person_id", Int),
            ("clinic_id", Int),
            ("email", Text),
            ("phone", Text),
            ("birth_date", Text),
            ("address", Text),
            ("emergency_contact", Text),
            ("health_history", Text),
            ("medications", Text),
            ("linked_user_id", Int),
            ("created_by", Int),
            ("created_at", Text),
            ("deleted_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: false,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "client_therapists",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("user_id", Int),
            ("assigned_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "consents",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("kind", Text),
            ("given_by", Text),
            ("given_at", Text),
            ("recorded_by", Int),
            ("recorded_at", Text),
            ("withdrawn_at", Text),
            ("withdrawal_note", Text),
            ("withdrawn_recorded_by", Int),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "visits",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("therapist_id", Int),
            ("created_at", Text),
            ("started_at", Text),
            ("health_change", Text),
            ("pain_drawing", Text),
            ("rom", Text),
            ("subjective", Text),
            ("objective", Text),
            ("assessment", Text),
            ("plan", Text),
            ("signed_at", Text),
            ("signed_by", Int),
            ("signed_hash", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "visit_findings",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("visit_id", Int),
            ("trigger_point_id", Text),
            ("side", Text),
            ("tender", Bool),
            ("taut_band", Bool),
            ("referral_reproduced", Bool),
            ("referral_regions", Text),
            ("twitch", Bool),
            ("jump_sign", Bool),
            ("ppt_kpa", Int),
            ("note", Text),
            ("recorded_by", Int),
            ("recorded_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "visit_treatments",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("visit_id", Int),
            ("trigger_point_id", Text),
            ("side", Text),
            ("technique", Text),
            ("tool", Text),
            ("discomfort", Int),
            ("hold_seconds", Int),
            ("passes", Int),
            ("response", Text),
            ("recorded_by", Int),
            ("recorded_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "visit_addenda",
        key: "id",
        columns: &[
            ("id", Int),
            ("clinic_id", Int),
            ("person_id", Int),
            ("visit_id", Int),
            ("author_id", Int),
            ("written_at", Text),
            ("text", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "web_sessions",
        key: "token_hash",
        columns: &[
            ("token_hash", Text),
            ("user_id", Int),
            ("csrf_token", Text),
            ("created_at", Text),
            ("expires_at", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: false,
        // Live sign-ins are secrets of the running server, not the person's record.
        person_rows: PersonRows::None,
    },
    Table {
        name: "audit_log",
        key: "id",
        columns: &[
            ("id", Int),
            ("at", Text),
            ("clinic_id", Int),
            ("user_id", Int),
            ("person_id", Int),
            ("action", Text),
            ("record", Text),
            ("record_id", Int),
            ("address", Text),
            ("session", Text),
            ("chain_seq", Int),
            ("prev_hash", Text),
            ("row_hash", Text),
        ],
        deferred: &[],
        whole_only: &["chain_seq", "prev_hash", "row_hash"],
        identity: true,
        person_rows: PersonRows::PersonColumn,
    },
    Table {
        name: "audit_heads",
        key: "clinic_id",
        columns: &[("clinic_id", Int), ("seq", Int), ("hash", Text)],
        deferred: &[],
        whole_only: &[],
        identity: false,
        // The end of each clinic's audit chain: a whole-database copy keeps it, so rows
        // removed from the end of the log stay detectable after a restore; a person's export
        // carries no chain.
        person_rows: PersonRows::None,
    },
    Table {
        name: "security_events",
        key: "id",
        columns: &[
            ("id", Int),
            ("at", Text),
            ("kind", Text),
            ("user_id", Int),
            ("client", Text),
            ("detail", Text),
        ],
        deferred: &[],
        whole_only: &[],
        identity: true,
        person_rows: PersonRows::UserColumn,
    },
    Table {
        name: "server_keys",
        key: "name",
        columns: &[("name", Text), ("key", Bytes)],
        deferred: &[],
        whole_only: &[],
        identity: false,
        // The server's signing keys: a whole-database copy keeps sessions valid; a person's
        // export must never carry them.
        person_rows: PersonRows::None,
    },
    // Two-factor sign-in belongs to the account: a restored backup must still sign in, and a
    // person's own export carries it with their user (the secret is theirs; the recovery codes
    // are only digests).
    Table {
        name: "two_factor",
        key: "user_id",
        columns: &[
            ("user_id", Int),
            ("secret", Text),
            ("enabled_at", Text),
            ("last_step", Int),
        ],
        deferred: &[],
        whole_only: &[],
        identity: false,
        person_rows: PersonRows::UserColumn,
    },
    Table {
        name: "two_factor_recovery",
        key: "code_hash",
        columns: &[("code_hash", Text), ("user_id", Int), ("used_at", Text)],
        deferred: &[],
        whole_only: &[],
        identity: false,
        person_rows: PersonRows::UserColumn,
    },
];

/// Tables a transfer leaves behind on purpose, with the reason.
pub const SKIPPED: &[(&str, &str)] = &[
    (
        "_sqlx_migrations",
        "the target's own migrations create and record its schema",
    ),
    (
        "person_writes",
        "a per-person count of writes that tells a read replica's reads whether it has caught \
         up; it only needs to grow from here on the target, whose replicas are made from it",
    ),
    (
        "live_sessions",
        "guided sessions in progress: working state of a browser sign-in, stored as a session \
         record once they end",
    ),
    (
        "limit_counters",
        "sign-in and sign-up rate-limit counts: working state that starts afresh within a day, \
         and whose keys are digests of e-mails and addresses, not anyone's record",
    ),
    (
        "password_resets",
        "hashes of one-time password-reset links that expire within the hour: short-lived \
         secrets, not anyone's record; a person asks again on the target",
    ),
];

/// The carried table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|table| table.name == name)
}
